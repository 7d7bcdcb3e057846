/** Reading a scenario file (Node): JSON, validated, its tenant path resolved against the file's folder. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseScenario, ScenarioError, type Scenario } from '../src/protocol/scenario.js';

/**
 * Read and validate a scenario file; a `tenant` path in it becomes absolute.
 *
 * @throws ScenarioError for a missing, unreadable or invalid file.
 * @example
 * ```ts
 * import { loadScenarioFile, startMockFabric } from 'cec-bar-host/mock-fabric';
 * const scenario = loadScenarioFile('scenarios/busy-hour.json');
 * const fabric = await startMockFabric({ trustTokens: true, ...(scenario.tenant ? { tenant: scenario.tenant } : {}) });
 * ```
 */
export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioError(`cannot read scenario ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`scenario ${file} is not JSON: ${(error as Error).message}`);
  }
  const scenario = parseScenario(json);
  if (typeof scenario.tenant !== 'string') return scenario;
  return { ...scenario, tenant: path.resolve(path.dirname(file), scenario.tenant) };
}
