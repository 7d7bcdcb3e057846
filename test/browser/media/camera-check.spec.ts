// checkMedia() reports the camera as it does the microphone (issue 18): permission, devices and
// delegation to both frames, found without prompting; a blocked camera gives a plain sentence in
// videoProblems while the microphone's problems stay empty (audio calls still work).
import { test, expect, type Page } from '@playwright/test';
import { startThreeOrigins, type ThreeOrigins } from '../../support/e2e-origins.js';
import { mountBar, signIn } from '../../support/media-harness.js';

let o: ThreeOrigins;
test.beforeEach(async () => {
  o = await startThreeOrigins({ mock: { trustTokens: true } });
});
test.afterEach(async () => {
  await o.close();
});

type Check = { problems: string[]; videoProblems?: string[]; camera?: { permission: string; devices: number; delegated: { hostFrame: boolean; barFrame: boolean | null } } };
const checkMedia = (page: Page) => page.evaluate(() => (window as unknown as { __bar: { checkMedia(): Promise<Check> } }).__bar.checkMedia());

test('a healthy set-up reports the camera: devices, both frames delegated, no video problems', async ({ page }) => {
  const bar = await mountBar(page, o);
  await signIn(bar);
  const r = await checkMedia(page);
  expect(r.camera).toMatchObject({ delegated: { hostFrame: true, barFrame: true } });
  expect(r.camera?.devices).toBeGreaterThan(0);
  expect(r.videoProblems).toEqual([]);
});

test('the CRM iframe without allow=camera: a plain sentence for video, none for the microphone', async ({ page }) => {
  const bar = await mountBar(page, o, { allow: 'microphone; autoplay' });
  await signIn(bar);
  const r = await checkMedia(page);
  expect(r.camera?.delegated).toEqual({ hostFrame: false, barFrame: false });
  expect(r.videoProblems).toEqual([expect.stringMatching(/^the CRM's iframe lacks allow=camera: video calls will show no picture of the agent/)]);
  expect(r.problems).toEqual([]);
});

test('the camera blocked for the bar (permission denied): "the agent denied the camera", never a prompt', async ({ page, context }) => {
  const cdp = await context.newCDPSession(page);
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  await cdp.send('Browser.setPermission', { permission: { name: 'camera' }, setting: 'denied', origin: o.originA, browserContextId: targetInfo.browserContextId });
  const bar = await mountBar(page, o);
  await signIn(bar);
  const r = await checkMedia(page);
  expect(r.camera?.permission).toBe('denied');
  expect(r.videoProblems).toEqual([expect.stringMatching(/^the agent denied the camera: video calls will show no picture of the agent/)]);
  expect(r.problems).toEqual([]);
});

test('the bar frame (ccbarclient) without allow=camera: "the bar frame lacks allow=camera"', async ({ page }) => {
  const bar = await mountBar(page, o);
  await signIn(bar);
  // The shell's own frame element, as a shell that forgot camera would have written it.
  const shell = page.frames().find((frame) => frame.url().includes('/shell/'));
  if (!shell) throw new Error('no shell frame');
  await shell.evaluate(() => document.querySelector('iframe[name="ccbarclient"]')?.setAttribute('allow', 'microphone; autoplay'));
  const r = await checkMedia(page);
  expect(r.camera?.delegated).toEqual({ hostFrame: true, barFrame: false });
  expect(r.videoProblems).toEqual(['the bar frame (ccbarclient) lacks allow=camera: video calls will show no picture of the agent']);
  expect(r.problems).toEqual([]);
});
