/**
 * Plays a scenario against a running mock (docs/qa.md "Writing a scenario"). The player holds the
 * mock's clock and steps it with `advance`, paced against the wall clock at the time scale: every
 * timer then fires at its exact simulated time, so a seeded run against headless agents is the
 * same on every machine and at every speed. Long polls stay on the wall clock, so bars in real
 * browsers keep working while it plays.
 */
import { GATEWAY_RETCODES } from '../src/protocol/index.js';
import type { Scenario, ScenarioAction } from '../src/protocol/scenario.js';
import type { CallRecord, EngineResult } from './call-centre.js';
import type { Engine } from './engine.js';
import { deviceDeskOf } from './devices.js';
import { faultConfigSchema, type FaultConfig } from './faults.js';
import { HeadlessAgentRunner } from './headless-agent.js';
import type { LoggedEvent } from './mock-state.js';
import { isAdvanceable, MovableClock, type AdvanceableClock } from './movable-clock.js';
import { planScenario, type ScenarioPlan } from './scenario-plan.js';
import { buildReport, type DeliveryCheck } from './scenario-report.js';
import type { ScenarioProgress, ScenarioReport } from './scenario-shapes.js';
import { ScenarioTracker } from './scenario-tracker.js';
import { TimerSet } from './timer-set.js';

/** Wall ms between two steps of the clock. Not documented by CEC; chosen here. */
const STEP_WALL_MS = 20;
/** At the end, how long (wall ms) bars get to fetch their last events before "no event lost" is judged. */
const DRAIN_WALL_MS = 3_000;

/**
 * Options of `control.play`.
 *
 * @example
 * ```ts
 * import type { PlayOptions } from 'cec-bar-host/mock-fabric';
 * const options: PlayOptions = { timeScale: 20, onProgress: (progress) => progress.kind === 'action' && console.log(progress.description) };
 * ```
 */
export interface PlayOptions {
  /** Simulated ms per wall ms; default the scenario's `timeScale`, else 1. */
  readonly timeScale?: number;
  /** Called on every action, every few steps of the clock, and at the end. */
  readonly onProgress?: (progress: ScenarioProgress) => void;
}

/**
 * A scenario being played.
 *
 * @example
 * ```ts
 * import { loadScenarioFile, startMockFabric } from 'cec-bar-host/mock-fabric';
 * const fabric = await startMockFabric({ trustTokens: true });
 * const run = fabric.control.play(loadScenarioFile('my-scenario.json'), { timeScale: 20 });
 * run.pause();
 * run.resume();
 * const report = await run.finished;
 * ```
 */
export interface ScenarioRun {
  /** The report, once the scenario has played to its end (or was stopped). */
  readonly finished: Promise<ScenarioReport>;
  /** Hold simulated time where it is (bars keep polling). */
  pause(): void;
  /** Let simulated time run again. */
  resume(): void;
  /** End now and judge what was seen so far. */
  stop(): void;
  /** Where the run is now. */
  progress(): ScenarioProgress;
}

/** What the player needs of a mock. */
export interface PlayerTarget {
  readonly engine: Engine;
  /** The QA control's customer side and fault switch. */
  readonly control: {
    injectCall(call: { caller: string; called: string; callData?: string; media?: 'audio' | 'video' }): { callId: string };
    answerCall(callId: string): void;
    hangupCall(callId: string): void;
    setFaults(faults: FaultConfig): void;
    onEvent(listener: (event: LoggedEvent) => void): () => void;
  };
}

/** Checks the scenario can run here: a movable clock, its fault switches valid, its agents known. Throws a TypeError saying why not. */
function checkPlayable(target: PlayerTarget, scenario: Scenario): AdvanceableClock {
  const clock = target.engine.centre.clock;
  if (!isAdvanceable(clock)) throw new TypeError('the mock runs on an injected clock that cannot be advanced; a scenario needs the default clock');
  for (const action of scenario.timeline) {
    if (action.do === 'faults' && !faultConfigSchema.safeParse(action.faults).success) throw new TypeError(`the fault switch at ${action.at} ms is not a valid fault configuration`);
  }
  for (const agent of scenario.agents ?? []) {
    if (!target.engine.centre.agents.has(agent.workNo)) throw new TypeError(`headless agent ${agent.workNo} is not in the mock's tenant`);
  }
  return clock;
}

/**
 * Start playing `scenario` (already validated by `parseScenario`) on a running mock.
 *
 * @throws TypeError when it cannot run here (see `checkPlayable`).
 * @example
 * const run = playScenario({ engine, control }, parseScenario(json), { timeScale: 20 });
 * const report = await run.finished;
 */
export function playScenario(target: PlayerTarget, scenario: Scenario, options: PlayOptions = {}): ScenarioRun {
  const clock = checkPlayable(target, scenario);
  const release = holdClock(clock);
  const run = new Player(target, clock, scenario, options);
  run.onFinished(release);
  return run.start();
}

/** Take simulated time off the wall clock (the player steps it) before the run's start time is read; returns the undo. */
function holdClock(clock: AdvanceableClock): () => void {
  if (!(clock instanceof MovableClock) || clock.paused) return () => undefined;
  clock.pause();
  return () => clock.resume();
}

class Player {
  readonly #target: PlayerTarget;
  readonly #clock: AdvanceableClock;
  readonly #scenario: Scenario;
  readonly #options: PlayOptions;
  readonly #plan: ScenarioPlan;
  readonly #timers: TimerSet;
  readonly #tracker: ScenarioTracker;
  readonly #agents: HeadlessAgentRunner[];
  readonly #problems: string[] = [];
  readonly #timeScale: number;
  readonly #startedAt: number;
  readonly #wallStartedAt = Date.now();
  readonly #cleanups: (() => void)[] = [];
  #actionsDone = 0;
  #state: ScenarioProgress['state'] = 'playing';
  #stepTimer: ReturnType<typeof setTimeout> | undefined;
  #lastStepWall = 0;
  #steps = 0;
  #resolve: (report: ScenarioReport) => void = () => undefined;

  constructor(target: PlayerTarget, clock: AdvanceableClock, scenario: Scenario, options: PlayOptions) {
    this.#target = target;
    this.#clock = clock;
    this.#scenario = scenario;
    this.#options = options;
    this.#plan = planScenario(scenario);
    this.#timers = new TimerSet(clock);
    this.#startedAt = clock.now();
    this.#tracker = new ScenarioTracker(this.#startedAt);
    this.#timeScale = options.timeScale ?? scenario.timeScale ?? 1;
    this.#agents = (scenario.agents ?? []).map((config) => new HeadlessAgentRunner(target.engine, this.#timers, this.#plan.random, config));
  }

  /** Run `cleanup` when the run has finished (after the report is built). */
  onFinished(cleanup: () => void): void {
    this.#cleanups.push(cleanup);
  }

  start(): ScenarioRun {
    const finished = new Promise<ScenarioReport>((resolve) => (this.#resolve = resolve));
    this.#listen();
    for (const agent of this.#agents) agent.signIn();
    for (const action of this.#plan.actions) this.#timers.start(() => this.#run(action), action.at);
    this.#lastStepWall = performance.now();
    this.#scheduleStep();
    return {
      finished,
      pause: () => this.#pause(),
      resume: () => this.#resume(),
      stop: () => void this.#finish(),
      progress: () => this.#progress('step'),
    };
  }

  #listen(): void {
    const centre = this.#target.engine.centre;
    this.#cleanups.push(
      this.#target.control.onEvent((event) => {
        this.#tracker.onEvent(event);
        for (const agent of this.#agents) agent.onEvent(event);
        this.#tracker.sampleQueues(centre.queues, event.at);
      }),
    );
    const onEnded = (call: CallRecord) => this.#tracker.onCallEnded(call, this.#clock.now());
    centre.endedCallListeners.add(onEnded);
    this.#cleanups.push(() => centre.endedCallListeners.delete(onEnded));
  }

  #progress(kind: ScenarioProgress['kind'], description?: string): ScenarioProgress {
    const simulatedMs = Math.min(this.#scenario.durationMs, this.#clock.now() - this.#startedAt);
    return { kind, state: this.#state, simulatedMs, durationMs: this.#scenario.durationMs, actionsDone: this.#actionsDone, actionsTotal: this.#plan.actions.length, ...(description === undefined ? {} : { description }) };
  }

  #report(kind: ScenarioProgress['kind'], description?: string): void {
    try {
      this.#options.onProgress?.(this.#progress(kind, description));
    } catch {
      // A broken progress listener must not stop the scenario.
    }
  }

  #scheduleStep(): void {
    this.#stepTimer = setTimeout(() => this.#step(), STEP_WALL_MS);
  }

  /** Move the clock by the wall time since the last step, times the scale; stop at the end. */
  #step(): void {
    this.#stepTimer = undefined;
    if (this.#state !== 'playing') return;
    const wallNow = performance.now();
    const remaining = this.#startedAt + this.#scenario.durationMs - this.#clock.now();
    const stepMs = Math.min(remaining, Math.max(1, Math.round((wallNow - this.#lastStepWall) * this.#timeScale)));
    this.#lastStepWall = wallNow;
    if (stepMs > 0) this.#clock.advance(stepMs);
    this.#steps += 1;
    if (this.#steps % 10 === 0) this.#report('step');
    if (this.#clock.now() >= this.#startedAt + this.#scenario.durationMs) return void this.#finish();
    this.#scheduleStep();
  }

  #pause(): void {
    if (this.#state !== 'playing') return;
    this.#state = 'paused';
    if (this.#stepTimer !== undefined) clearTimeout(this.#stepTimer);
    this.#stepTimer = undefined;
    this.#report('step');
  }

  #resume(): void {
    if (this.#state !== 'paused') return;
    this.#state = 'playing';
    this.#lastStepWall = performance.now();
    this.#scheduleStep();
    this.#report('step');
  }

  #run(action: ScenarioAction): void {
    try {
      this.#perform(action);
    } catch (error) {
      this.#problems.push(`${describeAction(action)}: ${(error as Error).message}`);
    }
    this.#actionsDone += 1;
    this.#tracker.sampleQueues(this.#target.engine.centre.queues, this.#clock.now());
    this.#report('action', describeAction(action));
  }

  #perform(action: ScenarioAction): void {
    const control = this.#target.control;
    switch (action.do) {
      case 'call':
        return this.#call(action);
      case 'hangUp':
        return this.#hangUp(this.#callId(action.call));
      case 'answer':
        return control.answerCall(action.call === undefined ? this.#ringingOutbound(action.called) : this.#callId(action.call));
      case 'pressNothing':
        return;
      case 'faults':
        return control.setFaults(faultConfigSchema.parse(action.faults));
      case 'advance':
        return this.#clock.advance(action.ms);
      case 'agent':
        return this.#agentCommand(action);
    }
  }

  #call(action: Extract<ScenarioAction, { do: 'call' }>): void {
    const callData = action.callData === undefined ? {} : { callData: action.callData };
    const call = { caller: action.caller, called: action.called, ...callData, ...(action.media === undefined ? {} : { media: action.media }) };
    const { callId } = this.#target.control.injectCall(call);
    this.#tracker.callStarted(action.call, callId, this.#clock.now());
    const patience = action.abandonAfterMs;
    if (patience === undefined) return;
    this.#timers.start(() => {
      const state = this.#target.engine.centre.calls.get(callId)?.state;
      if (state === 'queued' || state === 'ringing') this.#hangUp(callId);
    }, patience);
  }

  /** The customer hangs up; a call that has already ended stays ended (a recording's hang-up may come late). */
  #hangUp(callId: string): void {
    if (this.#target.engine.centre.calls.get(callId)?.state === 'released') return;
    this.#target.control.hangupCall(callId);
  }

  #callId(name: string | undefined): string {
    const call = name === undefined ? undefined : this.#tracker.byName(name);
    if (!call) throw new Error(`call "${name ?? ''}" has not been made`);
    return call.callId;
  }

  #ringingOutbound(called: string | undefined): string {
    const dialing = [...this.#target.engine.centre.calls.values()].filter((call) => call.direction === 'outbound' && call.state === 'dialing' && (called === undefined || call.called === called));
    const newest = dialing.at(-1);
    if (!newest) throw new Error(`no outbound call is ringing ${called ?? 'a customer'}`);
    return newest.callId;
  }

  #agentCommand(action: Extract<ScenarioAction, { do: 'agent' }>): void {
    const engine = this.#target.engine;
    const workNo = action.workNo;
    if (!engine.centre.agents.has(workNo)) throw new Error(`no agent ${workNo} in the tenant`);
    switch (action.command) {
      case 'signIn':
        return void engine.agentStates.signIn(workNo, true);
      case 'signOut':
        return engine.agentStates.signOut(workNo, 'signed out by the scenario');
      case 'callOut':
        return this.#callOut(workNo, action);
      case 'answer':
        return mustSucceed(engine.callControl.answer(workNo, undefined));
      case 'hangUp':
        return mustSucceed(engine.callControl.release(workNo));
      case 'ready':
        return mustSucceed(engine.agentStates.sayFree(workNo));
      case 'busy':
        return mustSucceed(engine.agentStates.sayBusy(workNo, engine.centre.tenant.busyReasons[0]?.code ?? 0));
      case 'deviceDrops':
        return this.#deviceDrops(workNo, action.device);
    }
  }

  /** The agent's phone goes away as a dropped device does (devices.ts); by default the phone its tenant entry names. */
  #deviceDrops(workNo: number, device: 'softphone' | 'deskPhone' | undefined): void {
    const desk = deviceDeskOf(this.#target.engine);
    if (!desk) throw new Error('this mock has no agent devices');
    const phone = this.#target.engine.centre.agents.get(workNo)?.agent.phone;
    const own = phone === 'softphone' ? 'softphone' : phone === 'pstn' ? 'deskPhone' : undefined;
    const dropped = device ?? own;
    if (dropped === undefined) throw new Error(`agent ${workNo} has no softphone or desk phone`);
    desk.dropAgentDevice(workNo, dropped);
  }

  #callOut(workNo: number, action: Extract<ScenarioAction, { do: 'agent' }>): void {
    if (action.called === undefined || action.call === undefined) throw new Error('callOut needs called and call');
    const result = this.#target.engine.callControl.callout(workNo, { called: action.called });
    mustSucceed(result);
    if (result.result === undefined) throw new Error('callOut gave no call id');
    this.#tracker.callStarted(action.call, result.result, this.#clock.now());
  }

  /** Stop stepping, let bars fetch their last events, judge, and hand the clock back. */
  async #finish(): Promise<void> {
    if (this.#state === 'finished') return;
    this.#state = 'finished';
    if (this.#stepTimer !== undefined) clearTimeout(this.#stepTimer);
    const delivery = await this.#drain();
    const durationMs = this.#clock.now() - this.#startedAt;
    const report = buildReport(this.#scenario, { tracker: this.#tracker, delivery, durationMs, timeScale: this.#timeScale, wallMs: Date.now() - this.#wallStartedAt, problems: this.#problems });
    this.#timers.cancelAll();
    for (const agent of this.#agents) agent.stop();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.#report('finished');
    this.#resolve(report);
  }

  /**
   * Waits (wall clock) until every event is handed over (none queued for a signed-in agent, each
   * headless agent's poll resolved), then counts what was lost. It looks first after the current
   * task: the last step may have handed an event to a waiting poll whose promise has not run yet.
   */
  async #drain(): Promise<DeliveryCheck> {
    const sessions = this.#target.engine.centre.sessions;
    const workNos = [...this.#target.engine.centre.agents.keys()];
    const queued = () => workNos.reduce((sum, workNo) => sum + (sessions.get(workNo)?.queue.length ?? 0), 0);
    const undelivered = () => queued() + this.#undeliveredToHeadless();
    const deadline = Date.now() + DRAIN_WALL_MS;
    do await new Promise((resolve) => setTimeout(resolve, 50));
    while (undelivered() > 0 && Date.now() < deadline);
    const dropped = workNos.reduce((sum, workNo) => sum + (sessions.get(workNo)?.dropped ?? 0), 0);
    return { dropped, undelivered: undelivered() };
  }

  /** Events logged for a headless agent that none of its polls handed over. */
  #undeliveredToHeadless(): number {
    let missing = 0;
    for (const agent of this.#agents) {
      for (const event of this.#target.engine.centre.agents.get(agent.workNo)?.log ?? []) {
        if (event.at >= this.#startedAt && !agent.delivered.has(event.seq)) missing += 1;
      }
    }
    return missing;
  }
}

/** An engine command the gateway would have refused becomes the action's problem. */
function mustSucceed(result: EngineResult<unknown>): void {
  if (result.retcode !== GATEWAY_RETCODES.OK) throw new Error(`refused ${result.retcode}: ${result.message}`);
}

/** An action in words, for progress and problems. */
export function describeAction(action: ScenarioAction): string {
  const at = `${action.at} ms`;
  switch (action.do) {
    case 'call':
      return `${at}: ${action.call} calls ${action.called}`;
    case 'agent':
      return `${at}: agent ${action.workNo} ${action.command}${action.device === undefined ? '' : ` (${action.device})`}`;
    case 'faults':
      return `${at}: faults switched`;
    case 'advance':
      return `${at}: clock +${action.ms} ms`;
    default:
      return `${at}: customer ${action.do} ${action.call ?? action.called ?? ''}`.trimEnd();
  }
}
