/**
 * The panel's Scenarios card: load a scenario file, play it at a time scale, pause, resume or stop
 * it, and watch progress and the expectations' results (`/__mock/scenario/*`). The server validates
 * the file (the panel carries no schema: it must stay small).
 */
import type { ScenarioProgress, ScenarioReport } from '../scenario-shapes.js';

/** The panel's control request (panel.ts): path under `/__mock/`, JSON in and out, throws on an error status. */
export type ControlRequest = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<unknown>;

/** How often a playing scenario's progress is read. Not documented by CEC; chosen here. */
const PROGRESS_POLL_MS = 500;

const CARD_HTML = `<h2>Scenarios</h2>
<form class="row-form wrap" data-testid="panel-scenario-form">
  <label>Scenario file (JSON)<input type="file" accept=".json,application/json" data-testid="panel-scenario-file" name="file"></label>
  <label>Time scale<input type="number" min="0.01" max="1000" step="any" value="10" data-testid="panel-scenario-scale" name="scale"></label>
  <div class="actions">
    <button type="submit" class="btn btn-primary" data-testid="panel-scenario-play">Play</button>
    <button type="button" class="btn" data-testid="panel-scenario-pause" data-role="pause">Pause</button>
    <button type="button" class="btn btn-stop" data-testid="panel-scenario-stop" data-role="stop">Stop</button>
  </div>
</form>
<progress max="1" value="0" data-testid="panel-scenario-progress"></progress>
<p class="hint" data-testid="panel-scenario-status" aria-live="polite">No scenario played yet.</p>
<table class="grid" data-testid="panel-scenario-results"><thead><tr><th>Expectation</th><th>Result</th><th>Seen</th><th>At (simulated)</th></tr></thead><tbody></tbody></table>`;

interface ScenarioStatus {
  progress: ScenarioProgress | null;
  report: ScenarioReport | null;
}

/**
 * Add the Scenarios card to `parent`, talking to the mock through `request`.
 *
 * @example
 * mountScenariosTab(document.querySelector('main')!, request);
 */
export function mountScenariosTab(parent: HTMLElement, request: ControlRequest): void {
  const card = document.createElement('section');
  card.className = 'card wide';
  card.setAttribute('aria-label', 'Scenarios');
  card.innerHTML = CARD_HTML;
  parent.append(card);
  const find = <T extends Element>(testid: string) => card.querySelector(`[data-testid="${testid}"]`) as T;
  const status = find<HTMLElement>('panel-scenario-status');
  const say = (text: string, error = false) => {
    status.textContent = text;
    status.dataset.error = String(error);
  };
  let polling: ReturnType<typeof setTimeout> | undefined;
  const follow = async (): Promise<void> => {
    polling = undefined;
    try {
      const current = (await request('GET', 'scenario')) as ScenarioStatus;
      show(card, current, say);
      if (current.progress?.state !== 'finished') polling = setTimeout(() => void follow(), PROGRESS_POLL_MS);
    } catch (error) {
      say(String((error as Error).message), true);
    }
  };
  const send = async (path: string, body: unknown) => {
    try {
      await request('POST', path, body);
      if (polling === undefined) await follow();
    } catch (error) {
      say(String((error as Error).message), true);
    }
  };
  find<HTMLFormElement>('panel-scenario-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void readScenario(find<HTMLInputElement>('panel-scenario-file'))
      .then((scenario) => send('scenario/play', { scenario, timeScale: Number(find<HTMLInputElement>('panel-scenario-scale').value) }))
      .catch((error: Error) => say(error.message, true));
  });
  const pause = find<HTMLButtonElement>('panel-scenario-pause');
  pause.addEventListener('click', () => void send(pause.dataset.role === 'pause' ? 'scenario/pause' : 'scenario/resume', {}));
  find<HTMLButtonElement>('panel-scenario-stop').addEventListener('click', () => void send('scenario/stop', {}));
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

function show(card: HTMLElement, current: ScenarioStatus, say: (text: string) => void): void {
  const progress = current.progress;
  if (!progress) return;
  const bar = card.querySelector('progress');
  if (bar) bar.value = progress.simulatedMs / progress.durationMs;
  const pause = card.querySelector<HTMLButtonElement>('[data-testid="panel-scenario-pause"]');
  if (pause) {
    pause.dataset.role = progress.state === 'paused' ? 'resume' : 'pause';
    pause.textContent = progress.state === 'paused' ? 'Resume' : 'Pause';
  }
  const outcome = current.report ? (current.report.passed ? ': passed' : ': FAILED') : '';
  say(`${progress.state}${outcome} · ${Math.round(progress.simulatedMs / 1000)} of ${Math.round(progress.durationMs / 1000)} simulated s · ${progress.actionsDone} of ${progress.actionsTotal} actions`);
  card.querySelector('[data-testid="panel-scenario-status"]')?.setAttribute('data-state', progress.state);
  const rows = (current.report?.expectations ?? []).map((result, index) => {
    const row = document.createElement('tr');
    row.dataset.testid = `panel-scenario-result-${index}`;
    row.dataset.passed = String(result.passed);
    for (const text of [result.description, result.passed ? 'ok' : 'FAILED', result.detail, result.atMs === null ? '—' : `${result.atMs} ms`]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  });
  card.querySelector('tbody')?.replaceChildren(...rows);
}
