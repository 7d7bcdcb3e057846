// Stub mode and the host-side media preflight (issue 6): a denied microphone, a host iframe
// without allow=microphone and a browser without a microphone each give the matching preflight
// problem, the bar's "phone unavailable" state and CEC busy reason 5; `media: "none"` still runs
// the whole call flow. A healthy set-up has no problems.
import { test, expect, chromium, type Browser, type BrowserContext, type FrameLocator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startThreeOrigins, type ThreeOrigins } from '../../support/e2e-origins.js';
import { CHROMIUM_ARGS, resolveChromium } from '../../support/chromium.mjs';
import { closePhonePopover, hostEvents, mountBar, register, signIn } from '../../support/media-harness.js';

let o: ThreeOrigins;
const extraBrowsers: Browser[] = [];
test.afterEach(async () => {
  for (const b of extraBrowsers.splice(0)) await b.close();
  await o?.close();
});

const root = (bar: FrameLocator) => bar.locator('#ccbar');
const agent101 = () => o.mock.control.state().agents.find((a) => a.workNo === 101);
type Check = { secureContext: boolean; microphonePermission: string; delegated: { hostFrame: boolean; barFrame: boolean | null }; devices: number; webrtc: boolean; problems: string[] };
const checkMedia = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { __bar: { checkMedia(): Promise<Check> } }).__bar.checkMedia());

/** A browser launched with the project's flags minus `drop` (a separate browser: flags are per launch). */
async function browserWithout(drop: string): Promise<Browser> {
  const path = resolveChromium();
  const b = await chromium.launch({ ...(path ? { executablePath: path } : {}), args: CHROMIUM_ARGS.filter((a) => a !== drop) });
  extraBrowsers.push(b);
  return b;
}

/** Expect the bar to say the phone is unavailable and the mock to hold the agent busy with reason 5. */
async function expectPhoneUnavailable(bar: FrameLocator, why: RegExp): Promise<void> {
  await expect(root(bar)).toHaveAttribute('data-phone-state', 'unavailable');
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'busy');
  await expect(bar.getByTestId('bar-message')).toContainText('phone unavailable');
  await bar.getByTestId('bar-phone').click();
  await expect(bar.locator('#bar-phone-status')).toContainText(why);
  await expect.poll(() => agent101()).toMatchObject({ phase: 'busy', busyReason: 5 });
  const reasons = o.mock.control.events(101).filter((e) => e.envelope.event.eventType === 'AgentState_SetNotReady_Success').map((e) => e.envelope.event.content);
  expect(reasons).toEqual([{ reason: 5 }]);
}

test('a healthy set-up: no problems, the phone registers', async ({ page }) => {
  o = await startThreeOrigins({ mock: { trustTokens: true } });
  const bar = await mountBar(page, o);
  await signIn(bar);
  const r = await checkMedia(page);
  expect(r).toMatchObject({ secureContext: true, delegated: { hostFrame: true, barFrame: true }, webrtc: true, problems: [] });
  expect(r.devices).toBeGreaterThan(0);
  await register(bar);
  await expect(root(bar)).toHaveAttribute('data-phone-state', 'registered');
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'idle');
});

test('a denied microphone: "the agent denied the microphone", phone unavailable, busy reason 5', async () => {
  o = await startThreeOrigins({ mock: { trustTokens: true } });
  // Without --use-fake-ui-for-media-stream the prompt is refused; the permission is set to denied.
  const browser = await browserWithout('--use-fake-ui-for-media-stream');
  const context: BrowserContext = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  await cdp.send('Browser.setPermission', { permission: { name: 'microphone' }, setting: 'denied', origin: o.originA, browserContextId: targetInfo.browserContextId });
  const bar = await mountBar(page, o);
  await signIn(bar);
  await expectPhoneUnavailable(bar, /microphone is blocked/);
  const r = await checkMedia(page);
  expect(r.microphonePermission).toBe('denied');
  expect(r.problems).toEqual([expect.stringMatching(/the agent denied the microphone/)]);
});

test('a host iframe without allow=microphone: "the CRM\'s iframe lacks allow=microphone", phone unavailable', async ({ page }) => {
  o = await startThreeOrigins({ mock: { trustTokens: true } });
  const bar = await mountBar(page, o, { allow: 'autoplay' });
  await signIn(bar);
  await expectPhoneUnavailable(bar, /does not allow the microphone/);
  const r = await checkMedia(page);
  expect(r.delegated.hostFrame).toBe(false);
  expect(r.problems).toEqual([expect.stringMatching(/the CRM's iframe lacks allow=microphone/)]);
});

test('no microphone in the machine: "no microphone was found", phone unavailable', async () => {
  o = await startThreeOrigins({ mock: { trustTokens: true } });
  const browser = await browserWithout('--use-fake-device-for-media-stream');
  const page = await browser.newPage();
  const bar = await mountBar(page, o);
  await signIn(bar);
  await expectPhoneUnavailable(bar, /no microphone was found/);
  const r = await checkMedia(page);
  expect(r.devices).toBe(0);
  expect(r.problems).toEqual([expect.stringMatching(/no microphone was found/)]);
});

test('media "none": no phone, no busy reason 5, and the call flow still runs end to end', async ({ page }) => {
  const tenant = JSON.parse(readFileSync('mock-fabric/tenants/default.json', 'utf8')) as { agents: { phone: string }[] };
  tenant.agents[0]!.phone = 'none';
  o = await startThreeOrigins({ mock: { trustTokens: true, tenant } });
  const bar = await mountBar(page, o);
  await signIn(bar);
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'idle');
  await expect(root(bar)).toHaveAttribute('data-phone-state', 'unavailable');
  await bar.getByTestId('bar-phone').click();
  await expect(bar.locator('#bar-phone-status')).toContainText('media: none');
  await closePhonePopover(bar);
  const { callId } = o.mock.control.injectCall({ caller: '13900000003', called: '66881' });
  await bar.getByTestId('bar-answer').click();
  await expect(root(bar)).toHaveAttribute('data-call-state', 'talking');
  await bar.getByTestId('bar-hold').click();
  await expect(root(bar)).toHaveAttribute('data-call-state', 'held');
  await bar.getByTestId('bar-hold').click();
  await bar.getByTestId('bar-mute').click();
  await expect(bar.getByTestId('bar-mute')).toHaveAttribute('aria-pressed', 'true');
  await bar.getByTestId('bar-hangup').click();
  await expect.poll(async () => (await hostEvents(page)).filter((e) => e.name === 'call.ended').map((e) => e.payload.callId)).toEqual([callId]);
  expect(o.mock.control.events(101).some((e) => e.envelope.event.eventType === 'AgentState_SetNotReady_Success')).toBe(false);
});
