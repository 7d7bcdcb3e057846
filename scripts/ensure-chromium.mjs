#!/usr/bin/env node
// The browser tiers need Chromium. Found (CHROMIUM_PATH, Debian's, or Playwright's own): nothing to
// do. Missing on a machine where we can install it (root with apt-get, as on CI or a fresh Debian
// box): install Debian's `chromium` and say so. Otherwise stop at once with one line that names the
// command to run or CHROMIUM_PATH. See docs/toolchain.md#chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolveChromium } from '../test/support/chromium.mjs';

/** Returns the Chromium path to use, installing Debian's package when that is possible. */
export function ensureChromium({ log = console.log } = {}) {
  const found = findChromium();
  if (found) return found;
  if (!canInstallWithApt()) {
    throw new Error('No Chromium found: run `sudo apt-get install -y chromium` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium binary, then run `npm test` again.');
  }
  log("npm test: Chromium is missing; installing Debian's `chromium` package with apt-get (once, about a minute)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) throw new Error(`\`apt-get ${args.join(' ')}\` failed (exit ${result.status}); install Chromium yourself or set CHROMIUM_PATH.`);
  }
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed `chromium`, but no Chromium binary was found afterwards; set CHROMIUM_PATH.');
  log(`npm test: installed ${installed}`);
  return installed;
}

function findChromium() {
  const found = resolveChromium();
  if (found) return found;
  // Playwright's own download, if the user has one: Playwright finds it itself.
  return process.env.PLAYWRIGHT_BROWSERS_PATH ? 'playwright' : undefined;
}

function canInstallWithApt() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && ['/usr/bin/apt-get', '/bin/apt-get'].some((path) => existsSync(path));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(`chromium: ${ensureChromium()}`);
  } catch (error) {
    console.error(`npm test: ${error.message}`);
    process.exit(1);
  }
}
