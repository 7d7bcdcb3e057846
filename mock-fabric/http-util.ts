/** The mock's own HTTP rules on top of the server kit's helpers (src/server/http-io.ts). */
import type { IncomingMessage } from 'node:http';
import { HttpError, type ReadJsonOptions } from '../src/server/http-io.js';
import { MOCK_CHOICES } from './choices.js';

/** JSON bodies the mock reads: at most `MOCK_CHOICES.maxBodyBytes`, Content-Type application/json or 400. */
export const MOCK_JSON_BODY: ReadJsonOptions = { maxBytes: MOCK_CHOICES.maxBodyBytes, wrongTypeStatus: 400 };

/** A small JSON body (dial, phone report): 4 KB. */
export const SMALL_JSON_BODY: ReadJsonOptions = { ...MOCK_JSON_BODY, maxBytes: 4096 };

/** Refuses any other method with 405 (an unread body is drained). */
export function requireMethod(req: IncomingMessage, method: string): void {
  if ((req.method ?? 'GET') === method) return;
  req.resume();
  throw new HttpError(405, `use ${method}`);
}

/** Shorthand for a path segment that must be a workNo (101-59999). */
export function parseWorkNo(segment: string | undefined): number | undefined {
  if (!segment || !/^\d{3,5}$/.test(segment)) return undefined;
  const n = Number(segment);
  return n >= 101 && n <= 59999 ? n : undefined;
}
