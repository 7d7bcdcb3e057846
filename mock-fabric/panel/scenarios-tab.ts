/**
 * The panel's Scenarios tab (panel.html's `#tab-scenarios`, `#scenarios-tab`): load a scenario
 * file, play it at a time scale, pause, resume or stop it, and watch progress and the
 * expectations' results (`/__mock/scenario/*`). The server validates the file: the panel carries
 * no schema, to stay small.
 */
import type { ScenarioProgress, ScenarioReport } from '../scenario-shapes.js';
import { $, h, td } from './dom.js';

/** The panel's control request (panel.ts): path under `/__mock/`, JSON in and out, throws on an error status. */
export type ControlRequest = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<unknown>;

/** How often a playing scenario's progress is read. Not documented by CEC; chosen here. */
const PROGRESS_POLL_MS = 500;

interface ScenarioStatus {
  progress: ScenarioProgress | null;
  report: ScenarioReport | null;
}

function say(text: string, error = false): void {
  const status = $('scenario-status');
  status.textContent = text;
  status.dataset.error = String(error);
}

/**
 * Wire the Scenarios tab, talking to the mock through `request`. Call it after the Configuration
 * tab's switch is set up, so its own tab button hides this tab after that switch has run.
 *
 * @example
 * mountScenariosTab(request);
 */
export function mountScenariosTab(request: ControlRequest): void {
  let polling: ReturnType<typeof setTimeout> | undefined;
  const follow = async (): Promise<void> => {
    polling = undefined;
    try {
      const current = (await request('GET', 'scenario')) as ScenarioStatus;
      show(current);
      if (current.progress?.state !== 'finished') polling = setTimeout(() => void follow(), PROGRESS_POLL_MS);
    } catch (error) {
      say((error as Error).message, true);
    }
  };
  const send = async (path: string, body: unknown = {}): Promise<void> => {
    try {
      await request('POST', path, body);
      if (polling === undefined) await follow();
    } catch (error) {
      say((error as Error).message, true);
    }
  };
  $('scenario-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void readScenario($('scenario-file') as HTMLInputElement)
      .then((scenario) => send('scenario/play', { scenario, timeScale: Number(($('scenario-scale') as HTMLInputElement).value) }))
      .catch((error: Error) => say(error.message, true));
  });
  const pause = $('scenario-pause');
  pause.addEventListener('click', () => void send(pause.textContent === 'Resume' ? 'scenario/resume' : 'scenario/pause'));
  $('scenario-stop').addEventListener('click', () => void send('scenario/stop'));
  switchTabs();
}

/** The Scenarios button shows this tab alone; the other tabs' buttons (their own switch runs first) hide it again. */
function switchTabs(): void {
  const section = $('scenarios-tab');
  const button = $('tab-scenarios');
  const others = [...document.querySelectorAll<HTMLElement>('nav.tabs .tab')].filter((tab) => tab !== button);
  button.addEventListener('click', () => {
    for (const part of document.querySelectorAll<HTMLElement>('main > section')) part.hidden = part !== section;
    for (const tab of others) tab.setAttribute('aria-selected', 'false');
    button.setAttribute('aria-selected', 'true');
  });
  for (const tab of others) {
    tab.addEventListener('click', () => {
      section.hidden = true;
      button.setAttribute('aria-selected', 'false');
    });
  }
}

async function readScenario(input: HTMLInputElement): Promise<unknown> {
  const file = input.files?.[0];
  if (!file) throw new Error('Choose a scenario file first.');
  try {
    return JSON.parse(await file.text()) as unknown;
  } catch {
    throw new Error(`${file.name} is not JSON.`);
  }
}

function show(current: ScenarioStatus): void {
  const progress = current.progress;
  if (!progress) return;
  ($('scenario-progress') as HTMLProgressElement).value = progress.simulatedMs / progress.durationMs;
  $('scenario-pause').textContent = progress.state === 'paused' ? 'Resume' : 'Pause';
  const outcome = current.report ? (current.report.passed ? ': passed' : ': FAILED') : '';
  say(`${progress.state}${outcome} · ${Math.round(progress.simulatedMs / 1000)} of ${Math.round(progress.durationMs / 1000)} simulated s · ${progress.actionsDone} of ${progress.actionsTotal} actions`);
  $('scenario-status').dataset.state = progress.state;
  const rows = (current.report?.expectations ?? []).map((result, index) => {
    const row = h('tr', { testid: `panel-scenario-result-${index}` }, td(result.description), td(result.passed ? 'ok' : 'FAILED'), td(result.detail), td(result.atMs === null ? '—' : `${result.atMs} ms`));
    row.dataset.passed = String(result.passed);
    return row;
  });
  $('scenario-results').replaceChildren(...rows);
}
