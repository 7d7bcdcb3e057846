/** Test helpers for the host call model: build validated CEC events and a recording model. */
import { parseCecEvent, type CecEvent } from '../../src/protocol/cec-events.js';
import { createCallModel } from '../../src/host/call-model.js';
import type { BarEventMap } from '../../src/host/types.js';

export function ev(eventType: string, content: unknown, workNo = '101'): CecEvent {
  const r = parseCecEvent({ event: { eventType, workNo, content } });
  if (!r.ok) throw new Error(r.error);
  return r.event;
}

export function model(now = () => 1000) {
  const seen: [keyof BarEventMap, unknown][] = [];
  const m = createCallModel({ emit: (n, p) => seen.push([n, p]), confirmMs: 50, now });
  return { m, seen, names: () => seen.map(([n]) => n) };
}
