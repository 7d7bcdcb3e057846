/**
 * Stamps every shell → host message with the session id, the shell page id and the next sequence
 * number, and keeps the bounded ring buffer of relayed CEC events that `replay` answers from.
 */
import { BRIDGE_VERSION, SHELL_REPLAY_BUFFER, type ShellMessage } from '../protocol/bridge.js';

/**
 * A shell message without the fields the sequencer fills in (`v`, `sessionId`, `shellId`, `seq`).
 *
 * @example
 * ```ts
 * import type { ShellMessageBody } from 'cec-bar-host/frame';
 * const loaded: ShellMessageBody = { kind: 'status', status: 'loaded' };
 * ```
 */
export type ShellMessageBody = ShellMessage extends infer M ? (M extends ShellMessage ? Omit<M, 'v' | 'sessionId' | 'shellId' | 'seq'> : never) : never;
type CecRelay = Extract<ShellMessage, { kind: 'cec' }>;

/**
 * Stamps and sends shell messages, and answers `replay` from its buffer.
 *
 * @example
 * ```ts
 * import { createShellSequencer } from 'cec-bar-host/frame';
 * import { randomId } from 'cec-bar-host/protocol';
 * const sequencer = createShellSequencer({ sessionId: randomId(), shellId: randomId(8), post: (stamped) => console.log(stamped) });
 * sequencer.send({ kind: 'status', status: 'loading' });
 * ```
 */
export interface ShellSequencer {
  /** Stamp, buffer (for `cec`) and send one message; returns the stamped message. */
  send(body: ShellMessageBody): ShellMessage;
  /**
   * Re-send buffered `cec` relays with `seq > fromSeq`, same `seq`, `replay: true`. Says how many it
   * sent, the oldest `seq` it still held, and whether some the host asked for were already evicted.
   */
  replay(fromSeq: number): {
    /** How many relays were sent again. */
    readonly replayed: number;
    /** The oldest `seq` in the buffer; null when it is empty. */
    readonly oldestSeq: number | null;
    /** True when relays after `fromSeq` were evicted from the full buffer. */
    readonly gap: boolean;
  };
  /** The last sequence number used (0 before the first message). */
  readonly lastSeq: number;
}

/**
 * Options of {@link createShellSequencer}.
 *
 * @example
 * ```ts
 * import { createShellSequencer, type SequencerOptions } from 'cec-bar-host/frame';
 * import { randomId } from 'cec-bar-host/protocol';
 * const options: SequencerOptions = { sessionId: randomId(), shellId: randomId(8), post: (stamped) => console.log(stamped), bufferSize: 64 };
 * const sequencer = createShellSequencer(options);
 * ```
 */
export interface SequencerOptions {
  /** The mount's session id, from the handshake. */
  readonly sessionId: string;
  /** This shell page's id. */
  readonly shellId: string;
  /** Sends a stamped message to the host (postmate's `emit`). */
  readonly post: (message: ShellMessage) => void;
  /**
   * How many `cec` relays to keep for `replay`.
   * @default SHELL_REPLAY_BUFFER (256)
   */
  readonly bufferSize?: number;
}

/**
 * Makes the sequencer of one shell page: `seq` starts at 1.
 *
 * @param options - The ids to stamp and where to send.
 * @example
 * ```ts
 * import { createShellSequencer } from 'cec-bar-host/frame';
 * import { randomId } from 'cec-bar-host/protocol';
 * const sequencer = createShellSequencer({ sessionId: randomId(), shellId: randomId(8), post: (stamped) => console.log(stamped.seq) });
 * sequencer.send({ kind: 'status', status: 'loading' }); // seq 1
 * ```
 */
export function createShellSequencer(options: SequencerOptions): ShellSequencer {
  const size = Math.max(1, options.bufferSize ?? SHELL_REPLAY_BUFFER);
  // A fixed ring: `next` is where the next relay goes; never grows past `size`.
  const ring: (CecRelay | undefined)[] = new Array<CecRelay | undefined>(size);
  let next = 0;
  let count = 0;
  let seq = 0;

  const send = (body: ShellMessageBody): ShellMessage => {
    seq += 1;
    const message = { ...body, v: BRIDGE_VERSION, sessionId: options.sessionId, shellId: options.shellId, seq } as ShellMessage;
    if (message.kind === 'cec') {
      ring[next] = message;
      next = (next + 1) % size;
      count = Math.min(count + 1, size);
    }
    options.post(message);
    return message;
  };

  const replay = (fromSeq: number) => {
    const start = (next - count + size) % size;
    let replayed = 0;
    let oldestSeq: number | null = null;
    for (let i = 0; i < count; i += 1) {
      const m = ring[(start + i) % size];
      if (!m) continue;
      oldestSeq ??= m.seq;
      if (m.seq > fromSeq) {
        options.post({ ...m, replay: true });
        replayed += 1;
      }
    }
    // A gap: the host asks from before the oldest relay we still hold (some were evicted).
    const gap = oldestSeq !== null && count === size && fromSeq < oldestSeq - 1;
    return { replayed, oldestSeq, gap };
  };

  return {
    send,
    replay,
    get lastSeq() {
      return seq;
    },
  };
}
