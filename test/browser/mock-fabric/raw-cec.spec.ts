// The raw CEC integration, as CEC's own demo does it, against the mock fabric — no cec-bar-host code
// in the page. Proves the mock bar speaks CEC's wire and drives the mock CC-Gateway like a real bar.
import { test, expect, type Page, type FrameLocator } from '@playwright/test';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { startRawCecServer, type RawCecServer } from '../../support/rawcec-server.js';
import { postedMessages, waitForPosted, openRawCecPage, signInByClicking, rawCallout } from '../../support/rawcec-helpers.js';

const AGENT = { workNo: 101, userAccount: 'alice.chen' };
/** What the page subscribes to: deliberately not AgentEvent_Ringing / AgentState_Busy / AgentEvent_Incoming_CallInfo. */
const SUBSCRIBED = [
  'AgentOther_InService',
  'AgentState_Ready',
  'AgentState_Work',
  'AgentOther_PhoneAlerting',
  'AgentEvent_Talking',
  'AgentEvent_Customer_Alerting',
  'AgentEvent_Customer_Release',
  'AgentEvent_Call_Release',
  'AgentEvent_Call_Out_Fail',
];

let mock: MockFabric;
let crm: RawCecServer;

test.beforeEach(async () => {
  mock = await startMockFabric({ port: 0, trustTokens: true });
  crm = await startRawCecServer(mock.url, { tenantSpaceId: mock.tenant.tenantSpaceId, userAccount: AGENT.userAccount, accessToken: 'crm-token-1' });
});
test.afterEach(async () => {
  await crm.close();
  await mock.close();
});

const posted = postedMessages;
async function types(page: Page): Promise<string[]> {
  return (await posted(page)).map((m) => m.data.event.eventType);
}
const waitFor = waitForPosted;
const openAndSubscribe = (page: Page): Promise<FrameLocator> => openRawCecPage(page, crm.origin, SUBSCRIBED);

async function signIn(page: Page, bar: FrameLocator): Promise<void> {
  await signInByClicking(bar);
  await waitFor(page, 'AgentOther_InService');
  await waitFor(page, 'AgentState_Ready');
}

test('raw CEC demo page: sign in, inbound call, customer hangs up, callout', async ({ page }) => {
  // Console errors and page errors from the page or the bar frame (CSP violations land here too).
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const bar = await openAndSubscribe(page);
  await signIn(page, bar);
  const cookies = (await page.context().cookies(crm.origin)).map((c) => c.name).sort();
  expect(cookies).toEqual(['sum_atime', 'sum_refresh_token', 'sum_sid', 'sum_token']);

  // Inbound: ring → answer in the bar → talking.
  let seen = (await posted(page)).length;
  const { callId } = mock.control.injectCall({ caller: '13900001111', called: '66881' });
  const alert = await waitFor(page, 'AgentOther_PhoneAlerting', seen);
  expect(alert.origin).toBe(crm.origin);
  expect(alert.data.event.workNo).toBe(String(AGENT.workNo));
  expect(alert.data.event.content).toMatchObject({ caller: '13900001111', callid: callId });
  await expect(bar.getByTestId('bar-incoming')).toContainText('13900001111');
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-call-state', 'ringing');
  await bar.getByTestId('bar-answer').click();
  const talking = await waitFor(page, 'AgentEvent_Talking', seen);
  expect(talking.data.event.content).toMatchObject({ callid: callId });
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-call-state', 'talking');
  await page.screenshot({ path: 'test-results/mock-fabric-bar-in-call.png' });

  // Hold and mute round-trip through the gateway.
  await bar.getByTestId('bar-hold').click();
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-call-state', 'held');
  await bar.getByTestId('bar-hold').click();
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-call-state', 'talking');
  await bar.getByTestId('bar-mute').click();
  await expect(bar.getByTestId('bar-mute')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => mock.control.state().agents.find((a) => a.workNo === AGENT.workNo)?.muted).toBe(true);

  // The customer hangs up.
  seen = (await posted(page)).length;
  mock.control.hangupCall(callId);
  const custRel = await waitFor(page, 'AgentEvent_Customer_Release', seen);
  expect(custRel.data.event.content).toMatchObject({ callid: callId });
  const callRel = await waitFor(page, 'AgentEvent_Call_Release', seen);
  expect(callRel.data.event.content).toBe(callId);
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-call-state', 'none');
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-agent-state', 'idle', { timeout: 20_000 });

  // Callout from the page → customer alerting → the customer answers → talking.
  seen = (await posted(page)).length;
  await rawCallout(page, '88889007');
  const alerting = await waitFor(page, 'AgentEvent_Customer_Alerting', seen);
  const outId = (alerting.data.event.content as { callid: string }).callid;
  expect(mock.control.state().calls.find((c) => c.callId === outId)).toMatchObject({ direction: 'outbound', called: '88889007', state: 'dialing' });
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-call-state', 'dialing');
  mock.control.answerCall(outId);
  const outTalking = await waitFor(page, 'AgentEvent_Talking', seen);
  expect(outTalking.data.event.content).toMatchObject({ callid: outId });
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-call-state', 'talking');
  await bar.getByTestId('bar-hangup').click();
  await waitFor(page, 'AgentEvent_Call_Release', seen);

  // Only subscribed types were posted, each as an object with a target origin we can see.
  const all = await posted(page);
  for (const m of all) {
    expect(SUBSCRIBED).toContain(m.data.event.eventType);
    expect(typeof m.data).toBe('object');
    expect(m.origin).toBe(crm.origin);
  }
  // ...while the gateway did send the agent types the page did not subscribe to.
  const sent = mock.control.events(AGENT.workNo).map((e) => e.envelope.event.eventType);
  const unsubscribedSent = sent.filter((t) => !SUBSCRIBED.includes(t));
  expect(unsubscribedSent.length).toBeGreaterThan(0);
  for (const t of unsubscribedSent) expect(all.map((m) => m.data.event.eventType)).not.toContain(t);
  expect(errors).toEqual([]);
});

test('the bar ignores commands from windows other than its parent, and posts nothing unsubscribed', async ({ page }) => {
  const bar = await openAndSubscribe(page);
  await signIn(page, bar);
  // A sibling frame on the same origin as the parent, and one on another origin (the mock's own).
  await page.evaluate(
    ([same, other]) => {
      for (const [name, src] of [['same', same], ['other', other]] as const) {
        const f = document.createElement('iframe');
        f.name = name;
        f.src = src;
        document.body.appendChild(f);
      }
    },
    [`${crm.origin}/blank`, `${mock.url}__mock/panel/`] as const,
  );
  await expect.poll(() => page.frames().filter((f) => f.name() === 'same' || f.name() === 'other').map((f) => f.url())).toHaveLength(2);
  for (const name of ['same', 'other']) {
    const frame = page.frame({ name })!;
    await frame.waitForLoadState();
    await frame.evaluate(() => {
      const target = parent.frames['ccbarclient' as unknown as number]!;
      target.postMessage(JSON.stringify({ name: 'callout', param: ['88889007', 'audio'] }), '*');
      target.postMessage({ name: 'callout', param: { number: '88889008', mode: 'audio' } }, '*');
      target.postMessage(JSON.stringify({ name: 'eventpost', param: ['AgentEvent_Ringing'] }), '*');
    });
  }
  // The parent itself, but with malformed commands: ignored too.
  await page.evaluate(() => {
    const target = frames['ccbarclient' as unknown as number]!;
    target.postMessage('{not json', location.origin);
    target.postMessage({ name: 'callout', param: ['12ab', 'audio'] }, location.origin);
    target.postMessage({ name: 'dial', param: ['88889007'] }, location.origin);
  });
  // A marker from the parent proves the bar has processed the messages above (same queue, in order).
  const seen = (await posted(page)).length;
  await page.evaluate(() => frames['ccbarclient' as unknown as number]!.postMessage({ name: 'callout', param: { number: '77770001', mode: 'audio' } }, location.origin));
  const alerting = await waitFor(page, 'AgentEvent_Customer_Alerting', seen);
  expect(alerting.data.event.content).toMatchObject({ otherPhone: '77770001' });
  const outbound = mock.control.state().calls.filter((c) => c.direction === 'outbound');
  expect(outbound.map((c) => c.called)).toEqual(['77770001']);

  // The subscription was not replaced by the foreign eventpost: an inbound ring is still posted as
  // AgentOther_PhoneAlerting and never as AgentEvent_Ringing.
  mock.control.hangupCall(outbound[0]!.callId);
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-agent-state', 'idle', { timeout: 20_000 });
  const before = (await posted(page)).length;
  const { callId } = mock.control.injectCall({ caller: '13900002222', called: '66881' });
  await waitFor(page, 'AgentOther_PhoneAlerting', before);
  expect(mock.control.events(AGENT.workNo).map((e) => e.envelope.event.eventType)).toContain('AgentEvent_Ringing');
  expect(await types(page)).not.toContain('AgentEvent_Ringing');

  // eventpost as an object (not a string) from the parent replaces the subscription.
  await page.evaluate(() => frames['ccbarclient' as unknown as number]!.postMessage({ name: 'eventpost', param: ['AgentEvent_Talking'] }, location.origin));
  const mark = (await posted(page)).length;
  await bar.getByTestId('bar-answer').click();
  await waitFor(page, 'AgentEvent_Talking', mark);
  mock.control.hangupCall(callId);
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-call-state', 'none');
  expect(mock.control.events(AGENT.workNo).map((e) => e.envelope.event.eventType)).toContain('AgentEvent_Customer_Release');
  expect((await types(page)).slice(mark)).toEqual(['AgentEvent_Talking']);
});
