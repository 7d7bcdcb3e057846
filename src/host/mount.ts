/**
 * `mountConnectionBar`: the connection state machine (connecting → ready → reconnecting → ready |
 * failed, destroyed) around the shell frame, the bridge guard, the call model and the commands.
 */
import { BarError } from '../protocol/bar-error.js';
import { isDialableNumber, type CallMedia } from '../protocol/cec-commands.js';
import { BRIDGE_VERSION, SHELL_COMMAND_METHOD, randomId, type HostCommand, type ShellConfig, type ShellMessage } from '../protocol/bridge.js';
import type { BarErrorCode } from '../protocol/errors.js';
import { backoffDelay } from './backoff.js';
import { createBridgeGuard, POSTMATE_TYPE } from './bridge-guard.js';
import { createCallModel } from './call-model.js';
import { createEmitter } from './emitter.js';
import { errorSinks } from './internal.js';
import { resolveOptions } from './options.js';
import { createRecorder } from './recorder.js';
import { openShellFrame, type ShellFrame } from './shell-frame.js';
import { checkMediaWith } from './media-preflight.js';
import type { BarEventMap, Call, ConnectionBar, ConnectionState, MountOptions } from './types.js';

type Timer = ReturnType<typeof setTimeout>;
type Body = HostCommand extends infer C ? (C extends HostCommand ? Omit<C, 'v' | 'sessionId' | 'id'> : never) : never;
/** A pending callOut: settled by call.dialing, Call_Out_Fail, a refusing reply, its timeout or destroy. */
interface Out {
  res(c: Call): void;
  rej(e: BarError): void;
  t: Timer;
  id?: string;
}

/** Handshake resend period, as postmate's own. */
const HANDSHAKE_RESEND_MS = 500;

/**
 * Mount the CEC connection bar in a sandboxed frame. Throws `BarError('INVALID_OPTIONS')` for bad options.
 * @example
 * const bar = mountConnectionBar({
 *   container: '#cec-bar', shellUrl: 'https://bar.crm.example/shell/',
 *   cecContextPath: 'https://bar.crm.example/service-cloud/', tenantSpaceId: 'tenant-1',
 *   userAccount: 'alice', getAccessToken: () => fetch('/api/bar-token').then((r) => r.text()),
 * });
 * bar.on('call.ringing', (call) => crm.open(call.caller));
 * await bar.ready;
 */
export function mountConnectionBar(options: MountOptions): ConnectionBar {
  const o = resolveOptions(options, document);
  const sessionId = randomId();
  let box = o.container; // moveTo changes it: a reconnect reopens the frame there
  let holder: HTMLElement | undefined;
  let state: ConnectionState = 'connecting';
  let shell: ShellFrame | undefined;
  let epoch = 0; // bumped by every attempt and teardown: stale async work checks it
  let retries = 0;
  let loads = 0;
  let shook = false;
  let handshakeNow: (() => void) | undefined;
  let status: string | undefined;
  let token = '';
  let hsTimer: Timer | undefined;
  let guardTimer: Timer | undefined;
  let retryTimer: Timer | undefined;
  let nextId = 0;
  const unknown = new Map<string, number>();
  /** commands waiting for `ready` */
  let queue: (() => void)[] = [];
  const outs: Out[] = [];
  /** replies awaited by id (checkMedia) */
  const waits = new Map<string, (m: { ok: boolean; result?: unknown }) => void>();

  const err = (code: BarErrorCode, message: string, cause?: unknown): BarError => new BarError(code, message, cause === undefined ? undefined : { cause });
  // A throwing `error` listener is only logged: re-emitting would loop.
  const bus = createEmitter<BarEventMap>((e, name) =>
    name === 'error' ? o.logger.error?.('cec-bar-host: error listener threw', e) : emitError(err('LISTENER_FAILED', `${String(name)} listener threw`, e)),
  );
  const emitError = (e: BarError): void => bus.emit('error', e);
  const setState = (next: ConnectionState, error?: BarError): void => {
    if (next === state) return;
    const previous = state;
    state = next;
    bus.emit('connection', Object.freeze({ state, previous, ...(error ? { error } : {}) }));
  };

  let resolveReady!: () => void;
  let rejectReady!: (e: BarError) => void;
  const ready = new Promise<void>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
  ready.catch(() => {}); // the caller may never await it: no unhandled rejection

  const settleOut = (p: Out | undefined, e?: BarError, call?: Call): void => {
    const i = p ? outs.indexOf(p) : -1;
    if (!p || i < 0) return;
    outs.splice(i, 1);
    clearTimeout(p.t);
    if (e) p.rej(e);
    else p.res(call as Call);
  };
  const model = createCallModel({
    emit: bus.emit,
    confirmMs: o.callEndConfirmMs,
    onDial: (call) => settleOut(outs[0], undefined, call),
    onOutFail: (id) => settleOut(outs[0], err('CALL_OUT_FAILED', `AgentEvent_Call_Out_Fail ${id}`)),
  });
  const guard = createBridgeGuard({ sessionId, origin: o.shellOrigin, source: () => shell?.frame.contentWindow });
  const recorder = createRecorder(() => [token]);

  const post = (data: unknown): void => shell?.frame.contentWindow?.postMessage(data, o.shellOrigin);
  const send = (body: Body): string => {
    const cmd = { ...body, v: BRIDGE_VERSION, sessionId, id: `c${++nextId}` } as HostCommand;
    recorder.add('out', cmd);
    post({ postmate: 'call', type: POSTMATE_TYPE, property: SHELL_COMMAND_METHOD, data: cmd });
    return cmd.id;
  };
  const rejectAll = (e: BarError): void => {
    for (const p of [...outs]) settleOut(p, e);
    queue = [];
  };

  const clearTimers = (): void => {
    clearInterval(hsTimer);
    clearTimeout(guardTimer);
    clearTimeout(retryTimer);
  };
  const teardown = (): void => {
    epoch++;
    clearTimers();
    shell?.close();
    shell = undefined;
    shook = false;
    loads = 0;
    guard.reset();
  };

  const fail = (e: BarError, retry: boolean): void => {
    if (state === 'destroyed') return;
    teardown();
    model.suspect();
    o.logger.warn?.(`cec-bar-host: ${e.code}: ${e.message}`);
    if (retry && retries < o.attempts) {
      setState('reconnecting', e);
      retryTimer = setTimeout(start, backoffDelay(retries++, o));
      return;
    }
    setState('failed', e);
    rejectReady(e);
    rejectAll(e);
    emitError(e);
  };

  /** One connection attempt: a fresh token, the frame (kept when the shell reloaded in place), the handshake. */
  async function start(): Promise<void> {
    const my = ++epoch;
    clearTimers();
    shook = false;
    handshakeNow = undefined; // the last attempt's handshake carries its token
    status = undefined;
    guardTimer = setTimeout(
      () => fail(loads ? err('LOAD_FAILED', 'shell loaded, no handshake (404?)') : err('HANDSHAKE_TIMEOUT', `no shell in ${o.handshakeMs} ms`), true),
      o.handshakeMs,
    );
    try {
      token = await o.getAccessToken();
      if (typeof token !== 'string' || !token) throw 0;
    } catch (e) {
      if (my === epoch) fail(err('TOKEN_FAILED', 'getAccessToken(): no token', e), true);
      return;
    }
    if (my !== epoch) return;
    const model: ShellConfig = {
      v: BRIDGE_VERSION,
      sessionId,
      hostOrigin: location.origin,
      cecContextPath: o.cecContextPath,
      scriptPath: o.scriptPath,
      tenantSpaceId: o.tenantSpaceId,
      userAccount: o.userAccount,
      accessToken: token,
      events: [...o.events],
      barLoadTimeoutMs: Math.max(100, Math.round(o.barLoadMs)),
    };
    shell ??= openShellFrame({ container: box, url: o.shellUrl, origin: o.shellOrigin, sandbox: o.sandbox, allow: o.allow, onLoad });
    // Sent until answered, and only to the shell's page: posted to the frame's first about:blank,
    // the browser refuses it with a console warning.
    const hs = (): void => post({ postmate: 'handshake', type: POSTMATE_TYPE, model });
    handshakeNow = (): void => {
      clearInterval(hsTimer);
      hs();
      hsTimer = setInterval(hs, HANDSHAKE_RESEND_MS);
    };
    // A reloaded shell page is already there; a new frame's page starts the handshake from onLoad.
    if (shell.holdsShellDocument()) handshakeNow();
  }

  function onLoad(): void {
    loads++;
    if (!shell?.holdsShellDocument()) return;
    // The shell page is there now: handshake at once.
    if (!shook) return handshakeNow?.();
    // The shell page reloaded: a new page, a new shellId; rebuild the connection on the same frame.
    guard.reset();
    model.suspect();
    setState('reconnecting');
    void start();
  }

  const onHandshake = (): void => {
    if (shook || !shell) return;
    shook = true;
    clearInterval(hsTimer);
    clearTimeout(guardTimer);
    guardTimer = setTimeout(() => fail(err('LOAD_FAILED', `no bar in ${o.barLoadMs} ms`), true), o.barLoadMs + o.handshakeMs);
    send({ kind: 'replay', fromSeq: guard.counts.lastSeq });
  };

  const handle = (m: ShellMessage): void => {
    recorder.add('in', m);
    if (m.kind === 'reply') waits.get(m.id)?.(m);
    if (m.kind === 'cec') {
      const ev = m.event;
      if (ev.eventType === 'unknown') unknown.set(ev.rawEventType, (unknown.get(ev.rawEventType) ?? 0) + 1);
      if (typeof ev.content === 'object' && ev.content !== null) Object.freeze(ev.content);
      bus.emit('cec', Object.freeze(ev));
      model.apply(ev);
    } else if (m.kind === 'status') {
      status = m.status;
      if (m.status === 'loaded' && shook && state !== 'ready') {
        clearTimeout(guardTimer);
        retries = 0;
        setState('ready');
        resolveReady();
        for (const go of queue.splice(0)) go();
      } else if (m.status === 'bar-reloaded') model.suspect();
      else if (m.status === 'token-rejected') fail(err('AUTH_REJECTED', `token rejected: ${m.detail}`), false);
      else if (m.status === 'bar-failed') fail(err('LOAD_FAILED', `bar failed: ${m.detail}`), true);
    } else if (m.kind === 'reply' && !m.ok) {
      settleOut(
        outs.find((p) => p.id === m.id),
        err('CALL_OUT_FAILED', `${m.error?.code}: ${m.error?.message}`),
      );
    }
  };

  const onMessage = (e: MessageEvent): void => {
    const m = guard.check(e);
    if (m === 'handshake') onHandshake();
    else if (m) handle(m);
  };
  addEventListener('message', onMessage);

  const bar: ConnectionBar = {
    ready,
    get state() {
      return state;
    },
    get agent() {
      return model.agent;
    },
    get calls() {
      return model.calls;
    },
    recorder,
    on: bus.on,
    once: bus.once,
    off: bus.off,
    callOut(number: string, opts?: { readonly media?: CallMedia }): Promise<Call> {
      const media = opts?.media ?? 'audio';
      if (state === 'destroyed') return Promise.reject(err('DESTROYED', 'destroyed'));
      if (!isDialableNumber(number)) return Promise.reject(err('INVALID_NUMBER', 'callOut: expected 1-24 of 0-9*#'));
      if (media !== 'audio' && media !== 'video') return Promise.reject(err('INVALID_OPTIONS', 'callOut: media'));
      return new Promise<Call>((res, rej) => {
        const p: Out = { res, rej, t: setTimeout(() => settleOut(p, err('CALL_OUT_TIMEOUT', `no call.dialing in ${o.callOutMs} ms`)), o.callOutMs) };
        outs.push(p);
        const go = (): void => void (p.id = send({ kind: 'callout', number, media }));
        if (state === 'ready') go();
        else queue.push(go);
      });
    },
    reconnect() {
      if (state === 'destroyed') return;
      teardown();
      model.suspect();
      retries = 0;
      setState('reconnecting');
      void start();
    },
    destroy() {
      if (state === 'destroyed') return;
      teardown();
      removeEventListener('message', onMessage);
      model.endAll();
      const e = err('DESTROYED', 'destroyed');
      rejectAll(e);
      rejectReady(e);
      setState('destroyed');
      bus.clear();
      errorSinks.delete(bar);
    },
    checkMedia: () =>
      checkMediaWith(
        () =>
          new Promise((res, rej) => {
            if (state != 'ready') return rej();
            const id = send({ kind: 'checkMedia' });
            setTimeout(rej, o.handshakeMs); // a late reject after the answer does nothing
            waits.set(id, (m) => (waits.delete(id), m.ok ? res(m.result) : rej()));
          }),
      ),
    moveTo(c) {
      // null parks the frame in a hidden holder: a frame out of the document would unload
      const old = box === holder && box;
      if (!c) (holder = c = document.body.appendChild(document.createElement('div'))).hidden = true;
      const f = shell?.frame;
      const mv = (c as { moveBefore?: (n: Node, r: null) => void }).moveBefore;
      if (f) mv ? mv.call(c, f, null) : (o.logger.warn?.('cec-bar-host: moveTo reloads the frame'), c.append(f));
      if (old) old.remove();
      box = c;
      return !!mv || !f;
    },
    diagnostics: () => ({
      state,
      ...guard.counts,
      rejected: { ...guard.counts.rejected },
      unknownEvents: [...unknown.values()].reduce((a, b) => a + b, 0),
      unknownEventTypes: [...unknown.keys()],
      loads,
      ...(status ? { status } : {}),
    }),
  };
  errorSinks.set(bar, emitError);
  void start();
  return bar;
}
