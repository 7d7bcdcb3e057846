/**
 * `cec-bar-host/tabs`: one bar per agent across the tabs of an origin. The owner tab (elected by
 * Web Locks, or a BroadcastChannel lease where Web Locks is missing) mounts the frame; the others
 * are `standby`, get every event relayed over a BroadcastChannel, can `callOut` and `checkMedia`
 * through the owner and `takeOver()`. A tab that becomes the owner mid-call carries the live calls.
 *
 * - `owner.ts`: the owner's mounted core and the relay of its events;
 * - `requests-to-owner.ts`: a standby tab's requests, waiting for the owner's answers;
 * - `election.ts`, `lease-election.ts`: who owns the bar; `wire.ts`: the tab-to-tab messages.
 * @packageDocumentation
 */
import { BarError, isBarError } from '../protocol/bar-error.js';
import { BAR_ERROR_CODES, type BarErrorCode } from '../protocol/errors.js';
import { randomId } from '../protocol/bridge.js';
import type { CallMedia } from '../protocol/cec-commands.js';
import type { MediaCheck } from '../protocol/media.js';
import { endedCall } from '../host/call-model.js';
import { createBarEmitter, type Emitter } from '../host/emitter.js';
import { errorSinks } from '../host/internal.js';
import { mountConnectionBar } from '../host/mount.js';
import { createRecorder } from '../host/recorder.js';
import { DEFAULT_CONFIRM_MS } from '../host/session-check.js';
import type { AgentSnapshot, BarDiagnostics, Call, ConnectionBar, ConnectionState } from '../host/types.js';
import { createLockElection, type Election } from './election.js';
import { createLeaseElection } from './lease-election.js';
import { ownBar, type OwnedBar } from './owner.js';
import { createRequestsToOwner } from './requests-to-owner.js';
import type { Ownership, SharedBarEventMap, SharedConnectionBar, SharedMountOptions, TabsEnv } from './types.js';
import { parseWire, type Relayed, type Snapshot, type Wire, type WireAnswer } from './wire.js';

// The host's API too, so that a page using only the tabs entry (or its `<script>` build,
// `CecBarTabs`) has screenPop, isBarError and the rest without loading the host entry twice.
export * from '../host/index.js';
export { parseWire, RELAYED, type Wire, type WireRequest, type WireAnswer, type Snapshot, type Relayed } from './wire.js';
export type { LeaseTiming } from './lease-election.js';
export type { Ownership, SharedBarEventMap, SharedConnectionBar, SharedMountOptions, TabsEnv } from './types.js';

const browserEnv = (): TabsEnv => ({
  locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
  channel: (name) => new BroadcastChannel(name),
  mount: mountConnectionBar,
  onPageHide(listener) {
    addEventListener('pagehide', listener);
    return () => removeEventListener('pagehide', listener);
  },
});

const destroyedError = (): BarError => new BarError('DESTROYED', 'the bar was destroyed');

/**
 * Mount the bar once per agent across the tabs of an origin. The owner tab (elected by Web Locks,
 * or a BroadcastChannel lease where Web Locks is missing) mounts the frame; the others are
 * `standby`, get every event relayed, and can `callOut`, `checkMedia` and `takeOver()` through it.
 * Options are checked (by `mountConnectionBar`) only when this tab becomes the owner and mounts the frame.
 *
 * @param options - `mountConnectionBar`'s options, plus `tabs`.
 * @param env - The browser APIs; inject them in tests.
 * @example
 * ```ts
 * import { mountSharedConnectionBar } from 'cec-bar-host/tabs';
 * const bar = mountSharedConnectionBar({ ...options, tabs: { channelName: 'crm' } });
 * bar.on('call.ringing', (call) => popRecord(call.caller)); // in every tab
 * bar.on('ownership', (ownership) => showBarHere(ownership.owner));
 * ```
 */
export function mountSharedConnectionBar(options: SharedMountOptions, env: TabsEnv = browserEnv()): SharedConnectionBar {
  const tabId = randomId();
  const channelName = `${options.tabs?.channelName ?? 'cec-bar-host'}:${options.userAccount}`;
  const requestMs = options.tabs?.requestMs ?? options.timeouts?.callOutMs ?? 30_000;
  const events = createBarEmitter<SharedBarEventMap>(options.logger);
  const recorder = createRecorder();
  const channel = env.channel(channelName);
  const channelCounts = { received: 0, delivered: 0, malformed: 0 };
  const post = (message: Wire): void => {
    recorder.add('out', message);
    channel.postMessage(message);
  };
  const requests = createRequestsToOwner(post, requestMs);
  /** Set while this tab owns the bar. */
  let owned: OwnedBar | undefined;
  let state: ConnectionState = 'standby';
  /** Standby: the owner's last snapshot. Owner: what this tab knew when it took over. */
  let agent: AgentSnapshot = Object.freeze({ state: 'offline', since: Date.now() });
  let calls: readonly Call[] = [];
  /** Where the frame goes when this tab owns the bar: the CRM may re-render while the tab is standby. */
  let container: HTMLElement | string | null = options.container;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  function setState(next: ConnectionState): void {
    if (next === state) return;
    const previous = state;
    state = next;
    events.emit('connection', { state, previous });
  }
  const ownership = (): Ownership => ({ owner: !!owned, tabId });
  const currentAgent = (): AgentSnapshot => owned?.agent() ?? agent;
  const currentCalls = (): Call[] => owned?.calls() ?? [...calls];
  const snapshot = (): Snapshot => ({ agent: currentAgent(), calls: currentCalls(), ready: owned?.core.state === 'ready' });
  const announceOwner = (): void => post({ t: 'owner', tabId, ...snapshot() });

  /** Emit in this tab and relay to the standby tabs, with the snapshot after the event. */
  function publish(name: Relayed, payload: unknown): void {
    post({ t: 'ev', name, p: errorToWire(payload), ...snapshot() });
    events.emit(name, payload as never);
  }

  function becomeOwner(): void {
    const core = env.mount(container === null ? options : { ...options, container });
    if (container === null) core.moveTo(null);
    const hooks = {
      publish,
      setState,
      announce: announceOwner,
      onError: (error: BarError) => events.emit('error', error),
      onReady: () => resolveReady(),
      confirmMs: options.timeouts?.callEndConfirmMs ?? DEFAULT_CONFIRM_MS,
    };
    owned = ownBar(core, { agent, calls }, hooks);
    setState(core.state);
    announceOwner();
    events.emit('ownership', ownership());
  }

  /** Unmount without ending anything: the calls live on with the next owner. */
  function stopOwning(): void {
    if (!owned) return;
    const previous = owned;
    agent = previous.agent();
    calls = Object.freeze(previous.calls());
    owned = undefined;
    previous.release();
  }

  const election: Election = env.locks
    ? createLockElection(env.locks, options.tabs?.lockName ?? channelName, { own: becomeOwner, lost: onOwnershipLost })
    : createLeaseElection(env.channel(`${channelName}#lease`), { own: becomeOwner, lost: onOwnershipLost }, options.tabs?.lease);
  // The lease says goodbye as the page goes, so another tab takes over at once (a lock frees itself).
  const stopWatchingPageHide = env.locks ? undefined : env.onPageHide?.(() => election.leave());

  function onOwnershipLost(): void {
    if (!owned) return;
    stopOwning();
    setState('standby');
    events.emit('ownership', ownership());
  }

  channel.onmessage = (event) => {
    if (state === 'destroyed') return;
    channelCounts.received++;
    const message = parseWire(event.data);
    if (!message) return void channelCounts.malformed++;
    channelCounts.delivered++;
    recorder.add('in', message);
    if (message.t === 'res') requests.onAnswer(message);
    else if (owned) serveStandbyTab(message, owned.core);
    else followOwner(message);
  };

  /** Posts the outcome of a standby tab's request as its answer. */
  function answer(id: string, work: Promise<Partial<WireAnswer>>): void {
    const answered = (result: Partial<WireAnswer>): void => post({ t: 'res', id, ...result });
    const failed = (error: unknown): void =>
      post({ t: 'res', id, code: isBarError(error) ? error.code : 'CALL_OUT_FAILED', message: error instanceof Error ? error.message : String(error) });
    void work.then(answered, failed);
  }

  /** The owner's side of the tab channel: do what a standby tab asks of the bar. */
  function serveStandbyTab(message: Wire, core: ConnectionBar): void {
    if (message.t === 'hello') announceOwner();
    if (message.t === 'reconnect') core.reconnect();
    if (message.t === 'out') answer(message.id, core.callOut(message.number, { media: message.media }).then((call) => ({ call })));
    if (message.t === 'media') answer(message.id, core.checkMedia().then((media) => ({ media })));
    if (message.t !== 'ask') return;
    // The bar moves only between calls, unless the asking tab insists.
    if (currentCalls().length > 0 && !message.force) post({ t: 'res', id: message.id, code: 'TAKEOVER_REFUSED', message: 'a call is live in the owner tab' });
    else post({ t: 'res', id: message.id });
  }

  /** A standby tab's side of the tab channel: show what the owner tab reports. */
  function followOwner(message: Wire): void {
    if (message.t === 'ev' || message.t === 'owner') {
      // A snapshot (this tab just opened, or a new owner) can tell of a change no event carried.
      if (message.t === 'owner' && message.agent.state !== agent.state) {
        events.emit('agent.state', Object.freeze({ state: message.agent.state, previous: agent.state, at: Date.now() }));
      }
      agent = Object.freeze(message.agent);
      calls = Object.freeze(message.calls.map((call) => Object.freeze(call)));
      if (message.ready) resolveReady(); // the bar is usable, from this tab too
    }
    if (message.t === 'ev') events.emit(message.name, Object.freeze(errorFromWire(message.p)) as never);
  }

  election.join();
  post({ t: 'hello' });

  const requestTimeout = (code: BarErrorCode) => (): BarError => new BarError(code, `no answer from the owner tab in ${requestMs} ms`);

  async function callOut(number: string, callOptions?: { readonly media?: CallMedia }): Promise<Call> {
    if (state === 'destroyed') throw destroyedError();
    if (owned) return owned.core.callOut(number, callOptions);
    const request = { t: 'out', id: randomId(), number, media: callOptions?.media ?? 'audio' } as const;
    const reply = await requests.send(request, requestTimeout('CALL_OUT_TIMEOUT'));
    if (reply.code) throw new BarError(knownCode(reply.code, 'CALL_OUT_FAILED'), reply.message ?? reply.code);
    if (!reply.call) throw new BarError('CALL_OUT_FAILED', 'the owner tab answered without a call');
    return reply.call;
  }

  async function takeOver(takeOverOptions?: { readonly force?: boolean }): Promise<void> {
    if (owned || state === 'destroyed') return;
    const request = { t: 'ask', id: randomId(), force: !!takeOverOptions?.force } as const;
    const noAnswer = (): BarError => new BarError('TAKEOVER_REFUSED', `no owner tab answered in ${requestMs} ms`);
    const reply = await requests.send(request, noAnswer);
    if (reply.code) throw new BarError('TAKEOVER_REFUSED', reply.message ?? 'refused');
    if (owned) return; // became the owner meanwhile
    if (bar.state === 'destroyed') throw destroyedError(); // destroyed while waiting
    await stealOwnership(events, election);
  }

  async function checkMedia(): Promise<MediaCheck> {
    if (state === 'destroyed') throw destroyedError();
    if (owned) return owned.core.checkMedia();
    const reply = await requests.send({ t: 'media', id: randomId() }, requestTimeout('STANDBY'));
    if (reply.code || !reply.media) throw new BarError('MEDIA_UNAVAILABLE', reply.message ?? 'the owner tab could not check the media');
    return reply.media;
  }

  function destroy(): void {
    if (state === 'destroyed') return;
    // This tab's view of every live call ends here; the calls themselves go on in the other tabs.
    const now = Date.now();
    for (const call of currentCalls()) events.emit('call.ended', endedCall(call, 'unknown', 'unknown', now));
    stopOwning();
    election.leave();
    stopWatchingPageHide?.();
    setState('destroyed');
    channel.close();
    events.clear();
    errorSinks.delete(bar);
    requests.rejectAll(destroyedError());
  }

  const bar: SharedConnectionBar = {
    ready,
    get state() {
      return state;
    },
    get agent() {
      return currentAgent();
    },
    get calls() {
      return Object.freeze(currentCalls());
    },
    get ownership() {
      return ownership();
    },
    get recorder() {
      return owned?.core.recorder ?? recorder;
    },
    on: events.on,
    once: events.once,
    off: events.off,
    callOut,
    takeOver,
    reconnect() {
      if (owned) owned.core.reconnect();
      else if (state !== 'destroyed') post({ t: 'reconnect' });
    },
    moveTo(target) {
      container = target;
      return owned ? owned.core.moveTo(target) : true;
    },
    diagnostics: () => owned?.core.diagnostics() ?? standbyDiagnostics(state, channelCounts),
    checkMedia,
    destroy,
  };
  // screenPop(bar, …) reports a failing lookup on this bar's `error` event, as on a plain bar
  errorSinks.set(bar, (error) => events.emit('error', error));
  return bar;
}

/** Takes the bar from the owner tab; resolves once this tab owns it, rejects if this bar is destroyed first. */
function stealOwnership(events: Emitter<SharedBarEventMap>, election: Election): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stopListening = [
      events.on('ownership', (change) => {
        if (!change.owner) return;
        for (const stop of stopListening) stop();
        resolve();
      }),
      events.on('connection', (change) => {
        if (change.state === 'destroyed') reject(destroyedError());
      }),
    ];
    election.steal();
  });
}

/**
 * An `agent.state` payload's `error` as the tab channel carries it: structured cloning keeps
 * neither the `BarError` class nor its `code`, so it travels as `{ name, code, message }`.
 */
function errorToWire(payload: unknown): unknown {
  const error = (payload as { error?: unknown } | null)?.error;
  return isBarError(error) ? { ...(payload as object), error: { name: error.name, code: error.code, message: error.message } } : payload;
}

/** The other way: a `BarError` again, or no `error` at all when what came is not one of ours. */
function errorFromWire(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return payload;
  const { error, ...rest } = payload as { error: unknown };
  return isBarError(error) ? { ...rest, error: new BarError(error.code, error.message) } : rest;
}

/** An error code another tab sent: kept when it is one of ours, else `fallback`. */
function knownCode(code: string, fallback: BarErrorCode): BarErrorCode {
  return (BAR_ERROR_CODES as readonly string[]).includes(code) ? (code as BarErrorCode) : fallback;
}

/** A standby tab has no frame: its counters are those of the tab channel. */
function standbyDiagnostics(state: ConnectionState, counts: { received: number; delivered: number; malformed: number }): BarDiagnostics {
  const rejected = { origin: 0, source: 0, session: 0, sequence: 0, shape: counts.malformed, size: 0, version: 0 };
  return { state, received: counts.received, delivered: counts.delivered, rejected, gaps: 0, missing: 0, unknownEvents: 0, unknownEventTypes: [], unknownEventTypesDropped: 0, loads: 0, lastSeq: 0, status: 'standby' };
}
