/**
 * `cec-mock-fabric --port 8043 --host 127.0.0.1 --tenant file.json --validate-url URL --trust-tokens --allowed-host mock.qa.internal`
 * (`--allowed-host` may repeat: the `allowedHosts` option; `--time-scale N` runs the mock's clock N times faster). Prints its URLs; exits 2 naming the bad field for a broken tenant file, 1 for bad arguments.
 * `--scenario file.json` plays a scenario on a fresh mock, prints the report and exits 0 when every
 * expectation held, 1 when one failed, 2 for a broken scenario or tenant file.
 * `--convert-recording recording.json` prints the scenario `recordingToScenario` makes of a host recording.
 */
import { parseArgs } from 'node:util';
import { startMockFabric } from './server.js';
import { TenantError } from './tenant.js';
import { TIME_SCALE_RANGE } from './movable-clock.js';
import { convertRecordingFile, playScenarioFile } from './scenario-cli.js';

const USAGE = 'usage: cec-mock-fabric [--port N] [--host 127.0.0.1] [--tenant file.json] [--validate-url URL] [--trust-tokens] [--allowed-host name[:port] ...] [--time-scale N] [--scenario file.json] [--convert-recording recording.json]';

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        tenant: { type: 'string' },
        'validate-url': { type: 'string' },
        'trust-tokens': { type: 'boolean', default: false },
        'allowed-host': { type: 'string', multiple: true },
        'time-scale': { type: 'string' },
        scenario: { type: 'string' },
        'convert-recording': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(1);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be 0-65535\n${USAGE}`);
    process.exit(1);
  }
  if (values['validate-url'] !== undefined) {
    try {
      new URL(values['validate-url']);
    } catch {
      console.error(`--validate-url is not a URL: ${values['validate-url']}`);
      process.exit(1);
    }
  }
  const timeScale = values['time-scale'] === undefined ? undefined : Number(values['time-scale']);
  if (timeScale !== undefined && !(timeScale >= TIME_SCALE_RANGE.min && timeScale <= TIME_SCALE_RANGE.max)) {
    console.error(`--time-scale must be ${TIME_SCALE_RANGE.min}-${TIME_SCALE_RANGE.max}\n${USAGE}`);
    process.exit(1);
  }
  if (values['convert-recording'] !== undefined) process.exit(convertRecordingFile(values['convert-recording']));
  if (values.scenario !== undefined) {
    const tenant = values.tenant;
    process.exit(await playScenarioFile(values.scenario, { ...(timeScale === undefined ? {} : { timeScale }), ...(tenant === undefined ? {} : { tenant }), trustTokens: values['trust-tokens'] }));
  }
  try {
    const fabric = await startMockFabric({
      port,
      host: values.host,
      ...(values.tenant !== undefined ? { tenant: values.tenant } : {}),
      ...(values['validate-url'] !== undefined ? { validateUrl: values['validate-url'] } : {}),
      trustTokens: values['trust-tokens'],
      ...(values['allowed-host'] !== undefined ? { allowedHosts: values['allowed-host'] } : {}),
      ...(timeScale !== undefined ? { timeScale } : {}),
    });
    console.log(`mock fabric: ${fabric.url}`);
    console.log(`control panel: ${fabric.url}__mock/panel`);
    console.log(`phone: ${fabric.url}__mock/phone`);
    console.log(`tenant: ${fabric.tenant.tenantSpaceId} (${fabric.tenant.agents.length} agents)`);
    if (timeScale !== undefined) console.log(`time scale: ${timeScale}x`);
    const stop = () => void fabric.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    if (e instanceof TenantError) {
      console.error(`bad tenant field ${e.field}: ${e.message}`);
      process.exit(2);
    }
    console.error(`cec-mock-fabric: ${(e as Error).message}`);
    process.exit(1);
  }
}

void main();
