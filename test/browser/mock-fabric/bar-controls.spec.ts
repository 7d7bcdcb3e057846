// The mock bar's own controls, driven by clicking, checked against the mock gateway's state:
// one-place sign-in with forcelogin, the state menu with reasons, hold/mute, transfer, dial pad,
// sign-out and keyboard use.
import { test, expect, type FrameLocator } from '@playwright/test';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { startRawCecServer, type RawCecServer } from '../../support/rawcec-server.js';
import { openRawCecPage, signInByClicking, signInOverHttp } from '../../support/rawcec-helpers.js';

let mock: MockFabric;
let crm: RawCecServer;
test.beforeEach(async () => {
  mock = await startMockFabric({ port: 0, trustTokens: true });
  crm = await startRawCecServer(mock.url, { tenantSpaceId: mock.tenant.tenantSpaceId, userAccount: 'alice.chen', accessToken: 'crm-token-1' });
});
test.afterEach(async () => {
  await crm.close();
  await mock.close();
});

const agent = (workNo: number) => mock.control.state().agents.find((a) => a.workNo === workNo)!;
const root = (bar: FrameLocator) => bar.locator('#ccbar');


test('a second place gets 100-002, offers forcelogin, takes over; the first bar goes offline', async ({ browser }) => {
  const first = await browser.newPage();
  const second = await browser.newPage();
  try {
    const barA = await openRawCecPage(first, crm.origin, []);
    await signInByClicking(barA);
    const barB = await openRawCecPage(second, crm.origin, []);
    await barB.getByTestId('bar-toggle').click();
    await barB.getByTestId('bar-signin').click();
    await expect(barB.getByTestId('bar-forcelogin')).toBeVisible();
    await expect(barB.getByTestId('bar-message')).toContainText('already signed in');
    await expect(root(barB)).toHaveAttribute('data-agent-state', 'offline');
    await barB.getByTestId('bar-forcelogin').click();
    await expect(root(barB)).toHaveAttribute('data-agent-state', 'idle');
    await expect(root(barA)).toHaveAttribute('data-agent-state', 'offline');
    await expect(barA.getByTestId('bar-message')).toContainText('Signed out by the contact centre');
    await expect(barA.getByTestId('bar-signin')).toBeVisible();
  } finally {
    await first.close();
    await second.close();
  }
});

test('state menu: busy and break with reasons, wrap-up, back to ready, sign out', async ({ page }) => {
  const bar = await openRawCecPage(page, crm.origin, []);
  await signInByClicking(bar);
  await bar.getByTestId('bar-state-menu').click();
  await bar.getByTestId('bar-busy-reason').selectOption({ label: 'Training' });
  await bar.getByTestId('bar-set-busy').click();
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'busy');
  expect(agent(101)).toMatchObject({ phase: 'busy', busyReason: 201 });

  await bar.getByTestId('bar-state-menu').click();
  await bar.getByTestId('bar-set-idle').click();
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'idle');
  expect(agent(101).phase).toBe('idle');

  await bar.getByTestId('bar-state-menu').click();
  await bar.getByTestId('bar-rest-reason').selectOption({ label: 'Short break' });
  await bar.getByTestId('bar-set-rest').click();
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'rest');
  expect(agent(101).phase).toBe('rest');

  await bar.getByTestId('bar-state-menu').click();
  await bar.getByTestId('bar-set-idle').click();
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'idle');

  await bar.getByTestId('bar-state-menu').click();
  await bar.getByTestId('bar-set-wrapup').click();
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'wrapUp');
  expect(agent(101).phase).toBe('wrapUp');
  await bar.getByTestId('bar-state-menu').click();
  await bar.getByTestId('bar-set-idle').click();
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'idle');

  await bar.getByTestId('bar-signout').click();
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'offline');
  expect(agent(101)).toMatchObject({ phase: 'signedOut', signedIn: false });
  await expect(bar.getByTestId('bar-signin')).toBeVisible();
});

test('in call: hold/resume, mute/unmute, transfer to another agent; then the dial pad calls out', async ({ page }) => {
  const bar = await openRawCecPage(page, crm.origin, []);
  await signInByClicking(bar);
  const { callId } = mock.control.injectCall({ caller: '13900003333', called: '66881' });
  await expect(root(bar)).toHaveAttribute('data-call-state', 'ringing');
  await bar.getByTestId('bar-answer').click();
  await expect(root(bar)).toHaveAttribute('data-call-state', 'talking');
  const call = () => mock.control.state().calls.find((c) => c.callId === callId)!;

  await bar.getByTestId('bar-hold').click();
  await expect(root(bar)).toHaveAttribute('data-call-state', 'held');
  expect(call().held).toBe(true);
  await bar.getByTestId('bar-hold').click();
  await expect(root(bar)).toHaveAttribute('data-call-state', 'talking');
  expect(call().held).toBe(false);
  await bar.getByTestId('bar-mute').click();
  await expect(bar.getByTestId('bar-mute')).toHaveAttribute('aria-pressed', 'true');
  expect(agent(101).muted).toBe(true);
  await bar.getByTestId('bar-mute').click();
  await expect(bar.getByTestId('bar-mute')).toHaveAttribute('aria-pressed', 'false');
  expect(agent(101).muted).toBe(false);

  // A bad transfer target is refused in the bar, before any request.
  await bar.getByTestId('bar-transfer').click();
  await bar.getByTestId('bar-transfer-type').selectOption('5');
  await bar.getByTestId('bar-transfer-address').fill('12ab');
  await bar.getByTestId('bar-transfer-go').click();
  await expect(bar.getByTestId('bar-message')).toContainText('Enter where to transfer');
  expect(call()).toMatchObject({ state: 'talking', workNo: 101 });

  // Transfer to agent 102 (signed in, idle): the call leaves alice and rings 102.
  await signInOverHttp(mock, 102);
  await expect.poll(() => agent(102).phase).toBe('idle');
  await bar.getByTestId('bar-transfer-type').selectOption('2');
  await bar.getByTestId('bar-transfer-address').fill('102');
  await bar.getByTestId('bar-transfer-go').click();
  await expect(root(bar)).toHaveAttribute('data-call-state', 'none');
  await expect.poll(() => call()).toMatchObject({ workNo: 102, state: 'ringing' });

  // Dial pad: keys fill the number, the call button dials through the gateway.
  for (const k of ['8', '8', '8', '8', '9', '0', '0', '7']) await bar.getByTestId(`bar-key-${k}`).click();
  await expect(bar.getByTestId('bar-dial-input')).toHaveValue('88889007');
  await bar.getByTestId('bar-dial').click();
  await expect(root(bar)).toHaveAttribute('data-call-state', 'dialing');
  const out = mock.control.state().calls.find((c) => c.direction === 'outbound')!;
  expect(out).toMatchObject({ called: '88889007', workNo: 101, state: 'dialing' });
  await bar.getByTestId('bar-hangup').click();
  await expect(root(bar)).toHaveAttribute('data-call-state', 'none');
  expect(mock.control.state().calls.find((c) => c.callId === out.callId)!.state).toBe('released');
});

test('keyboard: the toggle expands with Enter, Escape collapses; a bad number is refused', async ({ page }) => {
  const bar = await openRawCecPage(page, crm.origin, []);
  await bar.getByTestId('bar-toggle').focus();
  await page.keyboard.press('Enter');
  await expect(bar.getByTestId('bar-signin')).toBeVisible();
  await expect(bar.getByTestId('bar-toggle')).toHaveAttribute('aria-expanded', 'true');
  await bar.getByTestId('bar-signin').focus();
  await page.keyboard.press('Enter');
  await expect(root(bar)).toHaveAttribute('data-agent-state', 'idle');
  await bar.getByTestId('bar-dial-input').fill('12-34');
  await bar.getByTestId('bar-dial-input').press('Enter');
  await expect(bar.getByTestId('bar-message')).toContainText('Enter a number');
  expect(mock.control.state().calls).toHaveLength(0);
  await page.keyboard.press('Escape');
  await expect(bar.getByTestId('bar-signin')).toBeHidden();
  await expect(bar.getByTestId('bar-toggle')).toHaveAttribute('aria-expanded', 'false');
});

test('a bar opened without a usable #cfg= says why and cannot sign in', async ({ page }) => {
  for (const hash of ['', '#cfg=bm90IGpzb24']) {
    await page.goto(`${mock.url}service-cloud/ccdesktop/pages/cc-bar/bar.html${hash}`);
    await expect(page.getByTestId('bar-message')).toContainText('This bar cannot start');
    await expect(page.getByTestId('bar-signin')).toBeDisabled();
    await expect(page.locator('#ccbar')).toHaveAttribute('data-agent-state', 'offline');
  }
});
