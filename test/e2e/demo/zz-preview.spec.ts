import { test } from '@playwright/test';
import { startDemoCrm } from '../../../host-demo/server/crm.js';
import { readFileSync } from 'node:fs';
const seed = JSON.parse(readFileSync('host-demo/customers.json', 'utf8')) as unknown[];
test('preview', async ({ page }) => {
  const crm = await startDemoCrm({ port: 0, webDir: '/tmp/preview/web', customers: seed });
  crm.connect({
    issuer: { issue: () => 'tok' }, validate: () => {},
    directory: { ready: Promise.resolve(), byAccountCode: (code) => ({ workNo: 101, accountCode: code, sipAccount: 'x', sipPwd: 'y' }) },
    tenantSpaceId: 't', shellUrl: 'http://localhost:1/shell/shell.html', cecContextPath: 'http://localhost:1/service-cloud/',
  });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(crm.url);
  await page.waitForSelector('[data-testid="signin-u-alice"]');
  await page.screenshot({ path: '/tmp/preview/signin.png' });
  await page.click('[data-testid="signin-u-alice"]');
  await page.waitForSelector('[data-testid="customer-list"] li');
  await page.evaluate(() => {
    const b = (window as any).__bar;
    b.emit('connection', { state: 'ready', previous: 'connecting' });
    b.emit('agent.state', { state: 'idle', previous: 'offline' });
    b.emit('call.ringing', { callId: '1-1', direction: 'inbound', caller: '13800138001', startedAt: Date.now() - 3000 });
    b.emit('call.connected', { callId: '1-1', direction: 'inbound', caller: '13800138001', startedAt: Date.now() - 3000, connectedAt: Date.now() - 2000 });
    b.emit('agent.state', { state: 'inCall', previous: 'idle' });
  });
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/preview/call.png' });
  await page.evaluate(() => {
    const b = (window as any).__bar;
    b.emit('call.ended', { callId: '1-1', direction: 'inbound', caller: '13800138001', startedAt: Date.now() - 30000, outcome: 'completed', endedBy: 'agent', talkMs: 65000 });
    b.emit('call.ended', { callId: '1-2', direction: 'outbound', called: '13800138004', startedAt: Date.now() - 9000, outcome: 'failed', endedBy: 'system', talkMs: 0 });
    b.emit('call.ringing', { callId: '1-3', direction: 'inbound', caller: '13912345678', startedAt: Date.now() });
  });
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/preview/after.png' });
  await crm.close();
});
