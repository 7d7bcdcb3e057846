/**
 * A host recording (`bar.recorder.toJSON()`) turned back into traffic: a scenario that makes the
 * recorded calls again at the recorded times, with what the customer and the agent did, and the
 * CEC events each call brought as expectations (docs/qa.md "Replaying a recording"). Who did what
 * is read from the event sequences of docs/cec-reference.md §2.5.
 * Numbers in a recording are masked, so each call gets stand-in numbers of its own.
 */
import { DIALABLE_NUMBER } from '../src/protocol/index.js';
import { parseScenario, type Scenario, type ScenarioAction, type ScenarioExpectation } from '../src/protocol/scenario.js';
import { eventCallId } from './headless-agent.js';
import { NOT_READY_REASONS } from './mock-state.js';

/**
 * A recording as `bar.recorder.toJSON()` gives it (the host's `Recording`).
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import type { RecordingInput } from 'cec-bar-host/mock-fabric';
 * const recording = JSON.parse(readFileSync('incident-recording.json', 'utf8')) as RecordingInput;
 * ```
 */
export interface RecordingInput {
  /** The recording format's version. */
  readonly version: 1;
  /** The recorded bridge messages, oldest first. */
  readonly messages: readonly RecordedMessageInput[];
}

/**
 * One recorded bridge message (the host's `RecordedMessage`).
 *
 * @example
 * ```ts
 * import type { RecordedMessageInput } from 'cec-bar-host/mock-fabric';
 * const relayed = (message: RecordedMessageInput) => message.dir === 'in';
 * ```
 */
export interface RecordedMessageInput {
  /** When it crossed (epoch ms). */
  readonly at: number;
  /** `in`: shell → host; `out`: host → shell. */
  readonly dir: 'in' | 'out';
  /** The message, redacted. */
  readonly data: unknown;
}

/**
 * Options of {@link recordingToScenario}.
 *
 * @example
 * ```ts
 * import type { RecordingToScenarioOptions } from 'cec-bar-host/mock-fabric';
 * const options: RecordingToScenarioOptions = { routes: ['66881', '66882'], agentActions: false };
 * ```
 */
export interface RecordingToScenarioOptions {
  /** The scenario's name. @default 'replayed recording' */
  readonly name?: string;
  /**
   * The routes of the mock it will play on: a recorded `called` is masked to its last 4 digits, so
   * an inbound call dials the route ending in those digits (the first route when none does).
   * @default the default tenant's, ['66881', '66882']
   */
  readonly routes?: readonly string[];
  /**
   * Include what the agent did (answer, hang up, call out) as agent actions through the mock; leave
   * them out when a test drives the agent's bar itself.
   * @default true
   */
  readonly agentActions?: boolean;
}

interface RecordedEvent {
  readonly at: number;
  readonly eventType: string;
  readonly workNo: number;
  readonly content: unknown;
}

interface RecordedCall {
  readonly callId: string;
  readonly events: RecordedEvent[];
}

/** The first call starts this long into the scenario, and the scenario runs this long after the last event. Chosen here. */
const LEAD_MS = 1_000;
const TAIL_MS = 5_000;
/** Events that open a call as the agent sees it; a call whose first recorded event is another began before the recording. */
const CALL_OPENERS = new Set(['AgentOther_PhoneAlerting', 'AgentEvent_Ringing', 'AgentEvent_Customer_Alerting']);

/** The CEC events relayed to the host, oldest first. */
function recordedEvents(recording: RecordingInput): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (const message of recording.messages ?? []) {
    const data = message?.data as { kind?: unknown; event?: { eventType?: unknown; rawEventType?: unknown; workNo?: unknown; content?: unknown } } | undefined;
    if (message?.dir !== 'in' || data?.kind !== 'cec' || !data.event || typeof message.at !== 'number') continue;
    const { eventType, rawEventType, workNo, content } = data.event;
    const type = eventType === 'unknown' ? rawEventType : eventType;
    if (typeof type !== 'string' || !Number.isInteger(Number(workNo))) continue;
    events.push({ at: message.at, eventType: type, workNo: Number(workNo), content });
  }
  return events;
}

function groupByCall(events: readonly RecordedEvent[]): RecordedCall[] {
  const calls = new Map<string, RecordedCall>();
  for (const event of events) {
    const callId = eventCallId(event.content);
    if (callId === undefined) continue;
    const call = calls.get(callId) ?? { callId, events: [] };
    call.events.push(event);
    calls.set(callId, call);
  }
  return [...calls.values()].filter((call) => CALL_OPENERS.has(call.events[0]?.eventType ?? ''));
}

/** A stand-in number for call `index`: a prefix, the index, and the last 4 digits the mask left. */
function standIn(prefix: string, index: number, masked: unknown): string {
  const lastFour = typeof masked === 'string' ? /(\d{4})$/.exec(masked)?.[1] : undefined;
  return `${prefix}${String(index).padStart(4, '0')}${lastFour ?? '0000'}`;
}

function field(event: RecordedEvent | undefined, name: string): unknown {
  const content = event?.content;
  return typeof content === 'object' && content !== null ? (content as Record<string, unknown>)[name] : undefined;
}

/** The next event for the same agent after `after` that is not about a call (its state). */
function nextStateEvent(events: readonly RecordedEvent[], workNo: number, after: number): RecordedEvent | undefined {
  return events.find((event) => event.at >= after && event.workNo === workNo && event.eventType.startsWith('AgentState_'));
}

/** The default tenant's routes (mock-fabric/tenants/default.json). */
const DEFAULT_ROUTES = ['66881', '66882'] as const;

/** The route a recorded (masked) `called` stands for: itself when unmasked, else the route ending in its visible digits. */
function routeFor(recorded: unknown, routes: readonly string[]): string {
  const value = typeof recorded === 'string' ? recorded : '';
  if (DIALABLE_NUMBER.test(value) && !value.includes('*')) return value;
  const visible = value.replace(/^\*+/, '');
  return routes.find((route) => visible !== '' && route.endsWith(visible)) ?? routes[0] ?? '66881';
}

/** What happened to one call, as scenario actions at the recorded (epoch) times; the caller makes them relative. */
function callActions(call: RecordedCall, index: number, all: readonly RecordedEvent[], options: RecordingToScenarioOptions): ScenarioAction[] {
  const name = `call-${index}`;
  const first = call.events[0];
  if (!first) return [];
  const workNo = first.workNo;
  const outbound = first.eventType === 'AgentEvent_Customer_Alerting';
  const talking = call.events.find((event) => event.eventType === 'AgentEvent_Talking');
  const customerRelease = call.events.find((event) => event.eventType === 'AgentEvent_Customer_Release');
  const release = call.events.find((event) => event.eventType === 'AgentEvent_Call_Release');
  const agent = options.agentActions !== false;
  const actions: ScenarioAction[] = [];
  if (outbound && !agent) {
    // The test's own bar dials: the customer answers whatever rings, and the call has no name here.
    if (talking) actions.push({ at: talking.at, do: 'answer' });
    return actions;
  }
  if (outbound) {
    actions.push({ at: first.at, do: 'agent', workNo, command: 'callOut', called: standIn('188', index, field(first, 'otherPhone')), call: name });
    if (talking) actions.push({ at: talking.at, do: 'answer', call: name });
  } else {
    const called = routeFor(field(first, 'called'), options.routes ?? DEFAULT_ROUTES);
    actions.push({ at: first.at, do: 'call', call: name, caller: standIn('139', index, field(first, 'caller')), called });
    if (talking && agent) actions.push({ at: talking.at, do: 'agent', workNo, command: 'answer' });
  }
  if (customerRelease) actions.push({ at: customerRelease.at, do: 'hangUp', call: name });
  else if (release && agent && agentEnded(release, talking, outbound, all)) actions.push({ at: release.at, do: 'agent', workNo, command: 'hangUp' });
  return actions;
}

/** Whether the agent ended the call: a hang-up once talking or while dialling out, or a rejected offer (not a ring-out). */
function agentEnded(release: RecordedEvent, talking: RecordedEvent | undefined, outbound: boolean, all: readonly RecordedEvent[]): boolean {
  if (talking || outbound) return true;
  const reason = field(nextStateEvent(all, release.workNo, release.at), 'reason');
  return reason === NOT_READY_REASONS.REJECTED;
}

/**
 * Turn a host recording into a scenario: each recorded call is made again at its recorded time
 * (inbound calls by the customer, outbound ones by the agent) with stand-in numbers, what the
 * customer and the agent did follows at the recorded times, and each call's CEC event types are
 * expected again in the same order. The agent must be signed in (by a bar, or as a headless agent
 * without answers of its own) before it plays.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { recordingToScenario, startMockFabric } from 'cec-bar-host/mock-fabric';
 * const scenario = recordingToScenario(JSON.parse(readFileSync('incident-recording.json', 'utf8')));
 * const fabric = await startMockFabric({ trustTokens: true });
 * // …sign the agent in with a bar, then:
 * const report = await fabric.control.play(scenario).finished;
 * ```
 */
export function recordingToScenario(recording: RecordingInput, options: RecordingToScenarioOptions = {}): Scenario {
  const events = recordedEvents(recording);
  const calls = groupByCall(events);
  const startAt = (calls[0]?.events[0]?.at ?? 0) - LEAD_MS;
  const timeline: ScenarioAction[] = [];
  const expectations: ScenarioExpectation[] = [];
  calls.forEach((call, position) => {
    const index = position + 1;
    for (const action of callActions(call, index, events, options)) timeline.push({ ...action, at: Math.max(0, action.at - startAt) });
    const unnamed = options.agentActions === false && call.events[0]?.eventType === 'AgentEvent_Customer_Alerting';
    if (!unnamed) expectations.push({ expect: 'sequence', call: `call-${index}`, workNo: call.events[0]?.workNo ?? 0, eventTypes: call.events.map((event) => event.eventType) });
  });
  expectations.push({ expect: 'noEventLost' });
  timeline.sort((a, b) => a.at - b.at);
  const lastAt = Math.max(0, ...calls.flatMap((call) => call.events.map((event) => event.at - startAt)));
  return parseScenario({ version: 1, name: options.name ?? 'replayed recording', seed: 1, durationMs: lastAt + TAIL_MS, timeline, expect: expectations });
}
