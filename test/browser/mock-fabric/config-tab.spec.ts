// The panel's Configuration tab (/__mock/panel): agents, queues and routes through CEC's configuration APIs, the
// agent directory's view of the changes, and the tenant file download.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';

let mock: MockFabric;
test.beforeEach(async () => {
  mock = await startMockFabric({ port: 0, trustTokens: true });
});
test.afterEach(async () => {
  await mock.close();
});

async function openConfiguration(page: Page): Promise<void> {
  await page.goto(`${mock.url}__mock/panel/`);
  await page.getByTestId('panel-tab-config').click();
  await expect(page.getByTestId('panel-config')).toBeVisible();
}

async function fill(page: Page, form: string, values: Record<string, string>): Promise<void> {
  const scope = page.getByTestId(form);
  for (const [name, value] of Object.entries(values)) {
    const field = scope.getByTestId(`config-${name}`);
    if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
}

test('lists the seed tenant, switches back to the live view, and shows the directory', async ({ page }) => {
  await openConfiguration(page);
  await expect(page.getByTestId('panel-inject-form')).toBeHidden();
  for (const agent of mock.tenant.agents) await expect(page.getByTestId(`config-agent-${agent.accountCode}`)).toContainText(String(agent.workNo));
  for (const skill of mock.tenant.skills) await expect(page.getByTestId(`config-skill-${skill.id}`)).toContainText(skill.name);
  await expect(page.getByTestId('config-route-66881')).toContainText('General support');
  await expect(page.getByTestId('config-directory')).toContainText('added alice.chen (workNo 101');
  await page.getByTestId('panel-tab-live').click();
  await expect(page.getByTestId('panel-inject-form')).toBeVisible();
  await expect(page.getByTestId('panel-config')).toBeHidden();
});

test('adds a queue, an agent and a route through the APIs; the directory reports the new agent', async ({ page }) => {
  await openConfiguration(page);
  await fill(page, 'config-skill-form', { name: 'Returns', description: 'Returns', mediaTypeId: '5', maxWaitNum: '4' });
  await page.getByTestId('config-skill-submit').click();
  await expect(page.getByTestId('config-result')).toHaveText('Added queue Returns.');
  await expect(page.getByTestId('config-skill-3')).toContainText('≤ 4 calls');

  await fill(page, 'config-agent-form', { userAccount: 'erin.li', userName: 'Erin Li', password: 'Erin-pass7', email: 'erin@example.com', skills: '3:2' });
  await page.getByTestId('config-agent-submit').click();
  await expect(page.getByTestId('config-result')).toHaveText('Added agent erin.li.');
  await expect(page.getByTestId('config-agent-erin.li')).toContainText('104');
  await expect(page.getByTestId('config-agent-erin.li')).toContainText('3:2');
  await expect(page.getByTestId('config-directory')).toContainText('added erin.li (workNo 104, SIP 88880104)');

  await page.getByTestId('config-route-form').getByTestId('config-accessCode').fill('6688');
  await page.getByTestId('config-route-form').getByTestId('config-extCode').fill('3');
  await page.getByTestId('config-route-skill').selectOption('3');
  await page.getByTestId('config-route-submit').click();
  await expect(page.getByTestId('config-route-66883')).toContainText('Returns');

  const tenant = mock.control.tenant();
  expect(tenant.agents.find((agent) => agent.accountCode === 'erin.li')).toMatchObject({ workNo: 104, name: 'Erin Li', password: 'Erin-pass7', skills: [{ skillId: 3, weight: 2, skillWeight: 1 }] });
  expect(tenant.calledRoutes.at(-1)).toMatchObject({ accessCode: '6688', extCode: '3', skillId: 3 });
});

test("shows the API's refusal naming the field, and changes nothing", async ({ page }) => {
  await openConfiguration(page);
  await fill(page, 'config-agent-form', { userAccount: 'erin.li', userName: 'Erin Li', password: 'Erin-pass7', email: 'not-an-email' });
  await page.getByTestId('config-agent-submit').click();
  await expect(page.getByTestId('config-result')).toContainText('requestParam.email:');
  await expect(page.getByTestId('config-result')).toHaveAttribute('data-error', 'true');
  await fill(page, 'config-agent-form', { email: 'erin@example.com', skills: '9:1' });
  await page.getByTestId('config-agent-submit').click();
  await expect(page.getByTestId('config-result')).toContainText('requestParam.skills.0.skillId: unknown skill 9');
  expect(mock.control.tenant().agents.map((agent) => agent.accountCode)).toEqual(['alice.chen', 'bob.meyer', 'carol.diaz']);
});

test('edits an agent and a queue, deletes a route, and downloads the tenant file', async ({ page }) => {
  await openConfiguration(page);
  await page.getByTestId('config-agent-bob.meyer').getByTestId('config-agent-edit').click();
  await expect(page.getByTestId('config-agent-form').getByTestId('config-userAccount')).toHaveValue('bob.meyer');
  await fill(page, 'config-agent-form', { userName: 'Robert Meyer', skills: '1:3, 2:2' });
  await page.getByTestId('config-agent-submit').click();
  await expect(page.getByTestId('config-result')).toHaveText('Saved agent bob.meyer.');
  await expect(page.getByTestId('config-agent-bob.meyer')).toContainText('Robert Meyer');

  await page.getByTestId('config-skill-2').getByTestId('config-skill-edit').click();
  await fill(page, 'config-skill-form', { maxWaitNum: '3' });
  await page.getByTestId('config-skill-submit').click();
  await expect(page.getByTestId('config-skill-2')).toContainText('≤ 3 calls');

  await page.getByTestId('config-route-66882').getByTestId('config-route-delete').click();
  await expect(page.getByTestId('config-route-66882')).toHaveCount(0);

  const tenant = mock.control.tenant();
  expect(tenant.agents.find((agent) => agent.accountCode === 'bob.meyer')).toMatchObject({ name: 'Robert Meyer', skills: [{ skillId: 1, weight: 3 }, { skillId: 2, weight: 2 }] });
  expect(tenant.skills.find((skill) => skill.id === 2)?.maxWaitNum).toBe(3);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('config-download').click()]);
  expect(download.suggestedFilename()).toBe('mock-tenant-0001.json');
  expect(JSON.parse(readFileSync((await download.path())!, 'utf8'))).toEqual(tenant);
});
