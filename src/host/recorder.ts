/** Records the bridged traffic (redacted) and replays a recording through the call model offline. */
import { redact } from '../protocol/redact.js';
import { parseCecEvent } from '../protocol/cec-events.js';
import { createCallModel } from './call-model.js';
import type { BarEventMap, BarRecorder, RecordedMessage, Recording } from './types.js';

/** Bounded: the latest entries are kept. */
export const RECORDER_LIMIT = 1000;

/**
 * A recorder that keeps the latest `RECORDER_LIMIT` messages, redacted as they come: tokens and
 * phone numbers, by the rule that `BarRecorder` (types.ts) documents.
 * @example const rec = createRecorder(); rec.add('in', shellMessage); JSON.stringify(rec);
 */
export function createRecorder(secrets: () => readonly string[] = () => []): BarRecorder & { add(dir: 'in' | 'out', data: unknown): void } {
  let messages: RecordedMessage[] = [];
  return {
    get messages() {
      return messages;
    },
    add(dir, data) {
      messages.push(Object.freeze({ at: Date.now(), dir, data: redact(data, { phones: true, secrets: secrets() }) }));
      if (messages.length > RECORDER_LIMIT) messages.shift();
    },
    clear: () => void (messages = []),
    toJSON: () => ({ version: 1, messages: [...messages] }),
  };
}

/**
 * Feed a recording's CEC events through a fresh call model, as the live bar would, and hand each
 * resulting event (`cec`, `agent.state`, `call.*`) to `handler`. Recorded times are reused, so
 * `talkMs` matches. Entries that are not valid CEC relays are skipped.
 * @example
 * const seen: string[] = [];
 * replayRecording(JSON.parse(savedJson), (name) => seen.push(name));
 */
export function replayRecording(
  recording: Recording,
  handler: <K extends keyof BarEventMap>(name: K, payload: BarEventMap[K]) => void,
  options: { readonly callEndConfirmMs?: number } = {},
): void {
  let at = 0;
  const model = createCallModel({ emit: handler, confirmMs: options.callEndConfirmMs ?? 15_000, now: () => at });
  for (const m of recording?.messages ?? []) {
    const d = m?.data as { kind?: unknown; event?: { eventType?: unknown; rawEventType?: unknown; workNo?: unknown; content?: unknown } } | undefined;
    if (m?.dir !== 'in' || d?.kind !== 'cec' || !d.event) continue;
    const { eventType, rawEventType, workNo, content } = d.event;
    const r = parseCecEvent({ event: { eventType: eventType === 'unknown' ? rawEventType : eventType, workNo, content } });
    if (!r.ok) continue;
    at = typeof m.at === 'number' ? m.at : at;
    handler('cec', r.event);
    model.apply(r.event);
  }
}
