/**
 * The mock's WebRTC signalling wire: what the relay (signalling.ts), the mock bar's phone and the
 * customer phone page exchange. CEC's own signalling transport is not documented
 * (docs/cec-reference.md §7); everything here is chosen here. Browser-safe: zod only.
 */
import { z } from '../src/protocol/zod.js';
import { CALL_STATES } from './mock-state.js';

/** A call's media: audio only, or audio and video. */
export const CALL_MEDIA = ['audio', 'video'] as const;
export type CallMedia = (typeof CALL_MEDIA)[number];

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

/** The call as the relay sees it: the engine's call state, or `unknown` for a call it does not know. */
export const SIGNAL_CALL_STATES = [...CALL_STATES, 'unknown'] as const;
export type SignalCallState = (typeof SIGNAL_CALL_STATES)[number];

/** Answer of `GET …/__mock/signal/{callId}/{side}?after=N`. */
export const signalPollSchema = z.object({
  /** `phone`: a customer phone page is on the line; `virtual`: nobody, the bar plays the customer. */
  peer: z.enum(['phone', 'virtual']),
  call: z.object({ state: z.enum(SIGNAL_CALL_STATES), held: z.boolean(), endReason: z.nullable(z.string()) }),
  messages: z.array(z.object({ seq: z.number(), message: signalMessageSchema })),
  /** `video`: both sides add a camera track (docs/cec-reference.md §7.2). */
  media: z.enum(CALL_MEDIA),
});
export type SignalPoll = z.infer<typeof signalPollSchema>;

/** Body of `POST /__mock/signal/dial` (the customer phone page dials). */
export const signalDialSchema = z.object({
  caller: z.string().check(z.regex(/^[0-9*#]{1,24}$/)),
  called: z.string().check(z.regex(/^[0-9*#]{1,24}$/)),
  /** `video`: a video call (the page sends its camera). Default: the skill queue's media type decides. */
  media: z.optional(z.enum(CALL_MEDIA)),
});

/** Answer of `POST /__mock/signal/dial`: the call, and the phone page's credential for its side of it. */
export const signalDialAnswerSchema = z.object({ callId: z.string().check(z.minLength(1), z.maxLength(64)), phoneToken: z.string().check(z.minLength(1), z.maxLength(128)) });
export type SignalDialAnswer = z.infer<typeof signalDialAnswerSchema>;

/** The header carrying the customer phone's token (the agent side carries the gateway's `Guid` instead). */
export const PHONE_TOKEN_HEADER = 'X-Mock-Phone-Token';

/** Body of `POST …/__mock/signal/agent/{workNo}/phone`: the bar reports its phone's state. */
export const phoneReportSchema = z.object({
  available: z.boolean(),
  why: z.optional(z.string().check(z.maxLength(256))),
});


// ---------------------------------------------------------------------------------------------
// Agent devices (docs/cec-reference.md §7.3): the softphone double and the phone lines.
// ---------------------------------------------------------------------------------------------

/** The header carrying a registered device's token (softphone page, or a phone page's line). */
export const DEVICE_TOKEN_HEADER = 'X-Mock-Device-Token';

/** Body of `POST /__mock/signal/device/softphone`: register as OpenEye does, with the agent's SIP account. */
export const softphoneRegisterSchema = z.object({
  sipAccount: z.string().check(z.minLength(1), z.maxLength(24)),
  sipPwd: z.string().check(z.minLength(1), z.maxLength(24)),
});

/** Body of `POST /__mock/signal/device/line`: a phone page answers calls to its number. */
export const lineRegisterSchema = z.object({ number: z.string().check(z.regex(/^[0-9*#]{1,24}$/)) });

/** Answer of both registrations. `workNo`: the agent whose device this is (null: a customer's line). */
export const deviceRegisteredSchema = z.object({
  deviceToken: z.string().check(z.minLength(1), z.maxLength(128)),
  workNo: z.nullable(z.number()),
  name: z.string(),
});
export type DeviceRegistered = z.infer<typeof deviceRegisteredSchema>;

/** The call a device is to ring or carry; `side` is its signalling side. */
export const deviceCallSchema = z.object({
  callId: z.string(),
  state: z.enum(SIGNAL_CALL_STATES),
  caller: z.string(),
  called: z.string(),
  media: z.enum(CALL_MEDIA),
  side: z.enum(SIGNAL_SIDES),
});
export type DeviceCall = z.infer<typeof deviceCallSchema>;

/** Answer of `GET /__mock/signal/device/poll`: the device's call now (null when none). */
export const devicePollSchema = z.object({ registered: z.boolean(), call: z.nullable(deviceCallSchema) });
export type DevicePoll = z.infer<typeof devicePollSchema>;

/** Body of `POST /__mock/signal/device/answer` and `…/hangup`. */
export const deviceCallActionSchema = z.object({ callId: z.string().check(z.minLength(1), z.maxLength(64)) });
