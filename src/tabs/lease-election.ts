/**
 * The owner election where Web Locks is missing: a lease kept alive by heartbeats on a dedicated
 * BroadcastChannel. Every owner has a term; the higher term wins, then the smaller id, so two
 * tabs that both think they own the bar (a late message) settle on one without talking it over.
 *
 * - `join`: claim at once; an owner answers a claim with a heartbeat, which makes the claimant back off.
 * - claim: wait `claimMs`; a heartbeat or a claim from a smaller id backs off; else own the bar.
 * - owner: heartbeat every `beatMs`; `leave` says goodbye so a candidate claims at once.
 * - candidate: claims when no heartbeat came for `staleMs` (a crashed owner).
 * - `steal`: own the bar with the next term; the old owner hears it and steps down.
 */
import type { Election, ElectionHooks } from './election.js';

/** The slice of BroadcastChannel the lease uses. @example const ch: LeaseChannel = new BroadcastChannel('crm:alice.chen#lease'); */
export interface LeaseChannel {
  postMessage(m: unknown): void;
  close(): void;
  onmessage: ((e: MessageEvent) => void) | null;
}
/**
 * Timing of the BroadcastChannel lease that elects the owner tab where Web Locks is missing.
 *
 * @example
 * ```ts
 * import { mountSharedConnectionBar, type LeaseTiming } from 'cec-bar-host/tabs';
 * const slower: Partial<LeaseTiming> = { beatMs: 800, staleMs: 2600 };
 * mountSharedConnectionBar({ ...options, tabs: { lease: slower } });
 * ```
 */
export interface LeaseTiming {
  /** The owner's heartbeat period. */
  readonly beatMs: number;
  /** A lease with no heartbeat for this long is stale: other tabs claim it. */
  readonly staleMs: number;
  /** How long a claim waits for objections before the claiming tab owns the bar. */
  readonly claimMs: number;
}
/**
 * Defaults: a closing owner says goodbye (new owner in about `claimMs`); a crashed one is replaced
 * within staleMs + beatMs + claimMs (under 2 s). A live owner whose timers a background tab slows
 * down is not replaced: the claim a stale lease causes is answered by its heartbeat at once.
 * @example LEASE_TIMING.beatMs; // 400
 */
export const LEASE_TIMING: LeaseTiming = Object.freeze({ beatMs: 400, staleMs: 1300, claimMs: 250 });

type LeaseMessage = { t: 'beat' | 'claim' | 'steal' | 'bye'; id: string; term: number };
const parseLease = (x: unknown): LeaseMessage | undefined => {
  if (typeof x !== 'object' || x === null) return undefined;
  const m = x as Record<string, unknown>;
  const ok = (m.t === 'beat' || m.t === 'claim' || m.t === 'steal' || m.t === 'bye') && typeof m.id === 'string' && m.id.length <= 64;
  return ok && Number.isSafeInteger(m.term) && (m.term as number) >= 0 ? (m as LeaseMessage) : undefined;
};

/**
 * @example
 * const e = createLeaseElection(new BroadcastChannel('crm:alice.chen#lease'), { own: mount, lost: unmount });
 * e.join();
 */
export function createLeaseElection(channel: LeaseChannel, hooks: ElectionHooks, timing: Partial<LeaseTiming> = {}): Election {
  const { beatMs, staleMs, claimMs } = { ...LEASE_TIMING, ...timing };
  const id = crypto.randomUUID();
  let role: 'out' | 'candidate' | 'claiming' | 'owner' | 'left' = 'out';
  /** The highest term seen; an owner's own term while it owns. */
  let term = 0;
  let lastBeat = 0;
  let tick: ReturnType<typeof setInterval> | undefined;
  let claimTimer: ReturnType<typeof setTimeout> | undefined;

  const post = (t: LeaseMessage['t']): void => channel.postMessage({ t, id, term });
  const toCandidate = (): void => {
    clearTimeout(claimTimer);
    if (role === 'owner') hooks.lost();
    role = 'candidate';
    lastBeat = Date.now();
  };
  const own = (nextTerm: number): void => {
    clearTimeout(claimTimer);
    role = 'owner';
    term = nextTerm;
    post('beat');
    hooks.own();
  };
  const claim = (): void => {
    if (role !== 'candidate' && role !== 'out') return;
    role = 'claiming';
    post('claim');
    claimTimer = setTimeout(() => role === 'claiming' && own(term + 1), claimMs);
  };
  const onTick = (): void => {
    if (role === 'owner') post('beat');
    else if (role === 'candidate' && Date.now() - lastBeat > staleMs) claim();
  };

  channel.onmessage = (e) => {
    const m = parseLease(e.data);
    if (!m || m.id === id || role === 'left' || role === 'out') return;
    const mine = term;
    term = Math.max(term, m.term);
    if (m.t === 'bye') {
      if (role === 'candidate') claim();
    } else if (m.t === 'steal') {
      toCandidate();
    } else if (role === 'owner') {
      // another owner: the higher term, then the smaller id, keeps the bar; a claim just gets told
      if (m.t === 'beat' && (m.term > mine || (m.term === mine && m.id < id))) toCandidate();
      else ((term = mine), post('beat'));
    } else if (m.t === 'beat' || (role === 'claiming' && m.id < id)) {
      toCandidate();
    }
  };

  return {
    join() {
      if (role !== 'out') return;
      tick = setInterval(onTick, beatMs);
      claim();
    },
    steal() {
      if (role === 'left' || role === 'owner') return;
      tick ??= setInterval(onTick, beatMs);
      term += 1;
      post('steal');
      own(term);
    },
    leave() {
      if (role === 'left') return;
      if (role === 'owner') post('bye');
      role = 'left';
      clearInterval(tick);
      clearTimeout(claimTimer);
      channel.onmessage = null;
      channel.close();
    },
  };
}
