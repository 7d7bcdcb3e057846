/**
 * Injected faults for QA (`POST /__mock/faults`, `control.setFaults`): latency, error rate or a
 * fixed status per path pattern, dropped long polls, a dropped session. Never applied to `/__mock/`.
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
  #rules: { rule: FaultRule; re: RegExp }[] = [];
  readonly #timers = new TimerSet(systemClock);

  set(rules: readonly FaultRule[]): void {
    this.#rules = rules.map((rule) => ({ rule, re: new RegExp(rule.path) }));
  }

  get rules(): FaultRule[] {
    return this.#rules.map((r) => r.rule);
  }

  /** Apply matching rules: wait out latency, then maybe answer an error. True when answered. */
  async apply(method: string, path: string, res: ServerResponse): Promise<boolean> {
    for (const { rule, re } of this.#rules) {
      if (rule.method && rule.method !== method) continue;
      if (!re.test(path)) continue;
      if (rule.latencyMs) await new Promise<void>((resolve) => this.#timers.start(resolve, rule.latencyMs ?? 0));
      const rate = rule.errorRate ?? (rule.status !== undefined ? 1 : 0);
      if (rate > 0 && Math.random() < rate) {
        sendJson(res, rule.status ?? 503, { error: 'injected fault', rule: rule.path });
        return true;
      }
    }
    return false;
  }

  /** Cancel pending latency timers (close). Requests waiting on them are closed with their sockets. */
  dispose(): void {
    this.#timers.cancelAll();
    this.#rules = [];
  }
}
