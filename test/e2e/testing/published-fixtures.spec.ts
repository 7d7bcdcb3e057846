// The published `cec-bar-host/testing` fixtures on their own: the bare test page (barPage) over a
// shell server and a mock fabric, with no demo CRM. The packed-package tier runs the README's
// example of them from the installed tarball; this proves each fixture and helper from source.
import { test, expect, signInAgent, injectCall, barFrame, barEvents, callOutFrom, hangUpAsCustomer, answerAsCustomer } from '../../../src/testing/index.js';

test('barPage: a call rings, is answered and ends once, as a CRM handler would see it', async ({ barPage, mockFabric }) => {
  await signInAgent(barPage);
  const { callId } = await injectCall(mockFabric, { caller: '13800138001' });
  await expect.poll(() => barEvents(barPage, 'call.ringing')).toHaveLength(1);
  const [ringing] = await barEvents(barPage, 'call.ringing');
  expect(ringing?.payload).toMatchObject({ caller: '13800138001', direction: 'inbound' });
  await barFrame(barPage).getByTestId('bar-answer').click();
  await expect.poll(() => barEvents(barPage, 'call.connected')).toHaveLength(1);
  await hangUpAsCustomer(mockFabric, callId);
  await expect.poll(() => barEvents(barPage, 'call.ended')).toHaveLength(1);
  const [ended] = await barEvents(barPage, 'call.ended');
  expect(ended?.payload).toMatchObject({ outcome: 'completed', endedBy: 'customer' });
});

test('the frame fills its container with no CSS of the page (360 × 600 on the test page)', async ({ barPage }) => {
  const frame = await barPage.locator('#cec-bar iframe').boundingBox();
  expect(frame).toMatchObject({ width: 360, height: 600 });
});

test('callOutFrom dials through the page; the customer answers', async ({ barPage, mockFabric }) => {
  await signInAgent(barPage);
  await callOutFrom(barPage, '13800138002');
  await expect.poll(() => barEvents(barPage, 'call.dialing')).toHaveLength(1);
  const outbound = mockFabric.control.state().calls.find((call) => call.called === '13800138002');
  expect(outbound, 'the mock holds the outbound call').toBeTruthy();
  await answerAsCustomer(mockFabric, outbound!.callId);
  await expect.poll(() => barEvents(barPage, 'call.connected')).toHaveLength(1);
});

test.describe('crmOrigins', () => {
  test.use({ crmOrigins: ['http://127.0.0.1:3999'] });
  test('the shell server lets the listed CRM origin frame the bar, and no other', async ({ barShell }) => {
    const response = await fetch(barShell.shellUrl);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors[^;]*http:\/\/127\.0\.0\.1:3999/);
    expect(csp).not.toMatch(/frame-ancestors[^;]*\*/);
  });
});

test('the test page refuses a request without its mount options', async ({ barHarness }) => {
  const response = await fetch(barHarness.origin);
  expect(response.status).toBe(400);
  expect(await response.text()).toContain('shellUrl');
});
