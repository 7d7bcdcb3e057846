// The `cec-bar-host/testing` fixtures on their own: a stand-alone mock fabric and the helpers.
import { test, expect, injectCall, DEFAULT_CALLED } from '../../support/demo-fixtures.js';

test('mockFabric: a running mock that trusts any bar token and takes injected calls', async ({ mockFabric }) => {
  const loader = await fetch(new URL('/service-cloud/ccdesktop/pages/cc-bar/js/ccbarclient.js', mockFabric.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ access_token: 'anything', tenantSpaceId: mockFabric.tenant.tenantSpaceId, userAccount: 'alice.chen' }),
  });
  expect(loader.status).toBe(200);
  expect(loader.headers.get('content-type')).toMatch(/javascript/);

  // With no `called`, injectCall dials DEFAULT_CALLED, the route to skill 1.
  const { callId } = await injectCall(mockFabric, { caller: '13800138001' });
  expect(mockFabric.control.state().calls).toEqual([expect.objectContaining({ callId, direction: 'inbound', caller: '13800138001', called: DEFAULT_CALLED, skillId: 1 })]);
});

test('injectCall refuses a caller the gateway could not carry', async ({ mockFabric }) => {
  await expect(injectCall(mockFabric, { caller: 'not-a-number' })).rejects.toMatchObject({ name: 'ControlError', status: 400, message: expect.stringContaining('at caller') });
});

test('crm: the CRM issues bar tokens that its verification API accepts once, and refuses forged ones', async ({ crm }) => {
  const signIn = await fetch(`${crm.urls.crm}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'u-alice' }) });
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const me = (await (await fetch(`${crm.urls.crm}/api/me`, { headers: { cookie } })).json()) as { cec: { accountCode: string; workNo: number } };
  // The mapping comes from the mock's queryAgentInfo through createAgentDirectory.
  expect(me.cec).toEqual({ accountCode: 'alice.chen', workNo: crm.fabric.tenant.agents.find((a) => a.accountCode === 'alice.chen')!.workNo });

  const { accessToken } = (await (await fetch(`${crm.urls.crm}/api/bar-token`, { headers: { cookie } })).json()) as { accessToken: string };
  const validate = async (token: string, userAccount = 'alice.chen') =>
    (await (await fetch(crm.crm.validateUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: token, tenantSpaceId: crm.tenantSpaceId, userAccount }),
    })).json()) as { retCode: number };
  expect((await validate(accessToken, 'bob.meyer')).retCode).not.toBe(0); // someone else's account
  expect((await validate(accessToken)).retCode).toBe(0);
  expect((await validate(accessToken)).retCode).not.toBe(0); // one-time use
  expect((await validate(accessToken.slice(0, -4) + 'AAAA')).retCode).not.toBe(0);
});
