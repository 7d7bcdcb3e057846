// Compile-only: the host's public types narrow by event name and eventType, and leak no `any`.
import { mountConnectionBar, preloadConnectionBar, isBarError, screenPop, type BarError, type ConnectionBar, type Call, type EndedCall, type BarDiagnostics, type ConnectionBarPreload, type PreloadOptions } from '../../src/host/index.js';
import type { Assert, Equal, IsAny } from './assert.js';

declare const bar: ConnectionBar;

bar.on('call.ended', (c) => {
  type _1 = Assert<Equal<typeof c, EndedCall>>;
  const outcome: 'completed' | 'missed' | 'failed' | 'abandoned' | 'unknown' = c.outcome;
  const by: 'agent' | 'customer' | 'system' | 'unknown' = c.endedBy;
  const n: number = c.talkMs;
  void [outcome, by, n];
  // @ts-expect-error payloads are read-only
  c.outcome = 'missed';
});
bar.on('agent.state', (change) => {
  // the host's own verdicts carry a typed BarError (issue 14, item 13)
  type _sessionError = Assert<Equal<typeof change.error, BarError | undefined>>;
  if (change.error?.code === 'SESSION_NOT_RESUMED') void change.state;
  // @ts-expect-error not a BarError code
  if (change.error?.code === 'SIGNED_IN_ELSEWHERE') void change.state;
});
bar.on('call.ringing', (c) => {
  type _2 = Assert<Equal<typeof c, Call>>;
  // @ts-expect-error a ringing call has no outcome
  void c.outcome;
});
bar.on('agent.state', (s) => {
  const st: 'offline' | 'idle' | 'busy' | 'rest' | 'wrapUp' | 'inCall' = s.state;
  void st;
});
bar.on('connection', (c) => {
  if (c.error) {
    const code: string = c.error.code;
    void code;
  }
  // @ts-expect-error not a connection state
  if (c.state === 'sleeping') void 0;
});
bar.on('cec', (e) => {
  type _3 = Assert<Equal<IsAny<typeof e.content>, false>>;
  if (e.eventType === 'AgentEvent_Talking') {
    const id: string = e.content.callid;
    void id;
  } else if (e.eventType === 'AgentState_SetNotReady_Success') {
    const r: number = e.content.reason;
    void r;
  } else if (e.eventType === 'unknown') {
    const raw: string = e.rawEventType;
    // @ts-expect-error unknown content is `unknown`, not any
    void e.content.anything;
    void raw;
  }
  // @ts-expect-error content needs narrowing first
  void e.content.callid;
});
bar.on('error', (e) => {
  if (e.code === 'AUTH_REJECTED') void 0;
  // @ts-expect-error not a BarErrorCode
  if (e.code === 'NOPE') void 0;
});
// @ts-expect-error unknown event name
bar.on('call.rang', () => {});
// @ts-expect-error listener payload type must match
bar.on('call.ended', (c: string) => void c);

const off: () => void = bar.on('call.dialing', () => {});
off();
bar.once('call.connected', (c) => void c.connectedAt);
const p: Promise<Call> = bar.callOut('88889007', { media: 'video' });
// @ts-expect-error media is audio | video
void bar.callOut('1', { media: 'fax' });
const d: BarDiagnostics = bar.diagnostics();
const r: number = d.rejected.origin + d.rejected.sequence;
// The unknown event types are a bounded list plus a count of the events past it.
type _5 = Assert<Equal<typeof d.unknownEventTypes, readonly string[]>>;
type _6 = Assert<Equal<typeof d.unknownEventTypesDropped, number>>;
// @ts-expect-error not a reject reason
void d.rejected.nope;
type _4 = Assert<Equal<IsAny<ConnectionBar['calls'][number]>, false>>;
const st: 'connecting' | 'ready' | 'reconnecting' | 'failed' | 'destroyed' | 'standby' = bar.state;
void [p, r, st];

screenPop(bar, { lookup: async (c) => ({ id: c.callId }), open: (rec) => void rec.id });
// @ts-expect-error open receives the lookup's result type
screenPop(bar, { lookup: async () => 5, open: (rec: string) => void rec });

// @ts-expect-error required options are required
mountConnectionBar({ container: '#bar' });
const e: unknown = null;
if (isBarError(e)) {
  const c: string = e.code;
  void c;
}

// preloadConnectionBar: shellUrl required, sandbox and allow optional strings; the handle only abandons.
const preload: ConnectionBarPreload = preloadConnectionBar({ shellUrl: 'https://bar.crm.example/shell/' });
preload.abandon();
type _preloadReturns = Assert<Equal<ReturnType<typeof preloadConnectionBar>, ConnectionBarPreload>>;
type _preloadOptions = Assert<Equal<Parameters<typeof preloadConnectionBar>[0], PreloadOptions>>;
const preloadOptions: PreloadOptions = { shellUrl: 'https://bar.crm.example/shell/', sandbox: 'allow-scripts allow-same-origin', allow: 'microphone' };
void preloadOptions;
// @ts-expect-error shellUrl is required
preloadConnectionBar({});
// @ts-expect-error a preload takes no container or token: it only loads the shell page
preloadConnectionBar({ shellUrl: 'https://bar.crm.example/shell/', getAccessToken: async () => 't' });
// @ts-expect-error abandon() returns nothing to await
void preload.abandon().then;
