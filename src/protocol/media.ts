/**
 * Media shapes shared by the mock's WebRTC signalling relay, the mock bar's phone, the customer
 * phone page, the shell's media check and the host's `bar.checkMedia()`.
 * The signalling transport is not documented by CEC (docs/cec-reference.md §7); everything here is chosen here.
 */
import { z } from './zod.js';

/** Which side of a call a signalling mailbox belongs to. */
export const SIGNAL_SIDES = ['agent', 'customer'] as const;
export type SignalSide = (typeof SIGNAL_SIDES)[number];

/** Largest SDP the relay accepts (chosen here: loopback audio SDPs are ~3 KB). */
export const MAX_SDP_CHARS = 32 * 1024;

/** One message one side posts for the other (non-trickle ICE: candidates travel inside the SDP). */
export const signalMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('offer'), sdp: z.string().check(z.minLength(1), z.maxLength(MAX_SDP_CHARS)) }),
  z.object({ type: z.literal('answer'), sdp: z.string().check(z.minLength(1), z.maxLength(MAX_SDP_CHARS)) }),
  /** The sender put the call on hold (true) or resumed it (false): the receiver stops/starts sending too. */
  z.object({ type: z.literal('hold'), on: z.boolean() }),
  z.object({ type: z.literal('bye') }),
]);
export type SignalMessage = z.infer<typeof signalMessageSchema>;

/** The call as the relay sees it (the mock engine's call state). */
export const SIGNAL_CALL_STATES = ['queued', 'ringing', 'dialing', 'talking', 'released', 'unknown'] as const;
export type SignalCallState = (typeof SIGNAL_CALL_STATES)[number];

/** Answer of `GET …/__mock/signal/{callId}/{side}?after=N`. */
export const signalPollSchema = z.object({
  /** `phone`: a customer phone page is on the line; `virtual`: nobody, the bar plays the customer. */
  peer: z.enum(['phone', 'virtual']),
  call: z.object({ state: z.enum(SIGNAL_CALL_STATES), held: z.boolean(), endReason: z.nullable(z.string()) }),
  messages: z.array(z.object({ seq: z.number(), message: signalMessageSchema })),
});
export type SignalPoll = z.infer<typeof signalPollSchema>;

/** Body of `POST /__mock/signal/dial` (the customer phone page dials). */
export const signalDialSchema = z.object({
  caller: z.string().check(z.regex(/^[0-9*#]{1,24}$/)),
  called: z.string().check(z.regex(/^[0-9*#]{1,24}$/)),
});

/** Body of `POST …/__mock/signal/agent/{workNo}/phone`: the bar reports its phone's state. */
export const phoneReportSchema = z.object({
  available: z.boolean(),
  why: z.optional(z.string().check(z.maxLength(256))),
});

/** CEC's not-ready reason "phone unavailable" (docs/cec-reference.md §2.4, AgentState_SetNotReady_Success). */
export const PHONE_UNAVAILABLE_REASON = 5;

/** `navigator.permissions` state of the microphone; `unknown` when the browser cannot say. */
export type MicPermission = 'granted' | 'denied' | 'prompt' | 'unknown';

/**
 * Result of `bar.checkMedia()`.
 * @example
 * const r: MediaCheck = await bar.checkMedia();
 * if (r.problems.length) supportTicket(r.problems.join('\n'));
 */
export interface MediaCheck {
  readonly secureContext: boolean;
  readonly microphonePermission: MicPermission;
  readonly delegated: { readonly hostFrame: boolean; readonly barFrame: boolean | null };
  readonly devices: number;
  readonly webrtc: boolean;
  /** Sentences a support engineer can act on; empty when the phone can work. */
  readonly problems: readonly string[];
}

/**
 * The plain sentences behind a media check, most fundamental first.
 * @example
 * mediaProblems({ secureContext: true, microphonePermission: 'denied', delegated: { hostFrame: true, barFrame: true }, devices: 1, webrtc: true });
 * // → ['the agent denied the microphone: allow it in the browser's site settings for the bar, then reload']
 */
export function mediaProblems(c: Omit<MediaCheck, 'problems'>): string[] {
  const p: string[] = [];
  if (!c.secureContext) p.push('the page is not a secure context: serve the CRM and the bar over HTTPS (or localhost)');
  if (!c.webrtc) p.push('this browser has no WebRTC (RTCPeerConnection): use a current Chrome, Edge or Firefox');
  if (!c.delegated.hostFrame) p.push("the CRM's iframe lacks allow=microphone: add allow=\"microphone; camera; autoplay\" to the bar's iframe");
  else if (c.delegated.barFrame === false) p.push('the bar frame (ccbarclient) lacks allow=microphone: the shell could not delegate the microphone to it');
  if (c.microphonePermission === 'denied' && c.delegated.hostFrame) p.push("the agent denied the microphone: allow it in the browser's site settings for the bar, then reload");
  if (c.devices === 0) p.push('no microphone was found: plug in a headset or enable the microphone in the operating system');
  return p;
}
