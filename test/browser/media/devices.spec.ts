// The agent's other phones (issue 18): the softphone double for a `softphone` agent (Bob) and the
// desk phone page for a `pstn` agent (Carol), each carrying real WebRTC audio with a customer phone
// page, and each dropped mid-call: the customer's call ends, the bar and the host end it once.
import { test, expect, type FrameLocator, type Page } from '@playwright/test';
import { startThreeOrigins, type ThreeOrigins } from '../../support/e2e-origins.js';
import { hostEvents, keepsIncreasing, mountBar, signIn } from '../../support/media-harness.js';
import { firstMedia, keepsDecoding, logTiming, pagePeer } from './video-helpers.js';

let o: ThreeOrigins;
test.beforeEach(async () => {
  o = await startThreeOrigins({ mock: { trustTokens: true, requireSoftphone: true } });
});
test.afterEach(async () => {
  await o.close();
});

const root = (bar: FrameLocator) => bar.locator('#ccbar');
const agent = (workNo: number) => o.mock.control.state().agents.find((a) => a.workNo === workNo);
const ended = async (page: Page) => (await hostEvents(page)).filter((event) => event.name === 'call.ended');

async function openSoftphone(page: Page): Promise<void> {
  await page.goto(`${o.mock.url}__mock/softphone/?test=1`);
  await page.getByTestId('softphone-account').fill('88880102');
  await page.getByTestId('softphone-password').fill('sip-bob-52');
  await page.getByTestId('softphone-register').click();
  await expect(page.locator('#softphone')).toHaveAttribute('data-registration', 'registered');
}

async function customerDials(page: Page, called: string): Promise<void> {
  await page.goto(`${o.mock.url}__mock/phone/?test=1&number=13900000001`);
  await expect(page.locator('#phone')).toHaveAttribute('data-line', 'customer');
  await page.getByTestId('phone-number').fill(called);
  await page.getByTestId('phone-dial').click();
}

/** Audio both ways between an agent's device page and the customer page. */
async function audioBothWays(device: Page, customer: Page): Promise<void> {
  await keepsIncreasing(async () => (await pagePeer(device))?.packetsReceived ?? 0);
  await keepsIncreasing(async () => (await pagePeer(customer))?.packetsReceived ?? 0);
  await expect.poll(async () => (await pagePeer(device))?.audioLevelReceived ?? 0).toBeGreaterThan(0.05);
  await expect.poll(async () => (await pagePeer(customer))?.audioLevelReceived ?? 0).toBeGreaterThan(0.05);
}

test('softphone agent: not offered calls until the softphone registers; rings there, answered there, audio with the customer; hanging up the softphone ends the call once', async ({ page, context }) => {
  const bar = await mountBar(page, o, {}, { userAccount: 'bob.meyer' });
  await signIn(bar);
  // No softphone: busy, CEC reason 5 (phone unavailable); a queued call is not offered.
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'busy');
  await expect(bar.getByTestId('bar-message')).toContainText('phone unavailable');
  expect(agent(102)).toMatchObject({ phase: 'busy', busyReason: 5 });
  const { callId: waiting } = o.mock.control.injectCall({ caller: '13900000005', called: '66881' });
  await page.waitForTimeout(500);
  expect(o.mock.control.state().calls.find((call) => call.callId === waiting)).toMatchObject({ state: 'queued', workNo: null });
  o.mock.control.hangupCall(waiting);

  const softphone = await context.newPage();
  await openSoftphone(softphone);
  await expect.poll(() => agent(102)?.phase).toBe('idle');
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'idle');

  const customer = await context.newPage();
  await customerDials(customer, '66881');
  await expect(softphone.locator('#softphone')).toHaveAttribute('data-call', 'ringing');
  await expect(root(bar)).toHaveAttribute('data-call-state', 'ringing');
  const answeredAt = Date.now();
  await softphone.getByTestId('softphone-answer').click();
  await expect(root(bar)).toHaveAttribute('data-call-state', 'talking');
  logTiming('softphone ← customer page (agent side)', await firstMedia(answeredAt, () => pagePeer(softphone)));
  await expect(softphone.locator('#softphone')).toHaveAttribute('data-call', 'connected');
  await expect(customer.locator('#phone')).toHaveAttribute('data-state', 'connected');
  await audioBothWays(softphone, customer);
  await expect.poll(async () => (await hostEvents(page)).filter((event) => event.name === 'call.connected').length).toBe(1);

  // The softphone drops the call mid-call.
  await softphone.getByTestId('softphone-hangup').click();
  await expect(customer.locator('#phone')).toHaveAttribute('data-state', 'ended');
  await expect(root(bar)).toHaveAttribute('data-call-state', 'none');
  await expect(softphone.locator('#softphone')).toHaveAttribute('data-call', 'none');
  await expect.poll(async () => (await ended(page)).map((event) => event.payload.endedBy)).toEqual(['agent']);
  await page.waitForTimeout(500);
  expect(await ended(page)).toHaveLength(1);
});

test('softphone agent: answered in the bar, the softphone carries the audio; the softphone page closing drops the call once and the agent is busy (reason 5) again', async ({ page, context }) => {
  const bar = await mountBar(page, o, {}, { userAccount: 'bob.meyer' });
  const softphone = await context.newPage();
  await openSoftphone(softphone);
  await signIn(bar);
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'idle');
  const customer = await context.newPage();
  await customerDials(customer, '66881');
  await expect(root(bar)).toHaveAttribute('data-call-state', 'ringing');
  await bar.getByTestId('bar-answer').click();
  await expect(softphone.locator('#softphone')).toHaveAttribute('data-call', 'connected');
  await audioBothWays(softphone, customer);

  // The tab goes away (its unregister may not make it out): the mock notices the silence (DEVICE_GONE_MS).
  await softphone.close({ runBeforeUnload: true });
  await expect(customer.locator('#phone')).toHaveAttribute('data-state', 'ended');
  await expect(root(bar)).toHaveAttribute('data-call-state', 'none', { timeout: 20_000 });
  await expect.poll(async () => (await ended(page)).length).toBe(1);
  await expect.poll(() => agent(102)).toMatchObject({ phase: 'busy', busyReason: 5 });
});

test('pstn agent: the phone page for their number rings, answering there connects, the bar and host show talking; hanging up the phone ends the call once', async ({ page, context }) => {
  const bar = await mountBar(page, o, {}, { userAccount: 'carol.diaz' });
  await signIn(bar);
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'idle');
  const desk = await context.newPage();
  await desk.goto(`${o.mock.url}__mock/phone/?test=1&number=13800000103`);
  await expect(desk.locator('#phone')).toHaveAttribute('data-line', 'agent');
  await expect(desk.getByTestId('phone-line')).toContainText('Carol Diaz');

  const customer = await context.newPage();
  await customerDials(customer, '66882');
  await expect(desk.locator('#phone')).toHaveAttribute('data-state', 'incoming');
  await expect(root(bar)).toHaveAttribute('data-call-state', 'ringing');
  const answeredAt = Date.now();
  await desk.getByTestId('phone-answer').click();
  await expect(root(bar)).toHaveAttribute('data-call-state', 'talking');
  logTiming('pstn desk phone ← customer page (agent side)', await firstMedia(answeredAt, () => pagePeer(desk)));
  await expect(desk.locator('#phone')).toHaveAttribute('data-state', 'connected');
  await expect(customer.locator('#phone')).toHaveAttribute('data-state', 'connected');
  await audioBothWays(desk, customer);
  await expect.poll(async () => (await hostEvents(page)).filter((event) => event.name === 'call.connected').map((event) => event.payload.caller)).toEqual(['13900000001']);
  expect((await page.evaluate(() => (window as unknown as { __bar: { agent: { state: string } } }).__bar.agent)).state).toBe('inCall');

  await desk.getByTestId('phone-hangup').click();
  await expect(customer.locator('#phone')).toHaveAttribute('data-state', 'ended');
  await expect(root(bar)).toHaveAttribute('data-call-state', 'none');
  await expect.poll(async () => (await ended(page)).map((event) => event.payload.endedBy)).toEqual(['agent']);
  await page.waitForTimeout(500);
  expect(await ended(page)).toHaveLength(1);
});

test('softphone agent on a video call: the softphone shows the virtual customer and sends its camera', async ({ page, context }) => {
  const bar = await mountBar(page, o, {}, { userAccount: 'bob.meyer' });
  const softphone = await context.newPage();
  await openSoftphone(softphone);
  await signIn(bar);
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'idle');
  o.mock.control.injectCall({ caller: '13900000006', called: '66881', media: 'video' });
  await expect(softphone.getByTestId('softphone-status')).toContainText('video call');
  const answeredAt = Date.now();
  await softphone.getByTestId('softphone-answer').click();
  logTiming('softphone ← virtual customer (video)', await firstMedia(answeredAt, () => pagePeer(softphone)));
  await keepsDecoding(async () => (await pagePeer(softphone))?.framesDecoded ?? 0);
  await expect.poll(async () => (await pagePeer(softphone))?.framesSent ?? 0).toBeGreaterThan(10);
  await expect(softphone.getByTestId('softphone-remote-video')).toBeVisible();
  await expect.poll(async () => (await hostEvents(page)).find((event) => event.name === 'call.connected')?.payload.media).toBe('video');
  await softphone.getByTestId('softphone-hangup').click();
  await expect.poll(async () => (await ended(page)).length).toBe(1);
});
