// Part of the packed-package tier (scripts/test-packed.mjs): each installed `<script>` build, loaded
// in Chromium on a page that already has globals of its own, must leave them as they were and add
// exactly one name (its documented global).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';
import { requireChromium, CHROMIUM_ARGS } from '../test/support/chromium.mjs';

/** The `<script>` builds a page may load, with the one global each must add. */
export const SCRIPT_BUILDS = [
  { file: 'dist/host/cec-bar-host.umd.min.js', global: 'CecBarHost', exports: ['mountConnectionBar', 'screenPop', 'isBarError'] },
  { file: 'dist/tabs/cec-bar-host-tabs.umd.min.js', global: 'CecBarTabs', exports: ['mountSharedConnectionBar', 'mountConnectionBar', 'screenPop', 'isBarError'] },
];

// Names a minified bundle's top level would typically leak (one-letter names, zod's globals),
// set by the page first: the test reads them back after the script ran.
const PAGE_GLOBALS = `window.e = 'page-e'; window.t = 'page-t'; window.n = 'page-n'; var r = 'page-r'; var o = 'page-o';`;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>globals</title>
<script>${PAGE_GLOBALS}</script></head><body></body></html>`;

/** Loads each build in its own page; throws naming every difference. */
export async function runScriptBuildChecks(packageDir) {
  const server = createServer((req, res) => {
    if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    const build = SCRIPT_BUILDS.find((candidate) => req.url === `/${candidate.file}`);
    if (!build) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(path.join(packageDir, build.file)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
  const problems = [];
  try {
    for (const build of SCRIPT_BUILDS) {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => ['error', 'warning'].includes(message.type()) && errors.push(message.text()));
      await page.goto(origin);
      const before = await page.evaluate(() => Object.getOwnPropertyNames(window));
      await page.addScriptTag({ url: `${origin}/${build.file}` });
      const after = await page.evaluate(() => Object.getOwnPropertyNames(window));
      const added = after.filter((name) => !before.includes(name));
      const kept = await page.evaluate(() => [window.e, window.t, window.n, window.r, window.o].map((value) => String(value).slice(0, 24)).join(','));
      const exported = await page.evaluate((name) => Object.keys(window[name] ?? {}), build.global);
      if (added.length !== 1 || added[0] !== build.global) problems.push(`${build.file} added ${JSON.stringify(added)}, expected ["${build.global}"]`);
      if (kept !== 'page-e,page-t,page-n,page-r,page-o') problems.push(`${build.file} changed the page's globals: ${kept}`);
      for (const name of build.exports) if (!exported.includes(name)) problems.push(`${build.file}: ${build.global}.${name} is missing`);
      if (errors.length) problems.push(`${build.file}: console/page errors: ${errors.join(' | ')}`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return SCRIPT_BUILDS.map((build) => build.global).join(', ');
}
