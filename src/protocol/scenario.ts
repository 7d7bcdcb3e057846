/**
 * Scenario files for the mock fabric (docs/qa.md "Writing a scenario"): a timeline of customer
 * and agent actions, fault switches and clock moves, seeded call traffic, headless agents, and
 * expectations checked while it plays. Pure: the mock plays them, the panel validates them too.
 */
import { DIALABLE_NUMBER } from './cec-commands.js';
import { formatIssues, z } from './zod.js';

/** Longest scenario: a simulated day. */
const MAX_SCENARIO_MS = 86_400_000;
const simulatedMs = z.int().check(z.gte(0), z.lte(MAX_SCENARIO_MS));
/** `[min, max]` simulated ms; each use draws uniformly from it with the scenario's seed. */
const msRange = z.tuple([simulatedMs, simulatedMs]);
const share = z.number().check(z.gte(0), z.lte(1));
/** A scenario's own name for a call ("c1", "gen-17"): reports use it, never CEC's call id. */
const callName = z.string().check(z.regex(/^[A-Za-z0-9_.:-]{1,64}$/));
const number = z.string().check(z.regex(DIALABLE_NUMBER));
const workNo = z.int().check(z.gte(101), z.lte(59999));
const eventType = z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/));

const callAction = z.strictObject({
  at: simulatedMs,
  do: z.literal('call'),
  /** The scenario's name for the call. */
  call: callName,
  caller: number,
  /** Access code + extension, e.g. `66881`. */
  called: number,
  /** `video`: the customer calls with a camera; left out, the skill queue's media type decides. */
  media: z.optional(z.enum(['audio', 'video'])),
  callData: z.optional(z.string().check(z.maxLength(16_384))),
  /** The customer hangs up if nobody has answered this long after calling (an abandon). */
  abandonAfterMs: z.optional(simulatedMs),
});

const customerAction = z.strictObject({
  at: simulatedMs,
  /** `hangUp`: the customer hangs up; `answer`: answers an outbound call; `pressNothing`: stays silent (the mock has no IVR, so nothing changes). */
  do: z.enum(['hangUp', 'answer', 'pressNothing']),
  /** The scenario's name of the call (an outbound call gets the name its `callOut` gave). */
  call: z.optional(callName),
  /** For `answer` without `call`: the newest outbound call ringing this number. */
  called: z.optional(number),
});

const agentAction = z.strictObject({
  at: simulatedMs,
  do: z.literal('agent'),
  workNo,
  /** What the agent does, through the mock (not through a bar). */
  command: z.enum(['signIn', 'signOut', 'answer', 'hangUp', 'ready', 'busy', 'callOut', 'deviceDrops']),
  /** `callOut`: the number dialled. */
  called: z.optional(number),
  /** `deviceDrops`: which phone goes away (default: the agent's own, by its tenant `phone`). */
  device: z.optional(z.enum(['softphone', 'deskPhone'])),
  /** `callOut`: the scenario's name for the new call. */
  call: z.optional(callName),
});

const faultsAction = z.strictObject({
  at: simulatedMs,
  do: z.literal('faults'),
  /** A fault configuration, as `POST /__mock/faults` takes it (`{ rules: [] }` switches faults off). */
  faults: z.unknown(),
});

const advanceAction = z.strictObject({
  at: simulatedMs,
  do: z.literal('advance'),
  /** Jump the mock's clock this far at once (docs/qa.md "The clock"). */
  ms: simulatedMs,
});

const actionSchema = z.union([callAction, customerAction, agentAction, faultsAction, advanceAction]);

const trafficSchema = z.strictObject({
  /** Calls arrive at seeded random times in `[fromMs, toMs)`. */
  fromMs: simulatedMs,
  toMs: simulatedMs,
  calls: z.int().check(z.gte(1), z.lte(10_000)),
  called: number,
  /** Caller numbers are this prefix plus the call's index, zero-padded to 11 digits. */
  callerPrefix: z.optional(z.string().check(z.regex(/^[0-9]{1,8}$/))),
  /** Names are this prefix plus the index (default: the route, e.g. `66881-7`). */
  namePrefix: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_.:-]{1,32}$/))),
  /** Share of callers who hang up while waiting, after `abandonAfterMs`. */
  abandonRate: z.optional(share),
  abandonAfterMs: z.optional(msRange),
});

const headlessAgentSchema = z.strictObject({
  workNo,
  /** Answers an offered call after this long. */
  answerAfterMs: msRange,
  /** Hangs up a connected call after this long (unless the customer did first). */
  talkMs: msRange,
  /** Share of offered calls it lets ring out (the mock then sets it not ready, reason 2). */
  noAnswerRate: z.optional(share),
  /** After a ring-out, it is ready again this long later (never, when left out). */
  readyAfterMs: z.optional(simulatedMs),
});

const outcome = z.enum(['completed', 'abandoned', 'overflow', 'failed']);

const eventExpectation = z.strictObject({
  expect: z.literal('event'),
  /** The CEC event type, e.g. `AgentEvent_Ringing`. */
  eventType,
  workNo: z.optional(workNo),
  /** The event is about this call, within `withinMs` of the call's start; else of the scenario's start. */
  call: z.optional(callName),
  withinMs: simulatedMs,
});

const queueExpectation = z.strictObject({
  expect: z.literal('queueLength'),
  skillId: z.int().check(z.gte(0)),
  /** The skill's queue holds at least this many calls at some moment. */
  reaches: z.int().check(z.gte(1)),
  withinMs: z.optional(simulatedMs),
});

const endExpectation = z.strictObject({
  expect: z.literal('callEnds'),
  call: callName,
  outcome,
  /** Within this long of the call's start. */
  withinMs: z.optional(simulatedMs),
});

const countExpectation = z.strictObject({
  expect: z.literal('count'),
  /** Calls that ended so (`completed`…), ring-outs (`ringOut`), offers to agents (`offered`). */
  of: z.enum(['completed', 'abandoned', 'overflow', 'failed', 'ringOut', 'offered']),
  atLeast: z.optional(z.int().check(z.gte(0))),
  atMost: z.optional(z.int().check(z.gte(0))),
});

const sequenceExpectation = z.strictObject({
  expect: z.literal('sequence'),
  call: callName,
  workNo: z.optional(workNo),
  /** The CEC event types about the call, in order, exactly. */
  eventTypes: z.array(eventType).check(z.maxLength(200)),
});

const lostExpectation = z.strictObject({
  /** Every event the mock sent an agent was delivered (none dropped, none left queued). */
  expect: z.literal('noEventLost'),
});

const expectationSchema = z.union([eventExpectation, queueExpectation, endExpectation, countExpectation, sequenceExpectation, lostExpectation]);

/** `[min, max]` simulated ms; each use draws uniformly from it with the scenario's seed. */
export type MsRange = [number, number];

/**
 * A customer calls a route.
 *
 * @example
 * ```ts
 * import type { CallAction } from 'cec-bar-host/mock-fabric';
 * const call: CallAction = { at: 0, do: 'call', call: 'c1', caller: '13800000001', called: '66881', abandonAfterMs: 30_000 };
 * ```
 */
export interface CallAction {
  /** Simulated ms from the scenario's start. */
  at: number;
  /** The kind of action. */
  do: 'call';
  /** The scenario's name for the call ("c1"): reports use it, never CEC's call id. */
  call: string;
  /** The customer's number. */
  caller: string;
  /** Access code + extension, e.g. `66881`. */
  called: string;
  /** `video`: the customer calls with a camera (the agent's events say `mediaAbility` 3); left out, the skill queue's media type decides. */
  media?: 'audio' | 'video';
  /** Call data the agent's events carry. */
  callData?: string;
  /** The customer hangs up if nobody has answered this long after calling (an abandon). */
  abandonAfterMs?: number;
}

/**
 * Something the customer does to a call: hang up, answer an outbound call, or stay silent.
 *
 * @example
 * ```ts
 * import type { CustomerAction } from 'cec-bar-host/mock-fabric';
 * const hangUp: CustomerAction = { at: 30_000, do: 'hangUp', call: 'c1' };
 * ```
 */
export interface CustomerAction {
  /** Simulated ms from the scenario's start. */
  at: number;
  /** `hangUp`; `answer` (an outbound call); `pressNothing` (stays silent: the mock has no IVR, so nothing changes). */
  do: 'hangUp' | 'answer' | 'pressNothing';
  /** The scenario's name of the call (an outbound call gets the name its `callOut` gave). */
  call?: string;
  /** For `answer` without `call`: the newest outbound call ringing this number (any, when left out too). */
  called?: string;
}

/**
 * Something an agent does, through the mock rather than through a bar, or something that happens
 * to the agent's phone: `deviceDrops` is its softphone or desk phone going away mid-call (the call it
 * carries ends once, as when a device unregisters or stops polling: docs/qa.md "Writing a scenario").
 *
 * @example
 * ```ts
 * import type { AgentAction } from 'cec-bar-host/mock-fabric';
 * const dial: AgentAction = { at: 5_000, do: 'agent', workNo: 101, command: 'callOut', called: '13800000009', call: 'out-1' };
 * const softphoneGone: AgentAction = { at: 20_000, do: 'agent', workNo: 102, command: 'deviceDrops', device: 'softphone' };
 * ```
 */
export interface AgentAction {
  /** Simulated ms from the scenario's start. */
  at: number;
  /** The kind of action. */
  do: 'agent';
  /** The agent. */
  workNo: number;
  /** What the agent does (`busy` uses the tenant's first busy reason). */
  command: 'signIn' | 'signOut' | 'answer' | 'hangUp' | 'ready' | 'busy' | 'callOut' | 'deviceDrops';
  /** `callOut`: the number dialled. */
  called?: string;
  /** `deviceDrops`: the softphone (a `softphone` agent's) or the desk phone (a `pstn` agent's line); default: the agent's own. */
  device?: 'softphone' | 'deskPhone';
  /** `callOut`: the scenario's name for the new call. */
  call?: string;
}

/**
 * Fault rules switched on or off.
 *
 * @example
 * ```ts
 * import type { FaultsAction } from 'cec-bar-host/mock-fabric';
 * const outage: FaultsAction = { at: 60_000, do: 'faults', faults: { rules: [{ path: '^/apigovernance/', status: 503, retryAfterSeconds: 5 }] } };
 * ```
 */
export interface FaultsAction {
  /** Simulated ms from the scenario's start. */
  at: number;
  /** The kind of action. */
  do: 'faults';
  /** A fault configuration as `POST /__mock/faults` takes it; `{ rules: [] }` switches faults off. */
  faults: unknown;
}

/**
 * The mock's clock jumps forward at once (docs/qa.md "The clock").
 *
 * @example
 * ```ts
 * import type { AdvanceAction } from 'cec-bar-host/mock-fabric';
 * const skipWrapUp: AdvanceAction = { at: 90_000, do: 'advance', ms: 10_000 };
 * ```
 */
export interface AdvanceAction {
  /** Simulated ms from the scenario's start. */
  at: number;
  /** The kind of action. */
  do: 'advance';
  /** How far it jumps. */
  ms: number;
}

/**
 * One timeline action of a {@link Scenario}.
 *
 * @example
 * ```ts
 * import type { ScenarioAction } from 'cec-bar-host/mock-fabric';
 * const hangUp: ScenarioAction = { at: 30_000, do: 'hangUp', call: 'c1' };
 * ```
 */
export type ScenarioAction = CallAction | CustomerAction | AgentAction | FaultsAction | AdvanceAction;

/**
 * Seeded call traffic: `calls` arrivals on one route between two times.
 *
 * @example
 * ```ts
 * import type { ScenarioTraffic } from 'cec-bar-host/mock-fabric';
 * const rush: ScenarioTraffic = { fromMs: 0, toMs: 600_000, calls: 90, called: '66881', abandonRate: 0.25, abandonAfterMs: [20_000, 100_000] };
 * ```
 */
export interface ScenarioTraffic {
  /** Calls arrive at seeded random times from here… */
  fromMs: number;
  /** …to here (simulated ms). */
  toMs: number;
  /** How many calls. */
  calls: number;
  /** The route they dial. */
  called: string;
  /** Caller numbers are this prefix plus the call's index, zero-padded to 11 digits (default `139`). */
  callerPrefix?: string;
  /** Calls are named this prefix, a dash and the index (default: the route, e.g. `66881-7`). */
  namePrefix?: string;
  /** Share of callers (0-1) who hang up while waiting, after `abandonAfterMs`. */
  abandonRate?: number;
  /** How long those callers wait. */
  abandonAfterMs?: MsRange;
}

/**
 * A headless agent the player signs in and drives (its draws use the scenario's seed).
 *
 * @example
 * ```ts
 * import type { HeadlessAgent } from 'cec-bar-host/mock-fabric';
 * const bob: HeadlessAgent = { workNo: 102, answerAfterMs: [1000, 6000], talkMs: [20_000, 90_000], noAnswerRate: 0.1, readyAfterMs: 15_000 };
 * ```
 */
export interface HeadlessAgent {
  /** The agent (it must be in the mock's tenant). */
  workNo: number;
  /** Answers an offered call after this long. */
  answerAfterMs: MsRange;
  /** Hangs up a connected call after this long (unless the customer did first). */
  talkMs: MsRange;
  /** Share of offered calls (0-1) it lets ring out (the mock then sets it not ready, reason 2). */
  noAnswerRate?: number;
  /** After a ring-out it is ready again this long later (never, when left out). */
  readyAfterMs?: number;
}

/**
 * How a call ended, as a scenario sees it: answered (`completed`), the customer hung up first
 * (`abandoned`), released by an overflow rule (`overflow`), anything else (`failed`).
 *
 * @example
 * ```ts
 * import type { ScenarioCallOutcome } from 'cec-bar-host/mock-fabric';
 * const wanted: ScenarioCallOutcome = 'abandoned';
 * ```
 */
export type ScenarioCallOutcome = 'completed' | 'abandoned' | 'overflow' | 'failed';

/**
 * An agent receives a CEC event in time.
 *
 * @example
 * ```ts
 * import type { EventExpectation } from 'cec-bar-host/mock-fabric';
 * const rings: EventExpectation = { expect: 'event', eventType: 'AgentEvent_Ringing', call: 'c1', withinMs: 2000 };
 * ```
 */
export interface EventExpectation {
  /** The kind of expectation. */
  expect: 'event';
  /** The CEC event type, e.g. `AgentEvent_Ringing`. */
  eventType: string;
  /** Only events to this agent. */
  workNo?: number;
  /** The event is about this call, within `withinMs` of the call's start; else of the scenario's start. */
  call?: string;
  /** The time limit. */
  withinMs: number;
}

/**
 * A skill's queue gets this long at some moment.
 *
 * @example
 * ```ts
 * import type { QueueLengthExpectation } from 'cec-bar-host/mock-fabric';
 * const builds: QueueLengthExpectation = { expect: 'queueLength', skillId: 1, reaches: 5 };
 * ```
 */
export interface QueueLengthExpectation {
  /** The kind of expectation. */
  expect: 'queueLength';
  /** The skill. */
  skillId: number;
  /** The length it reaches. */
  reaches: number;
  /** Within this long of the scenario's start. */
  withinMs?: number;
}

/**
 * A call ends with an outcome.
 *
 * @example
 * ```ts
 * import type { CallEndsExpectation } from 'cec-bar-host/mock-fabric';
 * const gaveUp: CallEndsExpectation = { expect: 'callEnds', call: 'c1', outcome: 'abandoned', withinMs: 60_000 };
 * ```
 */
export interface CallEndsExpectation {
  /** The kind of expectation. */
  expect: 'callEnds';
  /** The scenario's name of the call. */
  call: string;
  /** How it ends. */
  outcome: ScenarioCallOutcome;
  /** Within this long of the call's start. */
  withinMs?: number;
}

/**
 * How many calls ended so, rang out, or were offered.
 *
 * @example
 * ```ts
 * import type { CountExpectation } from 'cec-bar-host/mock-fabric';
 * const fewAbandons: CountExpectation = { expect: 'count', of: 'abandoned', atMost: 10 };
 * ```
 */
export interface CountExpectation {
  /** The kind of expectation. */
  expect: 'count';
  /** Calls that ended so (`completed`…), ring-outs (`ringOut`), offers to agents (`offered`). */
  of: ScenarioCallOutcome | 'ringOut' | 'offered';
  /** The least allowed. */
  atLeast?: number;
  /** The most allowed. */
  atMost?: number;
}

/**
 * The CEC event types about one call, in order, exactly (a replayed recording expects these).
 *
 * @example
 * ```ts
 * import type { SequenceExpectation } from 'cec-bar-host/mock-fabric';
 * const abandon: SequenceExpectation = { expect: 'sequence', call: 'c1', eventTypes: ['AgentOther_PhoneAlerting', 'AgentEvent_Ringing', 'AgentEvent_Incoming_CallInfo', 'AgentEvent_Customer_Release', 'AgentEvent_Call_Release'] };
 * ```
 */
export interface SequenceExpectation {
  /** The kind of expectation. */
  expect: 'sequence';
  /** The scenario's name of the call. */
  call: string;
  /** Only events to this agent. */
  workNo?: number;
  /** The event types. */
  eventTypes: string[];
}

/**
 * Every event the mock sent an agent was delivered: none dropped from a full queue, none left queued.
 *
 * @example
 * ```ts
 * import type { NoEventLostExpectation } from 'cec-bar-host/mock-fabric';
 * const complete: NoEventLostExpectation = { expect: 'noEventLost' };
 * ```
 */
export interface NoEventLostExpectation {
  /** The kind of expectation. */
  expect: 'noEventLost';
}

/**
 * One expectation of a {@link Scenario}.
 *
 * @example
 * ```ts
 * import type { ScenarioExpectation } from 'cec-bar-host/mock-fabric';
 * const rings: ScenarioExpectation = { expect: 'event', eventType: 'AgentEvent_Ringing', call: 'c1', withinMs: 2000 };
 * ```
 */
export type ScenarioExpectation = EventExpectation | QueueLengthExpectation | CallEndsExpectation | CountExpectation | SequenceExpectation | NoEventLostExpectation;

/**
 * A scenario file (version 1): docs/qa.md "Writing a scenario".
 *
 * @example
 * ```ts
 * import type { Scenario } from 'cec-bar-host/mock-fabric';
 * const scenario: Scenario = { version: 1, name: 'one call', seed: 1, durationMs: 60_000, timeline: [{ at: 0, do: 'call', call: 'c1', caller: '13800000001', called: '66881' }], expect: [{ expect: 'callEnds', call: 'c1', outcome: 'overflow' }] };
 * ```
 */
export interface Scenario {
  /** The format's version. */
  version: 1;
  /** Its name, in reports. */
  name: string;
  /** What it plays, in words. */
  description?: string;
  /** Seeds every random draw (traffic, agents), so a second run gives the same report. */
  seed: number;
  /** How long it plays, in simulated ms. */
  durationMs: number;
  /** Simulated ms per wall ms when played (the CLI's `--time-scale` and `play`'s option win). */
  timeScale?: number;
  /** The tenant it needs: a path (relative to the scenario file) or a tenant object; the CLI starts the mock with it. */
  tenant?: string | Record<string, unknown>;
  /** Headless agents the player signs in and drives. */
  agents?: HeadlessAgent[];
  /** Seeded traffic, expanded into calls before it plays. */
  traffic?: ScenarioTraffic[];
  /** What happens when. */
  timeline: ScenarioAction[];
  /** What must hold. */
  expect: ScenarioExpectation[];
}

/**
 * The zod schema of a scenario file (version 1).
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { scenarioSchema } from 'cec-bar-host/mock-fabric';
 * const result = scenarioSchema.safeParse(JSON.parse(readFileSync('busy-hour.json', 'utf8')));
 * ```
 */
export const scenarioSchema: z.ZodMiniType<Scenario> = z.strictObject({
  version: z.literal(1),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  description: z.optional(z.string().check(z.maxLength(2000))),
  seed: z.int(),
  durationMs: z.int().check(z.gte(1), z.lte(MAX_SCENARIO_MS)),
  timeScale: z.optional(z.number().check(z.gte(0.01), z.lte(1000))),
  tenant: z.optional(z.union([z.string().check(z.minLength(1)), z.looseObject({})])),
  agents: z.optional(z.array(headlessAgentSchema).check(z.maxLength(500))),
  traffic: z.optional(z.array(trafficSchema).check(z.maxLength(100))),
  timeline: z.array(actionSchema).check(z.maxLength(20_000)),
  expect: z.array(expectationSchema).check(z.maxLength(20_000)),
});

/**
 * Thrown for a scenario that is not valid: `message` names the first bad fields.
 *
 * @example
 * ```ts
 * import { parseScenario, ScenarioError } from 'cec-bar-host/mock-fabric';
 * try { parseScenario({}); } catch (error) { if (error instanceof ScenarioError) console.error(error.message); }
 * ```
 */
export class ScenarioError extends Error {
  /** Always `'ScenarioError'`. */
  override readonly name = 'ScenarioError';
}

/**
 * Validate a scenario (a parsed JSON value), also checking that calls are named once and that
 * every action and expectation names a call the scenario makes.
 *
 * @throws ScenarioError naming the bad fields.
 * @example
 * ```ts
 * import { parseScenario } from 'cec-bar-host/mock-fabric';
 * const scenario = parseScenario({ version: 1, name: 'empty', seed: 1, durationMs: 1000, timeline: [], expect: [] });
 * ```
 */
export function parseScenario(value: unknown): Scenario {
  const result = scenarioSchema.safeParse(value);
  if (!result.success) throw new ScenarioError(`invalid scenario: ${formatIssues(result.error.issues)}`);
  checkCallNames(result.data);
  return result.data;
}

function checkCallNames(scenario: Scenario): void {
  const named = new Set<string>();
  for (const action of scenario.timeline) {
    const name = action.do === 'call' || (action.do === 'agent' && action.command === 'callOut') ? action.call : undefined;
    if (name === undefined) continue;
    if (named.has(name)) throw new ScenarioError(`invalid scenario: call "${name}" is named twice`);
    named.add(name);
  }
  const generated = (scenario.traffic ?? []).map((traffic) => traffic.namePrefix ?? traffic.called);
  const known = (name: string) => named.has(name) || generated.some((prefix) => name.startsWith(`${prefix}-`));
  for (const action of scenario.timeline) {
    const refers = action.do === 'hangUp' || action.do === 'answer' || action.do === 'pressNothing' ? action.call : undefined;
    if (refers !== undefined && !known(refers)) throw new ScenarioError(`invalid scenario: action at ${action.at} ms names unknown call "${refers}"`);
  }
  for (const expectation of scenario.expect) {
    const refers = 'call' in expectation ? expectation.call : undefined;
    if (refers !== undefined && !known(refers)) throw new ScenarioError(`invalid scenario: an expectation names unknown call "${refers}"`);
  }
}

/**
 * A scenario's head fields: the builder's constructor takes them (with the name apart).
 *
 * @example
 * ```ts
 * import type { ScenarioHead } from 'cec-bar-host/mock-fabric';
 * const head: Omit<ScenarioHead, 'name'> = { seed: 7, durationMs: 60_000, timeScale: 20 };
 * ```
 */
export type ScenarioHead = Pick<Scenario, 'name' | 'seed' | 'durationMs' | 'timeScale' | 'tenant' | 'description'>;

/** `Omit` that keeps a union a union (each action kind keeps its own fields). */
type WithoutAt<T> = T extends unknown ? Omit<T, 'at'> : never;

/**
 * A typed way to write a scenario in TypeScript; `build()` validates it like a file.
 *
 * @example
 * ```ts
 * import { ScenarioBuilder } from 'cec-bar-host/mock-fabric';
 * const scenario = new ScenarioBuilder('one call', { seed: 7, durationMs: 60_000 })
 *   .agent({ workNo: 102, answerAfterMs: [1000, 2000], talkMs: [5000, 10_000] })
 *   .call(0, { call: 'c1', caller: '13800000001', called: '66881' })
 *   .expect({ expect: 'event', eventType: 'AgentEvent_Talking', call: 'c1', withinMs: 3000 })
 *   .expect({ expect: 'callEnds', call: 'c1', outcome: 'completed' })
 *   .build();
 * ```
 */
export class ScenarioBuilder {
  readonly #head: ScenarioHead;
  readonly #agents: HeadlessAgent[] = [];
  readonly #traffic: ScenarioTraffic[] = [];
  readonly #timeline: ScenarioAction[] = [];
  readonly #expect: ScenarioExpectation[] = [];

  /** `seed` and `durationMs` (simulated) are required; `timeScale`, `tenant`, `description` optional. */
  constructor(name: string, options: Omit<ScenarioHead, 'name'>) {
    this.#head = { name, ...options };
  }

  /** A headless agent the player signs in and drives. */
  agent(agent: HeadlessAgent): this {
    this.#agents.push(agent);
    return this;
  }

  /** Seeded arrivals on one route. */
  traffic(traffic: ScenarioTraffic): this {
    this.#traffic.push(traffic);
    return this;
  }

  /** Any action at `ms` simulated ms from the start. */
  at(ms: number, action: WithoutAt<ScenarioAction>): this {
    this.#timeline.push({ at: ms, ...action } as ScenarioAction);
    return this;
  }

  /** A customer calls. */
  call(ms: number, call: Omit<Extract<ScenarioAction, { do: 'call' }>, 'at' | 'do'>): this {
    return this.at(ms, { do: 'call', ...call });
  }

  /** Agent `workNo`'s softphone or desk phone goes away (default: its own); the call it carries ends. */
  deviceDrops(ms: number, workNo: number, device?: 'softphone' | 'deskPhone'): this {
    return this.at(ms, { do: 'agent', workNo, command: 'deviceDrops', ...(device === undefined ? {} : { device }) });
  }

  /** The customer of `call` hangs up. */
  hangUp(ms: number, call: string): this {
    return this.at(ms, { do: 'hangUp', call });
  }

  /** The mock's clock jumps `by` ms. */
  advance(ms: number, by: number): this {
    return this.at(ms, { do: 'advance', ms: by });
  }

  /** Fault rules switched (`{ rules: [] }` switches them off). */
  faults(ms: number, faults: unknown): this {
    return this.at(ms, { do: 'faults', faults });
  }

  /** An expectation checked while it plays. */
  expect(expectation: ScenarioExpectation): this {
    this.#expect.push(expectation);
    return this;
  }

  /** The validated scenario. @throws ScenarioError */
  build(): Scenario {
    const agents = this.#agents.length ? { agents: [...this.#agents] } : {};
    const traffic = this.#traffic.length ? { traffic: [...this.#traffic] } : {};
    return parseScenario({ version: 1, ...this.#head, ...agents, ...traffic, timeline: [...this.#timeline], expect: [...this.#expect] });
  }
}
