/**
 * Issue 9: three tabs of the CRM for one agent in one browser context share one bar: one shell
 * frame across them, events in all three, callOut from a standby tab through the owner.
 */
import { test, expect, type Page } from '@playwright/test';
import { startThreeOrigins, crmMountOptions, type ThreeOrigins, type CrmMountOptions } from '../../support/e2e-origins.js';
import { tabsBundle } from '../../support/tabs-bundle.js';

interface Recorded { name: string; payload: Record<string, unknown> }
type Shared = { state: string; ownership: { owner: boolean }; callOut(n: string, o: { media: string }): Promise<Record<string, unknown>> };
type W = { __ev: Recorded[]; __sb: Shared; CecBarTabs: { mountSharedConnectionBar(o: unknown): Shared }; __ready?: boolean };

let o: ThreeOrigins;
test.afterEach(async () => o?.close());

async function openTab(page: Page, opts: CrmMountOptions): Promise<void> {
  await page.goto(o.crmUrl);
  await page.waitForFunction(() => (window as unknown as W).__ready === true);
  await page.addScriptTag({ content: await tabsBundle() });
  await page.evaluate((op) => {
    const w = window as unknown as W;
    const { token, ...rest } = op as CrmMountOptions & { token: string };
    w.__ev = [];
    const bar = w.CecBarTabs.mountSharedConnectionBar({ container: '#bar', getAccessToken: async () => token, ...rest });
    w.__sb = bar;
    for (const n of ['connection', 'ownership', 'agent.state', 'call.ringing', 'call.dialing', 'call.connected', 'call.ended'])
      (bar as unknown as { on(n: string, f: (p: unknown) => void): void }).on(n, (p) => w.__ev.push({ name: n, payload: JSON.parse(JSON.stringify(p)) }));
  }, opts);
}
const waitFor = (page: Page, name: string, match: Record<string, unknown> = {}) =>
  page.waitForFunction(
    ([n, m]) => (window as unknown as W).__ev.find((e) => e.name === n && Object.entries(m).every(([k, v]) => e.payload[k] === v)),
    [name, match] as const,
    { timeout: 15_000 },
  );
const frames = async (pages: Page[]) => (await Promise.all(pages.map((p) => p.locator('iframe').count()))).reduce((a, b) => a + b, 0);

test('three tabs: one frame, ringing everywhere, callOut from a standby tab', async ({ context }) => {
  o = await startThreeOrigins({ sameSiteCrm: true });
  const opts = crmMountOptions(o);
  const pages = [await context.newPage(), await context.newPage(), await context.newPage()];
  for (const p of pages) await openTab(p, opts);
  const owners = await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as W).__sb.ownership.owner)));
  expect(owners.filter(Boolean)).toHaveLength(1);
  const owner = pages[owners.indexOf(true)]!;
  const standby = pages.filter((p) => p !== owner);
  for (const p of standby) expect(await p.evaluate(() => (window as unknown as W).__sb.state)).toBe('standby');
  await waitFor(owner, 'connection', { state: 'ready' });
  expect(await frames(pages)).toBe(1);

  const ui = owner.frameLocator('iframe').frameLocator('iframe[name=ccbarclient]');
  const toggle = ui.getByTestId('bar-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await ui.getByTestId('bar-signin').click();
  for (const p of pages) await waitFor(p, 'agent.state', { state: 'idle' });

  const { callId } = o.mock.control.injectCall({ caller: '13900000001', called: '66882' });
  for (const p of pages) await waitFor(p, 'call.ringing', { callId });
  o.mock.control.hangupCall(callId);
  for (const p of pages) await waitFor(p, 'call.ended', { callId });
  for (const p of standby) await waitFor(p, 'agent.state', { state: 'idle' });

  const dialed = await standby[0]!.evaluate(() => (window as unknown as W).__sb.callOut('13900000003', { media: 'audio' }));
  expect(dialed).toMatchObject({ direction: 'outbound' });
  for (const p of pages) await waitFor(p, 'call.dialing', { callId: dialed.callId as string });

  // a standby tab's media check is the owner frame's; its diagnostics describe the tab channel
  const viaOwner = await standby[1]!.evaluate(() => (window as unknown as { __sb: { checkMedia(): Promise<unknown> } }).__sb.checkMedia());
  const atOwner = await owner.evaluate(() => (window as unknown as { __sb: { checkMedia(): Promise<unknown> } }).__sb.checkMedia());
  expect(viaOwner).toEqual(atOwner);
  expect(viaOwner).toMatchObject({ secureContext: expect.any(Boolean), problems: expect.any(Array) });
  const d = await standby[1]!.evaluate(() => (window as unknown as { __sb: { diagnostics(): Record<string, unknown> } }).__sb.diagnostics());
  expect(d).toMatchObject({ state: 'standby', status: 'standby', loads: 0 });
  expect(d.delivered as number).toBeGreaterThan(5);

  // reconnect() in a standby tab rebuilds the owner's frame
  const readies = () => owner.evaluate(() => (window as unknown as W).__ev.filter((e) => e.name === 'connection' && e.payload.state === 'ready').length);
  const before = await readies();
  await standby[0]!.evaluate(() => (window as unknown as { __sb: { reconnect(): void } }).__sb.reconnect());
  await waitFor(owner, 'connection', { state: 'reconnecting' });
  await expect.poll(readies, { timeout: 15_000 }).toBe(before + 1);
  expect(await frames(pages)).toBe(1);
});


async function threeTabsInCall(context: import('@playwright/test').BrowserContext) {
  o = await startThreeOrigins({ sameSiteCrm: true });
  const opts = crmMountOptions(o);
  const pages = [await context.newPage(), await context.newPage(), await context.newPage()];
  for (const p of pages) await openTab(p, opts);
  const ownersNow = () => Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as W).__sb.ownership.owner)));
  // the lease elects after its claim window; Web Locks at once
  await expect.poll(async () => (await ownersNow()).filter(Boolean).length).toBe(1);
  const owner = pages[(await ownersNow()).indexOf(true)]!;
  const rest = pages.filter((p) => p !== owner);
  await waitFor(owner, 'connection', { state: 'ready' });
  const ui = owner.frameLocator('iframe').frameLocator('iframe[name=ccbarclient]');
  const toggle = ui.getByTestId('bar-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await ui.getByTestId('bar-signin').click();
  await waitFor(owner, 'agent.state', { state: 'idle' });
  const { callId } = o.mock.control.injectCall({ caller: '13900000001', called: '66882' });
  for (const p of pages) await waitFor(p, 'call.ringing', { callId });
  await ui.getByTestId('bar-answer').click();
  for (const p of pages) await waitFor(p, 'call.connected', { callId });
  return { pages, owner, rest, callId };
}
type Snap = { callId: string; connectedAt?: number; startedAt: number };
const callsOf = (p: Page) => p.evaluate(() => (window as unknown as { __sb: { calls: Snap[] } }).__sb.calls.map((c) => ({ ...c })));
const endedOf = (p: Page, callId: string) =>
  p.evaluate((id) => (window as unknown as W).__ev.filter((e) => e.name === 'call.ended' && e.payload.callId === id).map((e) => e.payload), callId);
const talking = (callId: string) => o.mock.control.state().calls.find((c) => c.callId === callId)?.state;

test('owner tab closes mid-call: another tab owns the bar within 2 s, and the call still ends once per tab', async ({ context }) => {
  const { owner, rest, callId } = await threeTabsInCall(context);
  const [before] = await callsOf(rest[0]!);
  const refused = await rest[0]!.evaluate(() =>
    (window as unknown as { __sb: { takeOver(): Promise<void> } }).__sb.takeOver().then(() => 'ok', (e: { code: string }) => e.code),
  );
  expect(refused).toBe('TAKEOVER_REFUSED');
  const closedAt = Date.now();
  await owner.close();
  const next = await Promise.race(rest.map((p, i) => waitFor(p, 'ownership', { owner: true }).then(() => i)));
  const handoverMs = Date.now() - closedAt;
  test.info().annotations.push({ type: 'handover-ms', description: String(handoverMs) });
  expect(handoverMs).toBeLessThan(2000);
  expect(await frames(rest)).toBe(1);
  await waitFor(rest[next]!, 'connection', { state: 'ready' });
  // the new owner carries the call: same call, same times, in every remaining tab
  for (const p of rest) expect(await callsOf(p)).toEqual([before]);
  expect(before).toMatchObject({ callId });
  expect(talking(callId)).toBe('talking');
  // a tab opened now, mid-call, shows the call at once and is ready (the owner's frame is)
  const late = await context.newPage();
  await openTab(late, crmMountOptions(o));
  await expect.poll(() => callsOf(late)).toEqual([before]);
  expect(await late.evaluate(() => Promise.race([(window as unknown as { __sb: { ready: Promise<void> } }).__sb.ready.then(() => 'ready'), new Promise((r) => setTimeout(() => r('pending'), 2000))]))).toBe('ready');
  rest.push(late);

  o.mock.control.hangupCall(callId);
  for (const p of rest) await waitFor(p, 'call.ended', { callId });
  await rest[0]!.waitForTimeout(500); // room for a duplicate to show up
  for (const p of rest) {
    expect(await endedOf(p, callId)).toEqual([expect.objectContaining({ callId, outcome: 'completed', endedBy: 'customer', startedAt: before!.startedAt })]);
    expect(await callsOf(p)).toEqual([]);
  }
});

test('forced takeOver mid-call: the bar moves, the call keeps its state and ends once per tab', async ({ context }) => {
  const { pages, owner, rest, callId } = await threeTabsInCall(context);
  const [before] = await callsOf(owner);
  const taker = rest[0]!;
  const outcome = await taker.evaluate(() =>
    (window as unknown as { __sb: { takeOver(o?: { force: boolean }): Promise<void> } }).__sb.takeOver({ force: true }).then(() => 'ok', (e: { code: string }) => e.code),
  );
  expect(outcome).toBe('ok');
  expect(await taker.evaluate(() => (window as unknown as W).__sb.ownership.owner)).toBe(true);
  await waitFor(taker, 'connection', { state: 'ready' });
  await waitFor(owner, 'ownership', { owner: false });
  expect(await owner.evaluate(() => (window as unknown as W).__sb.state)).toBe('standby');
  expect(await frames(pages)).toBe(1);
  expect(await taker.locator('iframe').count()).toBe(1);
  for (const p of pages) {
    expect(await callsOf(p)).toEqual([before]);
    expect(await endedOf(p, callId)).toEqual([]);
  }
  expect(talking(callId)).toBe('talking');

  o.mock.control.hangupCall(callId);
  for (const p of pages) await waitFor(p, 'call.ended', { callId });
  await taker.waitForTimeout(500);
  for (const p of pages) expect(await endedOf(p, callId)).toEqual([expect.objectContaining({ outcome: 'completed', endedBy: 'customer', connectedAt: before!.connectedAt })]);
});

test('without Web Locks the BroadcastChannel lease elects: one frame, ringing everywhere, owner closed → another owns within 2 s, the call ends once per tab', async ({ context }) => {
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined }));
  const { owner, rest, callId, pages } = await threeTabsInCall(context);
  expect(await owner.evaluate(() => 'locks' in navigator && navigator.locks === undefined)).toBe(true);
  expect(await frames(pages)).toBe(1);
  const closedAt = Date.now();
  await owner.close({ runBeforeUnload: true });
  const next = await Promise.race(rest.map((p, i) => waitFor(p, 'ownership', { owner: true }).then(() => i)));
  const handoverMs = Date.now() - closedAt;
  test.info().annotations.push({ type: 'handover-ms', description: String(handoverMs) });
  expect(handoverMs).toBeLessThan(2000);
  await waitFor(rest[next]!, 'connection', { state: 'ready' });
  expect(await frames(rest)).toBe(1);
  for (const p of rest) expect((await callsOf(p)).map((c) => c.callId)).toEqual([callId]);
  o.mock.control.hangupCall(callId);
  for (const p of rest) await waitFor(p, 'call.ended', { callId });
  await rest[0]!.waitForTimeout(500);
  for (const p of rest) expect(await endedOf(p, callId)).toHaveLength(1);

  // no call now: the other tab takes the bar over through the lease
  const other = rest[1 - next]!;
  expect(await other.evaluate(() => (window as unknown as { __sb: { takeOver(): Promise<void> } }).__sb.takeOver().then(() => 'ok'))).toBe('ok');
  await waitFor(rest[next]!, 'ownership', { owner: false });
  await waitFor(other, 'connection', { state: 'ready' });
  expect(await frames(rest)).toBe(1);
  expect(await other.locator('iframe').count()).toBe(1);
});

