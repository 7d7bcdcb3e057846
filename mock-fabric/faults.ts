/**
 * Injected faults for QA (`POST /__mock/faults`, `control.setFaults`): latency, error rate or a
 * fixed status per path pattern (with `Retry-After`), a connection reset mid-answer or stalled after
 * the headers, dropped long polls, a dropped session. Never applied to `/__mock/`.
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { systemClock } from '../src/server/clock.js';
import { TimerSet } from './timer-set.js';
import { sendJson } from '../src/server/http-io.js';

export const faultRuleSchema = z.strictObject({
  /** A regular expression tested against the request path. */
  path: z.string().min(1).max(200).refine((s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression'),
  /** Only requests of this method; any method when left out. */
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
  /** Delay matching requests this long (0-60 000 ms) before answering or failing them. */
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  /** Share of matching requests that fail, 0-1 (default 1 when `status` is given). */
  errorRate: z.number().min(0).max(1).optional(),
  /** Status of a failed request (default 503). */
  status: z.number().int().min(400).max(599).optional(),
  /** `Retry-After` (seconds) on the failed answer: with `status` 429 (rate limiting, docs/cec-reference.md §3.3) or 503 (RFC 9110 §10.2.3). */
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  /**
   * Instead of an error status, the connection fails: `reset` sends the headers and half a body,
   * then a TCP reset; `stall` sends the headers and nothing more until the client gives up.
   */
  connection: z.enum(['reset', 'stall']).optional(),
  /** Only the first N matching requests fail (then the rule lets requests through); every one when left out. */
  times: z.number().int().min(1).max(1_000_000).optional(),
}).refine((rule) => rule.retryAfterSeconds === undefined || rule.status === 429 || rule.status === 503, {
  message: 'retryAfterSeconds needs status 429 or 503',
  path: ['retryAfterSeconds'],
}).refine((rule) => rule.connection === undefined || rule.status === undefined, {
  message: 'a rule either answers a status or breaks the connection, not both',
  path: ['connection'],
});

export const faultConfigSchema = z.strictObject({
  /** At most 50 rules; each request is checked against them in order. */
  rules: z.array(faultRuleSchema).max(50).default([]),
  /** Long polls are accepted but never answered (events stay queued). */
  dropLongPolls: z.boolean().default(false),
  /** Drop this agent's gateway session now: the agent is signed out, its GUID answers 100-006. */
  dropSession: z.number().int().min(101).max(59999).optional(),
});

/**
 * One fault rule: which requests, and what happens to them.
 * @interface
 */
export type FaultRule = z.output<typeof faultRuleSchema>;
/**
 * Faults as given to `setFaults`, `POST /__mock/faults` or the `faults` option (defaults filled in by the schema).
 * @interface
 */
export type FaultConfig = z.input<typeof faultConfigSchema>;

/**
 * The active fault rules of one mock.
 *
 * @example
 * faults.set({ rules: [{ path: '^/apiaccess/', status: 429 }] });
 */
export class Faults {
  #rules: { rule: FaultRule; re: RegExp; failed: number }[] = [];
  readonly #timers = new TimerSet(systemClock);
  /** Answers held open by `stall` rules, ended on dispose. */
  readonly #stalled = new Set<ServerResponse>();

  /** New rules. Answers stalled so far are broken off, as a network that recovers would, so clients try again. */
  set(rules: readonly FaultRule[]): void {
    this.#rules = rules.map((rule) => ({ rule, re: new RegExp(rule.path), failed: 0 }));
    this.#breakStalled();
  }

  #breakStalled(): void {
    for (const res of this.#stalled) res.destroy();
    this.#stalled.clear();
  }

  get rules(): FaultRule[] {
    return this.#rules.map((r) => r.rule);
  }

  /** Apply matching rules: wait out latency, then maybe answer an error. True when answered. */
  async apply(method: string, path: string, res: ServerResponse): Promise<boolean> {
    for (const entry of this.#rules) {
      const { rule, re } = entry;
      if (rule.method && rule.method !== method) continue;
      if (!re.test(path)) continue;
      if (rule.times !== undefined && entry.failed >= rule.times) continue;
      if (rule.latencyMs) await new Promise<void>((resolve) => this.#timers.start(resolve, rule.latencyMs ?? 0));
      const rate = rule.errorRate ?? (rule.status !== undefined || rule.connection !== undefined ? 1 : 0);
      if (rate > 0 && Math.random() < rate) {
        entry.failed += 1;
        this.#fail(rule, res);
        return true;
      }
    }
    return false;
  }

  #fail(rule: FaultRule, res: ServerResponse): void {
    if (rule.connection === 'reset') return resetMidAnswer(res);
    if (rule.connection === 'stall') return this.#stall(res);
    const headers: Record<string, string> = rule.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(rule.retryAfterSeconds) };
    sendJson(res, rule.status ?? 503, { error: 'injected fault', rule: rule.path }, headers);
  }

  /** Headers out, then silence: the client's own timeout is what ends it. */
  #stall(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(FAULT_BODY.length) });
    res.flushHeaders();
    this.#stalled.add(res);
    res.on('close', () => this.#stalled.delete(res));
  }

  /** Cancel pending latency timers (close). Requests waiting on them are closed with their sockets. */
  dispose(): void {
    this.#timers.cancelAll();
    this.#rules = [];
    this.#breakStalled();
  }
}

/** The body a broken answer promises (its length is announced, half of it is sent). */
const FAULT_BODY = '{"retcode":"0","message":"injected fault: this answer never completes"}';

/** Headers and half the promised body, then a TCP reset (RST, not a clean close). */
function resetMidAnswer(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(FAULT_BODY.length) });
  res.write(FAULT_BODY.slice(0, FAULT_BODY.length / 2), () => {
    res.socket?.resetAndDestroy();
  });
}
