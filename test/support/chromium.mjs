/**
 * Finds the Chromium to drive, in the order docs/toolchain.md §2.2 gives, and the launch flags this project
 * needs (fake media, loopback WebRTC, no background networking). Plain JS so that the benchmarks
 * (`node bench/…`) use the same lookup as Playwright; types in chromium.d.mts.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

export function resolveChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  for (const c of CANDIDATES) if (existsSync(c)) return c;
  // undefined → Playwright's own browser, if one is installed; otherwise Playwright says so.
  return undefined;
}

export function requireChromium() {
  const found = resolveChromium();
  if (!found && !process.env.PLAYWRIGHT_BROWSERS_PATH) {
    throw new Error('No Chromium found: run `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH.');
  }
  return found;
}

export const CHROMIUM_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-domain-reliability',
  '--no-pings',
  '--dns-prefetch-disable',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
