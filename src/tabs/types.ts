/** The public types of `cec-bar-host/tabs`. */
import type { BarEventMap, ConnectionBar, MountOptions } from '../host/types.js';
import type { LeaseTiming } from './lease-election.js';

/**
 * This tab's relation to the shared bar (`bar.ownership`, and the `ownership` event on changes).
 *
 * @example
 * ```ts
 * import { mountSharedConnectionBar } from 'cec-bar-host/tabs';
 * const bar = mountSharedConnectionBar(options);
 * showBarHere(bar.ownership.owner); // the initial value: the event fires only on changes
 * bar.on('ownership', (ownership) => showBarHere(ownership.owner));
 * ```
 */
export interface Ownership {
  /** This tab holds the bar. */
  readonly owner: boolean;
  /** This tab's own random id, for your logs; it does not name the owner. */
  readonly tabId: string;
}
/**
 * The event map of a shared bar: every `ConnectionBar` event, plus `ownership`.
 *
 * @example
 * ```ts
 * import type { SharedBarEventMap } from 'cec-bar-host/tabs';
 * const onOwnership = (ownership: SharedBarEventMap['ownership']) => showBarHere(ownership.owner);
 * ```
 */
export interface SharedBarEventMap extends BarEventMap {
  /** This tab became the owner, or stopped being it. */
  ownership: Ownership;
}
/**
 * Options of `mountSharedConnectionBar`: `mountConnectionBar`'s, plus `tabs`.
 *
 * @example
 * ```ts
 * import { mountSharedConnectionBar } from 'cec-bar-host/tabs';
 * mountSharedConnectionBar({ ...options, tabs: { channelName: 'crm-bar', requestMs: 10_000 } });
 * ```
 */
export interface SharedMountOptions extends MountOptions {
  /** How the tabs find each other and elect the owner. */
  readonly tabs?: {
    /**
     * Prefix of the per-agent BroadcastChannel and lock names (`<channelName>:<userAccount>`).
     * @default 'cec-bar-host'
     */
    readonly channelName?: string;
    /**
     * The Web Lock's name.
     * @default `<channelName>:<userAccount>`
     */
    readonly lockName?: string;
    /**
     * How long a standby tab waits for the owner's answer (`callOut`, `takeOver`, `checkMedia`).
     * @default timeouts.callOutMs (30 000)
     */
    readonly requestMs?: number;
    /**
     * Timing of the BroadcastChannel lease used where Web Locks is missing.
     * @default LEASE_TIMING ({ beatMs: 400, staleMs: 1300, claimMs: 250 })
     */
    readonly lease?: Partial<LeaseTiming>;
  };
}
/**
 * A bar shared by the tabs of one origin: every `ConnectionBar` member, plus `ownership` and
 * `takeOver`. In a standby tab `state` is `standby`, and `callOut` and `checkMedia` go through the
 * owner tab (rejecting with `CALL_OUT_TIMEOUT` or `STANDBY` when it does not answer in `tabs.requestMs`).
 *
 * @example
 * ```ts
 * import { mountSharedConnectionBar } from 'cec-bar-host/tabs';
 * const bar = mountSharedConnectionBar(options);
 * if (bar.state === 'standby') await bar.takeOver();
 * ```
 */
export interface SharedConnectionBar extends Omit<ConnectionBar, 'on' | 'once' | 'off'> {
  /**
   * This tab's relation to the bar now.
   *
   * @example
   * ```ts
   * import { mountSharedConnectionBar } from 'cec-bar-host/tabs';
 * const shared = mountSharedConnectionBar(options);
 * if (!shared.ownership.owner) console.log('the bar is in another tab');
   * ```
   */
  readonly ownership: Ownership;
  /**
   * Listen to an event (in every tab: standby tabs get the owner's events); returns the function
   * that stops listening.
   *
   * @example
   * ```ts
   * import { mountSharedConnectionBar } from 'cec-bar-host/tabs';
   * const shared = mountSharedConnectionBar(options);
   * shared.on('ownership', (ownership) => showBarHere(ownership.owner));
   * ```
   */
  on<K extends keyof SharedBarEventMap>(name: K, fn: (p: SharedBarEventMap[K]) => void): () => void;
  /**
   * Listen to the next event of a name only.
   *
   * @example
   * ```ts
   * import { mountSharedConnectionBar } from 'cec-bar-host/tabs';
   * const shared = mountSharedConnectionBar(options);
   * shared.once('ownership', () => crm.toast('The phone bar moved'));
   * ```
   */
  once<K extends keyof SharedBarEventMap>(name: K, fn: (p: SharedBarEventMap[K]) => void): () => void;
  /**
   * Stop a listener added with `on` or `once`.
   *
   * @example
   * ```ts
   * import { mountSharedConnectionBar, type Ownership } from 'cec-bar-host/tabs';
   * const shared = mountSharedConnectionBar(options);
   * const onOwnership = (ownership: Ownership) => showBarHere(ownership.owner);
   * shared.on('ownership', onOwnership);
   * shared.off('ownership', onOwnership);
   * ```
   */
  off<K extends keyof SharedBarEventMap>(name: K, fn: (p: SharedBarEventMap[K]) => void): void;
  /**
   * Move the bar to this tab. Between calls the owner tab lets it go; during a live call it
   * refuses unless `force`. Resolves once this tab owns the bar (at once if it already does).
   *
   * @throws `TAKEOVER_REFUSED` (the promise rejects) during a live call without `force`, or when no owner tab answered within `tabs.requestMs`.
   * @throws `DESTROYED` when this bar is destroyed while waiting.
   * @example
   * ```ts
   * import { isBarError } from 'cec-bar-host';
   * import { mountSharedConnectionBar } from 'cec-bar-host/tabs';
   * const shared = mountSharedConnectionBar(options);
   * await shared.takeOver().catch((error) => isBarError(error) && error.code === 'TAKEOVER_REFUSED' && askToForce());
   * ```
   */
  takeOver(options?: {
    /**
     * Take the bar even during a live call (the call carries on in this tab).
     * @default false
     */
    readonly force?: boolean;
  }): Promise<void>;
}

/**
 * Browser APIs the election needs; injectable for tests.
 *
 * @example
 * ```ts
 * import { mountConnectionBar } from 'cec-bar-host';
 * import { mountSharedConnectionBar, type TabsEnv } from 'cec-bar-host/tabs';
 * const withoutWebLocks: TabsEnv = { locks: undefined, channel: (name) => new BroadcastChannel(name), mount: mountConnectionBar };
 * mountSharedConnectionBar(options, withoutWebLocks);
 * ```
 */
export interface TabsEnv {
  /** Absent: the BroadcastChannel lease elects the owner instead. */
  readonly locks?: Pick<LockManager, 'request'> | undefined;
  /** Opens a BroadcastChannel (or a stand-in) of this name. */
  channel(name: string): Pick<BroadcastChannel, 'postMessage' | 'close'> & {
    /** Receives every message posted to the channel by other tabs. */
    onmessage: ((e: MessageEvent) => void) | null;
  };
  /** Mounts the bar when this tab becomes the owner (`mountConnectionBar`). */
  mount(o: MountOptions): ConnectionBar;
  /** Runs `fn` when the page goes away (the lease says goodbye so another tab takes over at once). */
  onPageHide?(fn: () => void): () => void;
}
