/**
 * `cec-tenant plan|apply <tenant.json>`: provisions a tenant space's skill queues, agents and
 * called routes from a tenant file (docs/provisioning.md). Dry run unless `apply --yes`.
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isFabricError } from '../protocol/fabric-error.js';
import { isAgentPassword } from '../protocol/tenant-config.js';
import { createFabricClient } from './fabric-client.js';
import type { FetchLike } from './fabric-http.js';
import { applyPlan, checkPlan, readTenantSpace } from './tenant-apply.js';
import { createTenantConfigClient } from './tenant-config-client.js';
import { readTenantFile, TenantFileError, type ProvisioningFile } from './tenant-file.js';
import { formatPlan, planTenant } from './tenant-plan.js';

export const TENANT_CLI_USAGE = `usage: cec-tenant plan|apply <tenant.json> [--prune] [--yes] [--base-url URL] [--app-key KEY] [--tenant-space-id ID]
  plan             print what apply would change (create / update / leave; extra items are kept)
  apply            print the plan; with --yes, carry it out (without --yes nothing changes)
  --prune          also delete skill queues, agents and routes the file does not list
environment: CEC_BASE_URL, CEC_APP_KEY, CEC_APP_SECRET (the secret only from the environment),
  CEC_TENANT_SPACE_ID, CEC_AGENT_PASSWORD_<ACCOUNT> (e.g. CEC_AGENT_PASSWORD_DAVE_NG for dave.ng;
  agents created without one get a generated password, printed once)`;

/** Exit codes: 0 done, 1 bad arguments or settings, 2 a bad tenant file or a plan CEC would refuse, 3 a call failed. */
export const EXIT = { ok: 0, usage: 1, badFile: 2, failed: 3 } as const;

/** Where the CLI reads its settings and writes its output; the bin passes the process's. */
export interface TenantCliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (line: string) => void;
  readonly error: (line: string) => void;
  /** For tests: the fetch the Fabric client uses. */
  readonly fetch?: FetchLike;
}

interface CliSettings {
  readonly command: 'plan' | 'apply';
  readonly file: string;
  readonly prune: boolean;
  readonly yes: boolean;
  readonly baseUrl: string;
  readonly appKey: string;
  readonly appSecret: string;
  readonly tenantSpaceId: string | undefined;
}

class UsageError extends Error {}

function parseSettings(argv: readonly string[], env: TenantCliIo['env']): CliSettings {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      prune: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      'base-url': { type: 'string' },
      'app-key': { type: 'string' },
      'tenant-space-id': { type: 'string' },
    },
  });
  const [command, file, ...rest] = positionals;
  if ((command !== 'plan' && command !== 'apply') || file === undefined || rest.length > 0) throw new UsageError('expected: plan|apply <tenant.json>');
  const baseUrl = values['base-url'] ?? env.CEC_BASE_URL;
  const appKey = values['app-key'] ?? env.CEC_APP_KEY;
  const appSecret = env.CEC_APP_SECRET;
  if (!baseUrl) throw new UsageError('set CEC_BASE_URL or --base-url (https://<domain> of the API Fabric)');
  if (!appKey) throw new UsageError('set CEC_APP_KEY or --app-key');
  if (!appSecret) throw new UsageError('set CEC_APP_SECRET (the app secret is read from the environment only)');
  if (values.yes && command === 'plan') throw new UsageError('--yes goes with apply');
  return { command, file, prune: values.prune, yes: values.yes, baseUrl, appKey, appSecret, tenantSpaceId: values['tenant-space-id'] ?? env.CEC_TENANT_SPACE_ID };
}

function loadFile(path: string): ProvisioningFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TenantFileError(`cannot read ${path}: ${(error as Error).message}`, '(file)');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TenantFileError(`${path} is not JSON: ${(error as Error).message}`, '(root)');
  }
  return readTenantFile(value);
}

/** The environment variable holding an agent's password: `dave.ng` → `CEC_AGENT_PASSWORD_DAVE_NG`. */
export function passwordVariable(accountCode: string): string {
  return `CEC_AGENT_PASSWORD_${accountCode.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

const PASSWORD_KINDS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '~@^*_+.?'];

/** 16 characters of CEC's four kinds, with no character twice in a row (CEC refuses runs). */
export function generatePassword(): string {
  for (;;) {
    const characters = Array.from({ length: 16 }, (_unused, index) => {
      const kind = PASSWORD_KINDS[index % PASSWORD_KINDS.length] ?? '';
      return kind.charAt(randomInt(kind.length));
    });
    // Shuffle so the kinds do not sit in a fixed pattern.
    for (let index = characters.length - 1; index > 0; index -= 1) {
      const other = randomInt(index + 1);
      [characters[index], characters[other]] = [characters[other] ?? '', characters[index] ?? ''];
    }
    const password = characters.join('');
    if (isAgentPassword(password) && !/(.)\1/.test(password)) return password;
  }
}

async function run(settings: CliSettings, io: TenantCliIo): Promise<number> {
  const file = loadFile(settings.file);
  for (const warning of file.warnings) io.error(`warning: ${warning}`);
  const fabric = createFabricClient({ baseUrl: settings.baseUrl, appKey: settings.appKey, appSecret: settings.appSecret, ...(io.fetch ? { fetch: io.fetch } : {}) });
  const client = createTenantConfigClient({ fabric });
  const tenant = settings.tenantSpaceId ?? file.tenantSpaceId ?? '(the AK/SK app\'s tenant space)';
  io.out(`tenant space ${tenant} at ${settings.baseUrl}${settings.prune ? ' (prune: items not in the file are deleted)' : ''}`);
  const state = await readTenantSpace(client);
  const plan = planTenant(file.spec, state.spec, { prune: settings.prune });
  io.out(formatPlan(plan));
  const problems = checkPlan(plan, state);
  if (problems.length > 0) {
    for (const problem of problems) io.error(`refused: ${problem}`);
    io.error(`${problems.length} item(s) CEC would refuse: nothing changed; fix the file`);
    return EXIT.badFile;
  }
  if (settings.command === 'plan' || plan.changeCount === 0) return EXIT.ok;
  if (!settings.yes) {
    io.out('dry run: nothing changed; run `cec-tenant apply --yes` to make these changes');
    return EXIT.ok;
  }
  const passwordFor = (accountCode: string) => {
    const fromEnv = io.env[passwordVariable(accountCode)];
    if (fromEnv !== undefined) return fromEnv;
    const generated = generatePassword();
    io.out(`password of ${accountCode} (generated, shown once: store it now): ${generated}`);
    return generated;
  };
  await applyPlan(plan, state, client, { passwordFor, report: io.out });
  io.out(`applied ${plan.changeCount} change(s)`);
  return EXIT.ok;
}

/**
 * Runs `cec-tenant` with these arguments (without `node` and the script).
 *
 * @returns The exit code ({@link EXIT}).
 */
export async function runTenantCli(argv: readonly string[], io: TenantCliIo): Promise<number> {
  let settings: CliSettings;
  try {
    settings = parseSettings(argv, io.env);
  } catch (error) {
    io.error(`cec-tenant: ${(error as Error).message}\n${TENANT_CLI_USAGE}`);
    return EXIT.usage;
  }
  try {
    return await run(settings, io);
  } catch (error) {
    if (error instanceof TenantFileError) {
      io.error(`cec-tenant: bad tenant file at ${error.field}: ${error.message}`);
      return EXIT.badFile;
    }
    if (isFabricError(error)) {
      io.error(`cec-tenant: ${error.code}: ${error.message}`);
      return error.code === 'INVALID_OPTIONS' ? EXIT.usage : EXIT.failed;
    }
    io.error(`cec-tenant: ${(error as Error).message}`);
    return EXIT.failed;
  }
}
