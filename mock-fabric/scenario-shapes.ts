/**
 * What a scenario run reports: its progress and its report. Shapes only, browser-safe (the
 * control panel's Scenarios card reads them); scenario-player.ts and scenario-report.ts fill them in.
 */

/**
 * Where a run is, as progress events and `run.progress()` report it.
 *
 * @example
 * ```ts
 * import type { ScenarioProgress } from 'cec-bar-host/mock-fabric';
 * const show = (progress: ScenarioProgress) => console.log(`${progress.simulatedMs}/${progress.durationMs} ms, ${progress.actionsDone}/${progress.actionsTotal} actions`);
 * ```
 */
export interface ScenarioProgress {
  /** `action`: one ran (`description` says which); `step`: the clock moved; `finished`: the report is ready. */
  readonly kind: 'action' | 'step' | 'finished';
  /** Where the run is. */
  readonly state: 'playing' | 'paused' | 'finished';
  /** Simulated ms played so far. */
  readonly simulatedMs: number;
  /** Simulated ms it plays in all. */
  readonly durationMs: number;
  /** Timeline actions run so far (generated calls included). */
  readonly actionsDone: number;
  /** Timeline actions in all. */
  readonly actionsTotal: number;
  /** The action just run, in words (`action` events). */
  readonly description?: string;
}

/**
 * One judged expectation.
 *
 * @example
 * ```ts
 * import type { ExpectationResult } from 'cec-bar-host/mock-fabric';
 * const failed = (results: ExpectationResult[]) => results.filter((result) => !result.passed);
 * ```
 */
export interface ExpectationResult {
  /** The expectation in words, e.g. `agent 102 gets AgentEvent_Ringing for c1 within 2000 ms`. */
  readonly description: string;
  /** Whether it held. */
  readonly passed: boolean;
  /** Simulated ms from the start when it was met (or, failing, when the deciding thing happened); null when nothing did. */
  readonly atMs: number | null;
  /** What was seen. */
  readonly detail: string;
}

/**
 * What playing a scenario found.
 *
 * @example
 * ```ts
 * import { loadScenarioFile, startMockFabric, type ScenarioReport } from 'cec-bar-host/mock-fabric';
 * const fabric = await startMockFabric({ trustTokens: true });
 * const report: ScenarioReport = await fabric.control.play(loadScenarioFile('my-scenario.json')).finished;
 * if (!report.passed) process.exitCode = 1;
 * ```
 */
export interface ScenarioReport {
  /** The scenario's name. */
  readonly name: string;
  /** The scenario's seed. */
  readonly seed: number;
  /** Every expectation held and no action failed. */
  readonly passed: boolean;
  /** Simulated ms played. */
  readonly durationMs: number;
  /** Simulated ms per wall ms it played at. */
  readonly timeScale: number;
  /** Wall-clock ms the run took (the one field that differs between two runs). */
  readonly wallMs: number;
  /** Calls seen (made by the scenario or by a bar), by how they ended. */
  readonly calls: {
    /** Every call. */
    readonly total: number;
    /** Answered. */
    readonly completed: number;
    /** The customer hung up before an answer. */
    readonly abandoned: number;
    /** Released by an overflow rule. */
    readonly overflow: number;
    /** Ended otherwise (no route, a callout nobody answered…). */
    readonly failed: number;
    /** Not ended when the scenario stopped. */
    readonly live: number;
    /** Offers to agents (`AgentEvent_Ringing`). */
    readonly offered: number;
    /** Offers that rang out (the agent was set not ready, reason 2). */
    readonly ringOuts: number;
  };
  /** The longest each skill's queue got. */
  readonly maxQueue: readonly {
    /** The skill. */
    readonly skillId: number;
    /** Its longest queue. */
    readonly length: number;
  }[];
  /** Each expectation, judged, in the scenario's order. */
  readonly expectations: readonly ExpectationResult[];
  /** Actions that could not run (an unknown agent, a refused command…). */
  readonly problems: readonly string[];
}
