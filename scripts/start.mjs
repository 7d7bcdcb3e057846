#!/usr/bin/env node
// `npm start`: runs the demo on three origins: the mock fabric (C), the bar shell server (B) and
// the demo CRM (A). Builds first when a source changed since the last build (dist/.build-stamp),
// then starts the demo backend the build made (dist/host-demo/server, on the package's entries).
//
// Ports: --crm-port/--shell-port/--fabric-port, or CRM_PORT/SHELL_PORT/FABRIC_PORT (defaults 4100/4200/4300).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function readPorts() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'crm-port': { type: 'string' },
        'shell-port': { type: 'string' },
        'fabric-port': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    fail(err.message);
  }
  if (values.help) {
    console.log('usage: node scripts/start.mjs [--crm-port 4100] [--shell-port 4200] [--fabric-port 4300]\n(or CRM_PORT, SHELL_PORT, FABRIC_PORT)');
    process.exit(0);
  }
  const port = (flag, env, fallback) => {
    const raw = values[flag] ?? process.env[env] ?? String(fallback);
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 0 || n > 65535) fail(`--${flag} / ${env} must be a port number 0-65535, got "${raw}"`);
    return n;
  };
  return { crmPort: port('crm-port', 'CRM_PORT', 4100), shellPort: port('shell-port', 'SHELL_PORT', 4200), fabricPort: port('fabric-port', 'FABRIC_PORT', 4300) };
}

/** Newest modification time under `entry` (a file or a folder, walked recursively). */
function newestChange(entry) {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestChange(path.join(entry, child)));
  return newest;
}

/** What the build reads: when none of it changed since dist/.build-stamp, the build is skipped. */
const BUILD_INPUTS = ['src', 'mock-fabric', 'host-demo', 'package.json', 'rollup.config.mjs', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];

function buildIsFresh() {
  const stamp = path.join(root, 'dist', '.build-stamp');
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return BUILD_INPUTS.every((input) => newestChange(path.join(root, input)) < built);
}

function buildIfChanged() {
  if (buildIsFresh()) return;
  const built = existsSync(path.join(root, 'dist', '.build-stamp'));
  console.log(built ? 'npm start: sources changed since the last build; building…' : 'npm start: no build yet; building…');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail('the build failed (see above)');
}

const ports = readPorts();
buildIfChanged();
const mod = await import(pathToFileURL(path.join(root, 'dist/host-demo/server/index.mjs')).href);

let stack;
try {
  stack = await mod.startDemoStack(ports);
} catch (err) {
  const inUse = err.code === 'EADDRINUSE' || /EADDRINUSE|already in use/.test(err.message);
  const port = err.port ?? /port (\d+)|:(\d+)\b/.exec(err.message)?.slice(1).find(Boolean);
  fail(inUse ? `port ${port} is already in use; choose others with --crm-port/--shell-port/--fabric-port or CRM_PORT/SHELL_PORT/FABRIC_PORT` : err.message);
}

const { urls } = stack;
console.log(`
cec-bar-host demo: three origins are running

  CRM (origin A)            ${urls.crm}
  Bar shell (origin B)      ${urls.shell}
  Mock CEC fabric (C)       ${urls.fabric}
  Mock control panel        ${urls.panel}
  Customer phone            ${urls.phone}

Try this:
  1. Open ${urls.crm} and sign in as Alice Chen.
  2. In the Phone panel, click the bar's round icon, then "Sign in": the agent pill turns Ready.
  3. Open the customer phone page (${urls.phone}) and dial 66881, or inject a call
     from the control panel: the caller's record opens as the bar rings. Answer, then hang up:
     the call log gets an entry with its outcome and duration.
  4. Click a phone number in the customer list to call out; answer as the customer
     on the control panel, then hang up.

Ctrl-C stops everything.
`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the demo…`);
  const timer = setTimeout(() => process.exit(1), 5000);
  timer.unref();
  await stack.close();
  console.log('stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
