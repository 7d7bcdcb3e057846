// Video calls end to end (issue 18): a customer phone page calling the video queue with Chromium's
// fake camera, an injected video call with the virtual customer's test pattern, and an outbound
// video call answered on the customer page. Real WebRTC on loopback between real pages; the
// figures come from getStats(). Each test logs the time from answer to the first audio packet and
// the first decoded video frame (MEDIA-TIMING lines).
import { test, expect, type FrameLocator, type Page } from '@playwright/test';
import { startThreeOrigins, type ThreeOrigins } from '../../support/e2e-origins.js';
import { barFrameOf, hostEvents, mountBar, register, signIn, stopsIncreasing } from '../../support/media-harness.js';
import { VIDEO_QUEUE, barLeg, firstMedia, keepsDecoding, logTiming, pagePeer, tenantWithVideoQueue } from './video-helpers.js';

let o: ThreeOrigins;
test.beforeEach(async () => {
  o = await startThreeOrigins({ mock: { trustTokens: true, mediaTestHooks: true, tenant: tenantWithVideoQueue() } });
});
test.afterEach(async () => {
  await o.close();
});

const root = (bar: FrameLocator) => bar.locator('#ccbar');

async function openPhone(page: Page, number = '13900000001'): Promise<void> {
  await page.goto(`${o.mock.url}__mock/phone/?test=1&number=${number}`);
  await expect(page.locator('#phone')).toHaveAttribute('data-state', 'idle');
  await expect(page.locator('#phone')).toHaveAttribute('data-line', 'customer');
}

async function readyAgent(page: Page): Promise<FrameLocator> {
  const bar = await mountBar(page, o);
  await signIn(bar);
  await register(bar);
  await expect(root(bar)).toHaveAttribute('data-phone-state', 'registered');
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'idle');
  return bar;
}

const ended = async (page: Page) => (await hostEvents(page)).filter((event) => event.name === 'call.ended');

test('a video call from the customer page: pictures and sound both ways, camera off and on, the customer hangs up', async ({ page, context }) => {
  const bar = await readyAgent(page);
  const frame = await barFrameOf(page);
  const customer = await context.newPage();
  await openPhone(customer);
  await customer.getByTestId('phone-number').fill(VIDEO_QUEUE);
  await customer.getByTestId('phone-video').check();
  await customer.getByTestId('phone-dial').click();
  await expect(root(bar)).toHaveAttribute('data-call-state', 'ringing');
  // The agent works in the CRM tab: a background tab's timers are throttled (the bar's event poll with them).
  await page.bringToFront();
  const answeredAt = Date.now();
  await bar.getByTestId('bar-answer').click();
  const [atAgent, atCustomer] = await Promise.all([firstMedia(answeredAt, async () => (await barLeg(frame))?.agent ?? null), firstMedia(answeredAt, () => pagePeer(customer))]);
  logTiming('webrtc-bar ← customer page (agent side)', atAgent);
  logTiming('customer page ← webrtc-bar (customer side)', atCustomer);

  // The bar frame decodes the customer's camera and hears the customer; the customer sees the agent.
  await expect(customer.locator('#phone')).toHaveAttribute('data-state', 'connected');
  expect(await barLeg(frame)).toMatchObject({ peer: 'phone', video: true, cameraOn: true });
  await keepsDecoding(async () => (await barLeg(frame))?.agent.framesDecoded ?? 0);
  await expect.poll(async () => (await barLeg(frame))?.agent.audioLevelReceived ?? 0).toBeGreaterThan(0.05);
  await keepsDecoding(async () => (await pagePeer(customer))?.framesDecoded ?? 0);
  await expect(bar.getByTestId('bar-video')).toBeVisible();
  await expect(customer.getByTestId('phone-remote-video')).toBeVisible();
  const connected = (await hostEvents(page)).find((event) => event.name === 'call.connected');
  expect(connected?.payload).toMatchObject({ media: 'video', direction: 'inbound', caller: '13900000001' });

  // Camera off: the customer's picture stops; on again: it moves again.
  await bar.getByTestId('bar-camera').click();
  await expect(bar.getByTestId('bar-camera')).toHaveAttribute('aria-pressed', 'true');
  const frozen = await stopsIncreasing(async () => (await pagePeer(customer))?.framesDecoded ?? 0);
  await bar.getByTestId('bar-camera').click();
  await expect.poll(async () => (await pagePeer(customer))?.framesDecoded ?? 0, { timeout: 10_000 }).toBeGreaterThan(frozen + 5);

  await customer.getByTestId('phone-hangup').click();
  await expect(root(bar)).toHaveAttribute('data-call-state', 'none');
  await expect.poll(async () => barLeg(frame)).toBeNull();
  await expect(bar.getByTestId('bar-video')).toBeHidden();
  await expect.poll(async () => (await ended(page)).map((event) => event.payload.endedBy)).toEqual(['customer']);
  await customer.close();
});

test('an injected video call: the virtual customer sends a moving test pattern and a tone; the agent hangs up', async ({ page }) => {
  const bar = await readyAgent(page);
  const frame = await barFrameOf(page);
  o.mock.control.injectCall({ caller: '13900000002', called: '66881', media: 'video' });
  await expect(root(bar)).toHaveAttribute('data-call-state', 'ringing');
  const answeredAt = Date.now();
  await bar.getByTestId('bar-answer').click();
  logTiming('webrtc-bar ← virtual customer', await firstMedia(answeredAt, async () => (await barLeg(frame))?.agent ?? null));
  expect(await barLeg(frame)).toMatchObject({ peer: 'virtual', video: true });
  await keepsDecoding(async () => (await barLeg(frame))?.agent.framesDecoded ?? 0);
  await keepsDecoding(async () => (await barLeg(frame))?.customer?.framesDecoded ?? 0);
  await expect.poll(async () => (await barLeg(frame))?.agent.audioLevelReceived ?? 0).toBeGreaterThan(0.05);
  await bar.getByTestId('bar-hangup').click();
  await expect.poll(async () => barLeg(frame)).toBeNull();
  await expect.poll(async () => (await ended(page)).length).toBe(1);
  expect((await ended(page))[0]?.payload).toMatchObject({ media: 'video', endedBy: 'agent' });
});

test('an audio call stays audio: no video panel, no frames', async ({ page }) => {
  const bar = await readyAgent(page);
  const frame = await barFrameOf(page);
  o.mock.control.injectCall({ caller: '13900000003', called: '66881' });
  await bar.getByTestId('bar-answer').click();
  await expect.poll(async () => (await barLeg(frame))?.agent.packetsReceived ?? 0).toBeGreaterThan(10);
  expect(await barLeg(frame)).toMatchObject({ video: false, agent: { framesDecoded: 0 } });
  await expect(bar.getByTestId('bar-video')).toBeHidden();
  const connected = (await hostEvents(page)).find((event) => event.name === 'call.connected');
  expect(connected?.payload).toMatchObject({ media: 'audio' });
});

test('outbound video: bar.callOut(n, { media: "video" }) rings the customer page, answered there; video both ways; the agent hangs up', async ({ page, context }) => {
  const bar = await readyAgent(page);
  const frame = await barFrameOf(page);
  const customer = await context.newPage();
  await openPhone(customer, '13900000009');
  await page.evaluate(() => (window as unknown as { __bar: { callOut(n: string, o: { media: string }): Promise<void> } }).__bar.callOut('13900000009', { media: 'video' }));
  await expect(customer.locator('#phone')).toHaveAttribute('data-state', 'incoming');
  await expect(customer.getByTestId('phone-status')).toContainText('video call');
  await page.bringToFront();
  expect(o.mock.control.state().calls.find((call) => call.called === '13900000009')).toMatchObject({ media: 'video', state: 'dialing' });
  const answeredAt = Date.now();
  await customer.getByTestId('phone-answer').click();
  await expect(root(bar)).toHaveAttribute('data-call-state', 'talking');
  const [atAgent, atCustomer] = await Promise.all([firstMedia(answeredAt, async () => (await barLeg(frame))?.agent ?? null), firstMedia(answeredAt, () => pagePeer(customer))]);
  logTiming('webrtc-bar → customer page, outbound (agent side)', atAgent);
  logTiming('customer page ← webrtc-bar, outbound (customer side)', atCustomer);
  await expect(customer.locator('#phone')).toHaveAttribute('data-state', 'connected');
  await keepsDecoding(async () => (await barLeg(frame))?.agent.framesDecoded ?? 0);
  await keepsDecoding(async () => (await pagePeer(customer))?.framesDecoded ?? 0);
  const connected = (await hostEvents(page)).find((event) => event.name === 'call.connected');
  expect(connected?.payload).toMatchObject({ media: 'video', direction: 'outbound', called: '13900000009' });
  await bar.getByTestId('bar-hangup').click();
  await expect(customer.locator('#phone')).toHaveAttribute('data-state', 'ended');
  await expect.poll(async () => (await pagePeer(customer))?.connectionState).toBe('closed');
  await expect.poll(async () => (await ended(page)).map((event) => event.payload.endedBy)).toEqual(['agent']);
  await customer.close();
});
