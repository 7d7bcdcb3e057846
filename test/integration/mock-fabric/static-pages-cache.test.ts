// The mock's bar, panel and phone pages carry strong ETags and answer If-None-Match with 304 (CSP
// kept), read from disk on every request so a rebuilt page gets a new ETag at once.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { PAGE_CSP } from '../../../mock-fabric/static-pages.js';

const BAR = 'service-cloud/ccdesktop/pages/cc-bar/';
let fabric: MockFabric | undefined;
afterEach(async () => {
  await fabric?.close();
  fabric = undefined;
});

/** A dist/mock-fabric folder holding only a bar page and its script. */
function fakeDist(): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'mock-dist-'));
  mkdirSync(path.join(dist, 'bar'));
  writeFileSync(path.join(dist, 'bar', 'bar.html'), '<!doctype html><script src="bar.js"></script>');
  writeFileSync(path.join(dist, 'bar', 'bar.js'), 'console.log("bar")');
  return dist;
}

describe('mock pages: validators', () => {
  it('serves bar.js with a strong ETag, and 304 with the CSP for If-None-Match', async () => {
    fabric = await startMockFabric({ trustTokens: true, distDir: fakeDist() });
    const first = await fetch(`${fabric.url}${BAR}bar.js`);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('console.log("bar")');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await fetch(`${fabric.url}${BAR}bar.js`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(again.headers.get('x-content-type-options')).toBe('nosniff');
    expect(again.headers.get('referrer-policy')).toBe('no-referrer');
    expect(again.headers.get('cache-control')).toBe('no-cache');
    expect(await again.text()).toBe('');
  });

  it('gives a rebuilt file a new ETag without a restart', async () => {
    const dist = fakeDist();
    fabric = await startMockFabric({ trustTokens: true, distDir: dist });
    const oldTag = (await fetch(`${fabric.url}${BAR}bar.html`)).headers.get('etag')!;
    writeFileSync(path.join(dist, 'bar', 'bar.html'), '<!doctype html><title>rebuilt</title><script src="bar.js"></script>');
    const res = await fetch(`${fabric.url}${BAR}bar.html`, { headers: { 'If-None-Match': oldTag } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(oldTag);
    expect(await res.text()).toContain('rebuilt');
  });
});
