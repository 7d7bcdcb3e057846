/** The app secret and Fabric tokens never reach errors or logs, whatever happens on the wire. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FABRIC_PATHS } from '../../../src/protocol/fabric.js';
import { redact, REDACTED } from '../../../src/protocol/redact.js';
import { createFabricClient, type ServerLogger } from '../../../src/server/index.js';
import { safeLog } from '../../../src/server/logger.js';
import { startFakeFabric, type FakeFabric } from '../../support/server-fake-fabric.js';

let fake: FakeFabric;
beforeEach(async () => {
  fake = await startFakeFabric();
});
afterEach(async () => {
  await fake.close();
});

function capture(): { logger: ServerLogger; text: () => string; count: () => number } {
  const lines: unknown[] = [];
  const push = (level: string) => (message: string, data?: Record<string, unknown>) => lines.push({ level, message, data });
  return {
    logger: { debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') },
    text: () => JSON.stringify(lines),
    count: () => lines.length,
  };
}

describe('secrets stay out of errors and logs', () => {
  it('through retries, re-authentication and failures', async () => {
    const log = capture();
    const errors: unknown[] = [];
    const fabric = createFabricClient({ baseUrl: fake.url, appKey: fake.appKey, appSecret: fake.appSecret, retry: { maxTries: 2, baseDelayMs: 1, maxDelayMs: 1 }, logger: log.logger });
    await fabric.queryAgentInfo();
    fake.revokeTokens();
    fake.script(FABRIC_PATHS.querySysInfo, [{ status: 500 }, { status: 500 }]);
    await fabric.querySysInfo().catch((e: unknown) => errors.push(e));
    await fabric.queryAgentInfo(); // 401 → re-auth
    fake.script(FABRIC_PATHS.queryAgentInfo, [{ drop: true }, { drop: true }]);
    await fabric.queryAgentInfo().catch((e: unknown) => errors.push(e));
    fake.script(FABRIC_PATHS.tokenByAkSk, [{ status: 403 }]);
    fabric.invalidateToken();
    await fabric.getAccessToken().catch((e: unknown) => errors.push(e));

    expect(errors).toHaveLength(3);
    expect(log.count()).toBeGreaterThanOrEqual(4);
    const tokens = fake.requests.map((r) => /^Bearer (.+)$/.exec(String(r.headers.authorization ?? ''))?.[1]).filter((t): t is string => !!t);
    expect(new Set(tokens).size).toBeGreaterThanOrEqual(2);
    const errorText = JSON.stringify(errors.map((e) => ({ s: String(e), m: (e as Error).message, j: e, stack: (e as Error).stack })));
    for (const secret of [fake.appSecret, ...tokens]) {
      expect(log.text()).not.toContain(secret);
      expect(errorText).not.toContain(secret);
    }
  });

  it('safeLog strips known secrets and bearer tokens, and survives a throwing logger', () => {
    const seen: unknown[] = [];
    const log = safeLog({ warn: (m, d) => seen.push(m, d), error: () => { throw new Error('broken logger'); } }, () => ['s3cr3t-value']);
    log('warn', 'sent Bearer abcdefghijklmnop with s3cr3t-value', { app_secret: 'x', nested: { note: 'key s3cr3t-value' }, access_token: 'eyJabc' });
    expect(() => log('error', 'x')).not.toThrow();
    const text = JSON.stringify(seen);
    expect(text).not.toContain('s3cr3t-value');
    expect(text).not.toContain('abcdefghijklmnop');
    expect(text).toContain(REDACTED);
    expect(redact({ authorization: 'Bearer zzzzzzzzzz', AccessToken: 'tok' })).toEqual({ authorization: REDACTED, AccessToken: REDACTED });
  });
});
