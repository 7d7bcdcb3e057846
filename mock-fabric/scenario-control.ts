/**
 * Scenarios in the QA control: `control.play(scenario)` (one run at a time) and over HTTP
 * `POST /__mock/scenario/play {scenario, timeScale?}`, `GET /__mock/scenario`,
 * `POST /__mock/scenario/pause|resume|stop` (the panel's Scenarios tab uses these).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseScenario, ScenarioError } from '../src/protocol/scenario.js';
import { HttpError, readJson, sendJson } from '../src/server/http-io.js';
import { ControlError } from './control-error.js';
import type { Engine } from './engine.js';
import { CONTROL_JSON_BODY, requireMethod } from './http-util.js';
import { playScenario, type PlayerTarget, type PlayOptions, type ScenarioRun } from './scenario-player.js';
import type { ScenarioProgress, ScenarioReport } from './scenario-shapes.js';

/** A scenario body may be larger than other control bodies (a converted recording): 2 MB. Not documented by CEC; chosen here. */
const SCENARIO_BODY = { ...CONTROL_JSON_BODY, maxBytes: 2 * 1024 * 1024 };

/**
 * The scenario run of one mock, and its last report.
 *
 * @example
 * const slot = new ScenarioSlot(engine, () => control);
 * const run = slot.play(json, { timeScale: 20 });
 */
export class ScenarioSlot {
  readonly #engine: Engine;
  readonly #control: () => PlayerTarget['control'];
  #run: ScenarioRun | undefined;
  #report: ScenarioReport | undefined;
  #lastProgress: ScenarioProgress | undefined;

  constructor(engine: Engine, control: () => PlayerTarget['control']) {
    this.#engine = engine;
    this.#control = control;
  }

  /** Validate and start; ControlError 400 for a bad scenario, 409 while another plays or when it cannot run here. */
  play(scenario: unknown, options: PlayOptions = {}): ScenarioRun {
    if (this.#run && this.#lastProgress?.state !== 'finished') throw new ControlError('a scenario is already playing (stop it first)', 409);
    let parsed;
    try {
      parsed = parseScenario(scenario);
    } catch (error) {
      if (error instanceof ScenarioError) throw new ControlError(error.message, 400);
      throw error;
    }
    let run: ScenarioRun;
    try {
      run = playScenario({ engine: this.#engine, control: this.#control() }, parsed, {
        ...options,
        onProgress: (progress) => {
          this.#lastProgress = progress;
          options.onProgress?.(progress);
        },
      });
    } catch (error) {
      if (error instanceof TypeError) throw new ControlError(error.message, 409);
      throw error;
    }
    this.#run = run;
    this.#report = undefined;
    this.#lastProgress = run.progress();
    void run.finished.then((report) => {
      if (this.#run === run) this.#report = report;
    });
    return run;
  }

  /** The current (or last) run's progress and, once finished, its report. */
  status(): { progress: ScenarioProgress | null; report: ScenarioReport | null } {
    return { progress: this.#lastProgress ?? null, report: this.#report ?? null };
  }

  get run(): ScenarioRun | undefined {
    return this.#run;
  }
}

/**
 * HTTP face of the scenario control; false for other paths.
 *
 * @example
 * if (await handleScenarioHttp(slot, req, res, url)) return;
 */
export async function handleScenarioHttp(slot: ScenarioSlot, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const path = url.pathname;
  if (path === '/__mock/scenario') {
    requireMethod(req, 'GET');
    sendJson(res, 200, slot.status());
    return true;
  }
  const match = /^\/__mock\/scenario\/(play|pause|resume|stop)$/.exec(path);
  if (!match) return false;
  requireMethod(req, 'POST');
  if (match[1] === 'play') {
    const body = (await readJson(req, SCENARIO_BODY)) as { scenario?: unknown; timeScale?: unknown } | null;
    const timeScale = body?.timeScale;
    if (timeScale !== undefined && typeof timeScale !== 'number') throw new HttpError(400, 'timeScale must be a number');
    slot.play(body?.scenario, timeScale === undefined ? {} : { timeScale });
    sendJson(res, 202, slot.status());
    return true;
  }
  req.resume();
  const run = slot.run;
  if (!run) throw new HttpError(409, 'no scenario has been played');
  if (match[1] === 'pause') run.pause();
  else if (match[1] === 'resume') run.resume();
  else run.stop();
  sendJson(res, 200, slot.status());
  return true;
}
