/**
 * The mock's WebRTC signalling wire: what the relay (signalling.ts), the mock bar's phone and the
 * customer phone page exchange. CEC's own signalling transport is not documented
 * (docs/cec-reference.md §7); everything here is chosen here. Browser-safe: zod only.
 */
import { z } from '../src/protocol/zod.js';
import { CALL_STATES } from './mock-state.js';

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

