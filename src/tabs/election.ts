/**
 * Who owns the bar among the tabs of one origin. Two implementations behind one interface:
 * Web Locks (`createLockElection`, the default) and a BroadcastChannel lease for browsers
 * without `navigator.locks` (`createLeaseElection` in lease-election.ts).
 */

/** What the shared bar does when ownership changes. */
export interface ElectionHooks {
  /** This tab is the owner now: mount the frame. */
  own(): void;
  /** Another tab took the bar (takeOver elsewhere): unmount. The election keeps this tab queued. */
  lost(): void;
}

/**
 * One tab's seat in the election.
 * @example
 * const e = createLockElection(navigator.locks, 'crm:alice.chen', { own: mount, lost: unmount });
 * e.join();
 */
export interface Election {
  /** Queue for ownership; `own` runs when this tab gets it. */
  join(): void;
  /** Take ownership now from whoever holds it (the holder's `lost` runs). */
  steal(): void;
  /** Release ownership or withdraw from the queue, for good. */
  leave(): void;
}

/**
 * Web Locks: the owner holds an exclusive lock for its lifetime; the browser releases it when the
 * tab closes, and the next queued tab gets it. `steal` is the lock manager's own.
 * @example
 * const e = createLockElection(navigator.locks, 'crm:alice.chen', { own: mount, lost: unmount });
 */
export function createLockElection(locks: Pick<LockManager, 'request'>, name: string, hooks: ElectionHooks): Election {
  let abort: AbortController | undefined;
  let release: (() => void) | undefined;
  let left = false;
  const hold = (): Promise<void> => {
    hooks.own();
    return new Promise((r) => (release = r));
  };
  const request = (steal: boolean): void => {
    const my = (abort = new AbortController());
    const opts: LockOptions = steal ? { mode: 'exclusive', steal: true } : { mode: 'exclusive', signal: my.signal };
    Promise.resolve(locks.request(name, opts, hold)).then(
      () => undefined,
      () => {
        // our own steal/leave withdrew this request: nothing to do
        if (my.signal.aborted || left) return;
        // stolen by a takeOver in another tab: unmount and queue again for when that tab closes
        release = undefined;
        hooks.lost();
        request(false);
      },
    );
  };
  return {
    join: () => request(false),
    steal() {
      abort?.abort();
      request(true);
    },
    leave() {
      left = true;
      abort?.abort();
      release?.();
      release = undefined;
    },
  };
}
