/**
 * `cec-mock-fabric --scenario file.json`: play one scenario on a fresh mock, print progress and the report.
 * `cec-mock-fabric --convert-recording recording.json`: print the scenario a host recording makes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ScenarioError } from '../src/protocol/scenario.js';
import { recordingToScenario, type RecordingInput } from './recording-scenario.js';
import { loadScenarioFile } from './scenario-file.js';
import { formatScenarioReport } from './scenario-report.js';
import { startMockFabric } from './server.js';
import { TenantError } from './tenant.js';

/** Exit codes: every expectation held, one failed, the scenario or its tenant file is broken. */
const EXIT = { passed: 0, failed: 1, broken: 2 } as const;

/**
 * Play `file`; resolves with the process exit code. `tenant` (the CLI's `--tenant`) wins over the scenario's.
 *
 * @example
 * process.exit(await playScenarioFile('busy-hour.json', { timeScale: 30 }));
 */
export async function playScenarioFile(file: string, options: { timeScale?: number; tenant?: string; trustTokens?: boolean }): Promise<number> {
  let scenario;
  try {
    scenario = loadScenarioFile(file);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    console.error(error.message);
    return EXIT.broken;
  }
  const tenant = options.tenant ?? scenario.tenant;
  let fabric;
  try {
    fabric = await startMockFabric({ trustTokens: options.trustTokens ?? true, ...(tenant === undefined ? {} : { tenant }) });
  } catch (error) {
    if (!(error instanceof TenantError)) throw error;
    console.error(`bad tenant field ${error.field}: ${error.message}`);
    return EXIT.broken;
  }
  try {
    let lastTenth = -1;
    const run = fabric.control.play(scenario, {
      ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }),
      onProgress: (progress) => {
        const tenth = Math.floor((progress.simulatedMs / progress.durationMs) * 10);
        if (tenth === lastTenth || progress.kind === 'finished') return;
        lastTenth = tenth;
        console.log(`… ${progress.simulatedMs} / ${progress.durationMs} simulated ms, ${progress.actionsDone} / ${progress.actionsTotal} actions`);
      },
    });
    const report = await run.finished;
    console.log(formatScenarioReport(report));
    return report.passed ? EXIT.passed : EXIT.failed;
  } catch (error) {
    console.error(`cec-mock-fabric: ${(error as Error).message}`);
    return EXIT.broken;
  } finally {
    await fabric.close();
  }
}

/**
 * Print the scenario `recordingToScenario` makes of a recording file (`bar.recorder.toJSON()` saved
 * as JSON); returns the exit code (2 for an unreadable file).
 *
 * @example
 * process.exit(convertRecordingFile('incident.json'));
 */
export function convertRecordingFile(file: string): number {
  let recording: RecordingInput;
  try {
    recording = JSON.parse(readFileSync(file, 'utf8')) as RecordingInput;
  } catch (error) {
    console.error(`cannot read recording ${file}: ${(error as Error).message}`);
    return EXIT.broken;
  }
  if (recording?.version !== 1 || !Array.isArray(recording.messages)) {
    console.error(`${file} is not a recording (expected { version: 1, messages: [...] } from bar.recorder.toJSON())`);
    return EXIT.broken;
  }
  console.log(JSON.stringify(recordingToScenario(recording, { name: `replay of ${path.basename(file)}` }), null, 2));
  return EXIT.passed;
}
