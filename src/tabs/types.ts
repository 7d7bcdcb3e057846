/** The public types of `cec-bar-host/tabs`. */
import type { BarEventMap, ConnectionBar, MountOptions } from '../host/types.js';
import type { LeaseTiming } from './lease-election.js';

/** @example bar.on('ownership', (o: Ownership) => o.owner && console.log('bar here')); */
export interface Ownership {
  /** This tab holds the bar. */
  readonly owner: boolean;
  readonly tabId: string;
}
/** @example const m: SharedBarEventMap['ownership'] = { owner: true, tabId: 't1' }; */
export interface SharedBarEventMap extends BarEventMap {
  ownership: Ownership;
}
/** @example mountSharedConnectionBar({ ...options, tabs: { channelName: 'crm-bar' } }); */
export interface SharedMountOptions extends MountOptions {
  readonly tabs?: {
    /** Prefix of the per-agent channel (and lock) names. Default `cec-bar-host`. */
    readonly channelName?: string;
    readonly lockName?: string;
    /** How long a standby tab waits for the owner's answer (callOut, takeOver, checkMedia). Default `timeouts.callOutMs`. */
    readonly requestMs?: number;
    /** Timing of the BroadcastChannel lease used where Web Locks is missing. */
    readonly lease?: Partial<LeaseTiming>;
  };
}
/**
 * A bar shared by the tabs of one origin.
 * @example
 * const bar = mountSharedConnectionBar(options);
 * if (bar.state === 'standby') await bar.takeOver();
 */
export interface SharedConnectionBar extends Omit<ConnectionBar, 'on' | 'once' | 'off'> {
  readonly ownership: Ownership;
  on<K extends keyof SharedBarEventMap>(name: K, fn: (p: SharedBarEventMap[K]) => void): () => void;
  once<K extends keyof SharedBarEventMap>(name: K, fn: (p: SharedBarEventMap[K]) => void): () => void;
  off<K extends keyof SharedBarEventMap>(name: K, fn: (p: SharedBarEventMap[K]) => void): void;
  /** Move the bar to this tab. Rejects `TAKEOVER_REFUSED` during a live call unless `force`. */
  takeOver(options?: { readonly force?: boolean }): Promise<void>;
}

/** Browser APIs the election needs; injectable for tests. */
export interface TabsEnv {
  /** Absent: the BroadcastChannel lease elects the owner instead. */
  readonly locks?: Pick<LockManager, 'request'> | undefined;
  channel(name: string): Pick<BroadcastChannel, 'postMessage' | 'close'> & { onmessage: ((e: MessageEvent) => void) | null };
  mount(o: MountOptions): ConnectionBar;
  /** Runs `fn` when the page goes away (the lease says goodbye so another tab takes over at once). */
  onPageHide?(fn: () => void): () => void;
}
