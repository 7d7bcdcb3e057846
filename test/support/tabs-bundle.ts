/**
 * The built `cec-bar-host/tabs` script (`dist/tabs/cec-bar-host-tabs.umd.min.js`, `CecBarTabs`),
 * so the browser tests drive what ships. Built by `npm run build` (npm test builds first).
 */
import { readFile } from 'node:fs/promises';

let cached: Promise<string> | undefined;
/** @example await page.addScriptTag({ content: await tabsBundle() }); // window.CecBarTabs */
export function tabsBundle(): Promise<string> {
  cached ??= readFile(new URL('../../dist/tabs/cec-bar-host-tabs.umd.min.js', import.meta.url), 'utf8');
  return cached;
}
