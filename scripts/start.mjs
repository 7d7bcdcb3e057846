#!/usr/bin/env node
// `npm start`: runs the demo on three origins: the mock fabric (C), the bar shell server (B) and
// the demo CRM (A). `npm start` has already run `npm run build`; this bundles the CRM backend
// (host-demo/server) against the built package entries, then starts everything.
//
// Ports: --crm-port/--shell-port/--fabric-port, or CRM_PORT/SHELL_PORT/FABRIC_PORT (defaults 4100/4200/4300).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';

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

/** Bundles host-demo/server with the package's own entries left as `cec-bar-host/*` imports. */
async function buildCrmBackend() {
  const file = path.join(root, 'dist/host-demo/server/index.mjs');
  if (isFresh(file, ['host-demo/server', 'src/protocol'])) return file;
  const { rollup } = await import('rollup');
  const { default: typescript } = await import('@rollup/plugin-typescript');
  const selfEntries = {
    [path.join(root, 'src/server/index')]: 'cec-bar-host/server',
    [path.join(root, 'mock-fabric/index')]: 'cec-bar-host/mock-fabric',
  };
  const bundle = await rollup({
    input: path.join(root, 'host-demo/server/index.ts'),
    external: (id) => id.startsWith('node:') || /^(zod|jose|postmate)(\/|$)/.test(id) || id.startsWith('cec-bar-host/'),
    onwarn: () => {},
    plugins: [
      {
        name: 'package-self-reference',
        resolveId(source, importer) {
          if (!importer || !source.startsWith('.')) return null;
          const abs = path.resolve(path.dirname(importer), source).replace(/\.(js|ts)$/, '');
          return selfEntries[abs] ? { id: selfEntries[abs], external: true } : null;
        },
      },
      typescript({ tsconfig: path.join(root, 'tsconfig.build.json'), include: ['host-demo/server/**', 'src/protocol/**'], noEmitOnError: false, noCheck: true, outputToFilesystem: false }),
    ],
  });
  // Written under a private name, then renamed: two starts at once never read a half-written file.
  const tmp = path.join(root, `dist/host-demo/server/index.${process.pid}.tmp.mjs`);
  await bundle.write({ file: tmp, format: 'es' });
  await bundle.close();
  renameSync(tmp, file);
  return file;
}

/** True when `file` exists and is newer than every source file under `dirs`. */
function isFresh(file, dirs) {
  if (!existsSync(file)) return false;
  const built = statSync(file).mtimeMs;
  return dirs.every((d) => readdirSync(path.join(root, d)).every((f) => statSync(path.join(root, d, f)).mtimeMs < built));
}

const ports = readPorts();
let mod;
try {
  mod = await import(pathToFileURL(await buildCrmBackend()).href);
} catch (err) {
  fail(`could not build the demo backend: ${err.message}\n(run \`npm run build\` first; \`npm start\` does)`);
}

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
