/**
 * CSP: the demo CRM, served with `default-src 'self'; script-src 'self'; frame-src <shell origin>`,
 * and the shell under its own strict CSP, go through a whole call with zero
 * `securitypolicyviolation` events in any frame (CRM, shell, bar). A deliberate violation in the
 * CRM and in the shell at the end proves the listeners are really there.
 */
import { test, expect, signInAgent, signInCrm, answerAndHangUpInDemo } from '../../support/demo-fixtures.js';

interface Violation { frame: string; directive: string; blocked: string; source: string }

test('a whole call under the CRM and shell CSPs raises no violation in any frame', async ({ page, crm }) => {
  test.setTimeout(90_000);
  const violations: Violation[] = [];
  await page.exposeBinding('__cspViolation', ({ frame }, v: Omit<Violation, 'frame'>) => {
    violations.push({ frame: frame.url(), ...v });
  });
  // Runs in every frame of the page, including the cross-origin shell and bar frames.
  await page.addInitScript(() => {
    addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(v: unknown): void }).__cspViolation({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` });
    });
  });
  const shellOrigin = new URL(crm.urls.shell).origin;

  const crmResponse = await page.request.get(crm.urls.crm);
  const crmCsp = crmResponse.headers()['content-security-policy'] ?? '';
  expect(crmCsp).toContain("default-src 'self'");
  expect(crmCsp).toContain("script-src 'self'");
  expect(crmCsp).toMatch(new RegExp(`frame-src [^;]*${shellOrigin.replace(/[.:/]/g, '\\$&')}`));
  expect(crmCsp).not.toMatch(/unsafe-inline|unsafe-eval/);

  const shellHeaders: Record<string, string>[] = [];
  page.on('response', (r) => {
    if (r.url().startsWith(`${shellOrigin}/shell/`) && r.request().resourceType() === 'document') shellHeaders.push(r.headers());
  });

  await signInCrm(page, crm.urls.crm, 'u-alice');
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'ready');
  const shellCsp = shellHeaders[0]?.['content-security-policy'] ?? '';
  expect(shellCsp, 'the shell page has its own CSP').toContain("default-src 'self'");
  expect(shellCsp).not.toMatch(/unsafe-inline|unsafe-eval/);

  // A whole call: sign in, ring, answer, hang up, logged.
  await signInAgent(page);
  const callId = await answerAndHangUpInDemo(page, crm);
  const entry = page.getByTestId('call-log-entry').first();
  await expect(entry).toHaveAttribute('data-call-id', callId);
  await expect(entry).toHaveAttribute('data-outcome', 'completed');

  expect(violations, 'no CSP violation in any frame through the whole call').toEqual([]);

  // Controls: the listeners work in the CRM page and inside the shell frame.
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'http://203.0.113.1/csp-probe.png';
    document.body.append(img);
  });
  const shell = page.frames().find((f) => f.url().startsWith(`${shellOrigin}/shell/`));
  expect(shell).toBeTruthy();
  await shell!.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'http://203.0.113.1/csp-probe-shell.png';
    document.body.append(img);
  });
  await expect.poll(() => violations.map((v) => new URL(v.frame).origin).sort()).toEqual([new URL(crm.urls.crm).origin, shellOrigin].sort());
  expect(violations.every((v) => v.directive === 'img-src')).toBe(true);
});
