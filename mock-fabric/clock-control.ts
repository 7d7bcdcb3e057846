/**
 * The QA control of the mock's clock: `control.advance(ms)`, `control.clock()`, and over HTTP
 * `POST /__mock/clock/advance {ms}` and `GET /__mock/clock` (docs/qa.md "The clock").
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Clock } from '../src/server/clock.js';
import { readJson, sendJson, HttpError } from '../src/server/http-io.js';
import { ControlError } from './control-error.js';
import { CONTROL_JSON_BODY, requireMethod } from './http-util.js';
import { isAdvanceable, MovableClock } from './movable-clock.js';

/** One jump is at most a day: enough for any rule of the mock, small enough to catch a unit mistake. */
export const MAX_ADVANCE_MS = 86_400_000;

export const advanceSchema = z.strictObject({
  /** Simulated milliseconds to move forward. */
  ms: z.number().int().min(0).max(MAX_ADVANCE_MS),
});

/**
 * The mock's clock as the QA control reports it.
 *
 * @example
 * ```ts
 * import { startMockFabric, type ClockReading } from 'cec-bar-host/mock-fabric';
 * const fabric = await startMockFabric({ trustTokens: true, timeScale: 10 });
 * const reading: ClockReading = fabric.control.clock(); // { now, timeScale: 10, movable: true }
 * ```
 */
export interface ClockReading {
  /** Simulated epoch milliseconds. */
  readonly now: number;
  /** Simulated milliseconds per wall millisecond (1 for an injected clock that has no scale). */
  readonly timeScale: number;
  /** Whether `advance` works on this clock. */
  readonly movable: boolean;
}

/** Read `clock` for the control. */
export function readClock(clock: Clock): ClockReading {
  const timeScale = clock instanceof MovableClock ? clock.timeScale : 1;
  return { now: clock.now(), timeScale, movable: isAdvanceable(clock) };
}

/** Move `clock` forward `ms` (validated); ControlError 400 for a bad `ms`, 409 for a clock that cannot move. */
export function advanceClock(clock: Clock, ms: number): ClockReading {
  const parsed = advanceSchema.safeParse({ ms });
  if (!parsed.success) throw new ControlError(`advance: ms must be an integer 0-${MAX_ADVANCE_MS}`, 400);
  if (!isAdvanceable(clock)) throw new ControlError('the mock runs on an injected clock that cannot be advanced', 409);
  clock.advance(parsed.data.ms);
  return readClock(clock);
}

/**
 * HTTP face of the clock control; false for other paths.
 *
 * @example
 * if (await handleClockHttp(control, req, res, url)) return;
 */
export async function handleClockHttp(control: { advance(ms: number): ClockReading; clock(): ClockReading }, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (url.pathname === '/__mock/clock') {
    requireMethod(req, 'GET');
    sendJson(res, 200, control.clock());
    return true;
  }
  if (url.pathname !== '/__mock/clock/advance') return false;
  requireMethod(req, 'POST');
  const parsed = advanceSchema.safeParse(await readJson(req, CONTROL_JSON_BODY));
  if (!parsed.success) throw new HttpError(400, z.prettifyError(parsed.error));
  sendJson(res, 200, control.advance(parsed.data.ms));
  return true;
}
