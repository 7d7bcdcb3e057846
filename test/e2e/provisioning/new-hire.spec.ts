// A new hire end to end (issue 17 point 5), on three origins in Chromium: a queue, an agent and a
// route are created through CEC's configuration APIs while the server kit's agent directory
// polls; the directory emits the addition; the new agent's CRM user then gets a real bar token
// (checked by CEC's verification callback, not trusted blindly), signs in through the real shell,
// and a call to the new route rings them.
import { randomBytes } from 'node:crypto';
import { test, expect } from '@playwright/test';
import type { FabricAgent } from '../../../src/protocol/fabric.js';
import {
  createAgentDirectory,
  createBarTokenIssuer,
  createFabricClient,
  createTenantConfigClient,
  createValidateHandler,
  type AgentDirectory,
} from '../../../src/server/index.js';
import { barFrame, injectCall, signInAgent } from '../../../src/testing/index.js';
import { startTestServer, type TestServer } from '../../support/e2e-http.js';
import { crmMountOptions, startThreeOrigins, type ThreeOrigins } from '../../support/e2e-origins.js';

/** The CRM's own users and the CEC account each maps to; `u-erin` is hired in the test. */
const CRM_USERS: Readonly<Record<string, string>> = { 'u-alice': 'alice.chen', 'u-erin': 'erin.new' };

interface RecordedEvent {
  readonly name: string;
  readonly payload: Record<string, unknown>;
}

let origins: ThreeOrigins | undefined;
let backend: TestServer | undefined;
let directory: AgentDirectory | undefined;

test.afterEach(async () => {
  directory?.close();
  await origins?.close();
  await backend?.close();
});

/** The enterprise backend: CEC's verification callback, and bar tokens for CRM users the directory knows. */
async function startBackend(getDirectory: () => AgentDirectory | undefined, tenantSpaceId: () => string) {
  const issuer = createBarTokenIssuer({ key: randomBytes(32), ttlSeconds: 120, issuer: 'https://crm.example', audience: 'cec-bar' });
  const validate = createValidateHandler({ issuer });
  const server = await startTestServer({ '/validate': (req, res) => validate(req, res) });
  server.route('/bar-token', async (req, res) => {
    const crmUser = new URL(req.url ?? '/', server.url).searchParams.get('user') ?? '';
    const accountCode = CRM_USERS[crmUser];
    const agent = accountCode === undefined ? undefined : getDirectory()?.byAccountCode(accountCode);
    if (agent === undefined) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('no CEC agent for this CRM user');
      return;
    }
    const token = await issuer.issue({ userAccount: agent.accountCode, tenantSpaceId: tenantSpaceId() });
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token }));
  });
  return server;
}

test('an agent created through the API is seen by the directory, signs in with a real bar token, and a new route rings them', async ({ page }) => {
  let tenantSpaceId = '';
  backend = await startBackend(() => directory, () => tenantSpaceId);
  origins = await startThreeOrigins({ mock: { validateUrl: `${backend.url}/validate`, trustTokens: false } });
  tenantSpaceId = origins.mock.tenant.tenantSpaceId;
  const [app] = origins.mock.tenant.apps;
  const fabric = createFabricClient({ baseUrl: origins.mock.url, appKey: app!.appKey, appSecret: app!.appSecret });
  directory = createAgentDirectory({ fabric, intervalMs: 200, jitter: 0 });
  const added: FabricAgent[] = [];
  directory.on('added', (agent) => added.push(agent));
  await directory.ready;
  expect(added.map((agent) => agent.accountCode)).toEqual(['alice.chen', 'bob.meyer', 'carol.diaz']);
  const tokenFor = (crmUser: string) => fetch(`${backend!.url}/bar-token?user=${crmUser}`);
  expect((await tokenFor('u-erin')).status, 'no token before the hire').toBe(403);

  const config = createTenantConfigClient({ fabric });
  const release = { transferType: 'Release' } as const;
  const queue = await config.createSkill({
    mediaTypeId: 5, name: 'New hires', description: 'Newhires', maxWaitTime: 60, maxWaitNum: 5, maxAgentWrapupTime: 0,
    skillParam: { noAgents: release, busy: release, timeOut: release, answerFunction: '2', waitVoice: '' },
  });
  const skillId = queue.skillId ?? (await config.listSkills()).find((skill) => skill.name === 'New hires')!.skillId;
  const { workNo } = await config.createAgent({
    userAccount: 'erin.new', userName: 'Erin New', password: 'Erin-pass1', email: 'erin@example.com', agentType: 4, ccRoleId: 2,
    skills: [{ skillId, agentWeight: 5, skillWeight: 1 }],
  });
  await config.createCalledRoute({ accessCode: '6688', extCode: '9', mediaTypeId: 5, devicetype: 1, deviceId: skillId });

  await expect.poll(() => added.map((agent) => agent.accountCode), { timeout: 10_000 }).toContain('erin.new');
  expect(added.find((agent) => agent.accountCode === 'erin.new')?.workNo).toBe(workNo);

  const tokenReply = await tokenFor('u-erin');
  expect(tokenReply.status).toBe(200);
  const { token } = (await tokenReply.json()) as { token: string };
  await page.goto(origins.crmUrl);
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  const events = () => page.evaluate(() => (window as unknown as { __events: RecordedEvent[] }).__events);
  await page.evaluate((options) => (window as unknown as { __mount(o: unknown): boolean }).__mount(options), crmMountOptions(origins, { userAccount: 'erin.new', token }));
  await expect.poll(async () => (await events()).some((event) => event.name === 'connection' && event.payload.state === 'ready'), { timeout: 20_000 }).toBe(true);

  await signInAgent(page);
  await injectCall(origins.mock, { caller: '13800138009', called: '66889' });
  await expect(barFrame(page).locator('#ccbar')).toHaveAttribute('data-call-state', 'ringing');
  await expect.poll(async () => (await events()).filter((event) => event.name === 'call.ringing')).toHaveLength(1);
  const call = origins.mock.control.state().calls.find((candidate) => candidate.caller === '13800138009');
  expect(call).toMatchObject({ skillId, workNo });
});
