/**
 * Stamps every shell → host message with the session id, the shell page id and the next sequence
 * number, and keeps the bounded ring buffer of relayed CEC events that `replay` answers from.
 */
import { BRIDGE_VERSION, SHELL_REPLAY_BUFFER, type ShellMessage } from '../protocol/bridge.js';

type Stamp = 'v' | 'sessionId' | 'shellId' | 'seq';
/** A shell message without the fields the sequencer fills in. */
export type ShellMessageBody = ShellMessage extends infer M ? (M extends ShellMessage ? Omit<M, Stamp> : never) : never;
type CecRelay = Extract<ShellMessage, { kind: 'cec' }>;

export interface ShellSequencer {
  /** Stamp, buffer (for `cec`) and send one message; returns the stamped message. */
  send(body: ShellMessageBody): ShellMessage;
  /** Re-send buffered `cec` relays with `seq > fromSeq`, same `seq`, `replay: true`. */
  replay(fromSeq: number): { readonly replayed: number; readonly oldestSeq: number | null; readonly gap: boolean };
  /** The last sequence number used (0 before the first message). */
  readonly lastSeq: number;
}

export interface SequencerOptions {
  readonly sessionId: string;
  readonly shellId: string;
  readonly post: (message: ShellMessage) => void;
  readonly bufferSize?: number;
}

/**
 * @example
 * const seq = createShellSequencer({ sessionId, shellId: randomId(8), post: (m) => child.emit('shellMessage', m) });
 * seq.send({ kind: 'status', status: 'loading' });
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
