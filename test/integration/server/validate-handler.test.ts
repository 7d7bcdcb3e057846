/** createValidateHandler: CEC's verification callback over real HTTP, a table of good and bad requests. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, SignJWT, base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VALIDATE_RETCODES } from '../../../src/protocol/verification.js';
import { createBarTokenIssuer, createValidateHandler, type BarTokenIssuer, type BarTokenIssuerOptions, type ServerLogger } from '../../../src/server/index.js';
import { createManualClock } from '../../support/server-clock.js';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';
const TENANT = 'ts-1';
const USER = 'alice.chen';
const clock = createManualClock();
const base: BarTokenIssuerOptions = { key: SECRET, ttlSeconds: 60, issuer: 'https://crm.test', audience: 'cec-bar', clockToleranceSeconds: 5, clock };
const issuer = createBarTokenIssuer({ ...base, oneTimeUse: true });
const logs: string[] = [];
const logger: ServerLogger = { info: (m, d) => logs.push(m + JSON.stringify(d)), warn: (m, d) => logs.push(m + JSON.stringify(d)) };

let server: http.Server;
let url: string;

beforeAll(async () => {
  const handler = createValidateHandler({ issuer, maxBodyBytes: 1024, logger });
  const broken = createValidateHandler({ issuer: { verify: () => Promise.reject(new Error('db down')) } });
  server = http.createServer((req, res) => void (req.url === '/broken' ? broken(req, res) : handler(req, res)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  json: { retCode: number; message: string };
}

/** A raw request, so bodies may be anything, chunked, or oversized. */
function send(body: string | Buffer | undefined, opts: { method?: string; chunked?: boolean; path?: string; contentType?: string | null } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const contentType = opts.contentType === undefined ? 'application/json' : opts.contentType;
    const headers: Record<string, string | number> = contentType === null ? {} : { 'content-type': contentType };
    if (body !== undefined && !opts.chunked) headers['content-length'] = Buffer.byteLength(body);
    const req = http.request(url + (opts.path ?? '/validate'), { method: opts.method ?? 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(Buffer.concat(chunks).toString()) as Reply['json'] }));
    });
    req.on('error', reject);
    if (body !== undefined && opts.chunked) {
      // Several chunks, no content-length: the limit must hold while streaming.
      const buf = Buffer.from(body);
      for (let i = 0; i < buf.length; i += 512) req.write(buf.subarray(i, i + 512));
      req.end();
    } else req.end(body);
  });
}

const call = (access_token: unknown, extra: Record<string, unknown> = {}) => send(JSON.stringify({ access_token, tenantSpaceId: TENANT, userAccount: USER, ...extra }));
const issue = (options: Partial<BarTokenIssuerOptions> = {}, subject = { userAccount: USER, tenantSpaceId: TENANT }) =>
  createBarTokenIssuer({ ...base, ...options }).issue(subject);

function unsigned(): string {
  const now = Math.floor(clock.now() / 1000);
  const enc = (v: unknown) => base64url.encode(JSON.stringify(v));
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: USER, tenantSpaceId: TENANT, iss: base.issuer, aud: base.audience, iat: now, nbf: now, exp: now + 60, jti: 'x' })}.`;
}

type Case = [name: string, run: () => Promise<Reply>, status: number, retCode: number, message: RegExp];

const cases: Case[] = [
  ['good token', async () => call(await issuer.issue({ userAccount: USER, tenantSpaceId: TENANT })), 200, 0, /validate success/],
  ['expired', async () => {
    const token = await issuer.issue({ userAccount: USER, tenantSpaceId: TENANT });
    await clock.advance(66_000);
    return call(token);
  }, 200, VALIDATE_RETCODES.EXPIRED, /expired/],
  ['not yet valid (issued by a clock 60 s ahead)', async () => {
    const ahead = { ...clock, now: () => clock.now() + 60_000 };
    return call(await issue({ clock: ahead }));
  }, 200, VALIDATE_RETCODES.INVALID, /not_yet_valid/],
  ['wrong signature (another secret)', async () => call(await issue({ key: 'another-secret-another-secret-another-secret' })), 200, 2, /signature/],
  ['tampered payload', async () => {
    const [h, , s] = (await issuer.issue({ userAccount: 'mallory', tenantSpaceId: TENANT })).split('.');
    const now = Math.floor(clock.now() / 1000);
    const p = base64url.encode(JSON.stringify({ sub: USER, tenantSpaceId: TENANT, iss: base.issuer, aud: base.audience, iat: now, nbf: now, exp: now + 60, jti: 'y' }));
    return call(`${h}.${p}.${s}`);
  }, 200, 2, /signature/],
  ['alg: none', async () => call(unsigned()), 200, 2, /algorithm/],
  ['ES256 token to an HS256 verifier', async () => {
    const pair = await generateKeyPair('ES256');
    return call(await issue({ key: pair }));
  }, 200, 2, /algorithm/],
  ['wrong audience', async () => call(await issue({ audience: 'someone-else' })), 200, 2, /wrong_audience/],
  ['wrong issuer', async () => call(await issue({ issuer: 'https://evil.test' })), 200, 2, /wrong_issuer/],
  ['wrong user', async () => call(await issuer.issue({ userAccount: USER, tenantSpaceId: TENANT }), { userAccount: 'bob.meyer' }), 200, 2, /wrong_user/],
  ['wrong tenant', async () => call(await issuer.issue({ userAccount: USER, tenantSpaceId: TENANT }), { tenantSpaceId: 'ts-2' }), 200, 2, /wrong_tenant/],
  ['replayed jti (one-time use)', async () => {
    const token = await issuer.issue({ userAccount: USER, tenantSpaceId: TENANT });
    expect((await call(token)).json.retCode).toBe(0);
    return call(token);
  }, 200, 2, /replayed/],
  ['a bad request does not burn a one-time token', async () => {
    const token = await issuer.issue({ userAccount: USER, tenantSpaceId: TENANT });
    expect((await call(token, { userAccount: 'bob.meyer' })).json.retCode).toBe(2);
    return call(token);
  }, 200, 0, /validate success/],
  ['token that is not a JWT', async () => call('not.a.jwt'), 200, 2, /malformed/],
  ['token missing the tenant claim', async () => {
    const now = Math.floor(clock.now() / 1000);
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(USER).setIssuer(base.issuer).setAudience(base.audience)
      .setIssuedAt(now).setNotBefore(now).setExpirationTime(now + 60).setJti('z').sign(new TextEncoder().encode(SECRET));
    return call(token);
  }, 200, 2, /malformed/],
  ['garbage JSON', async () => send('{"access_token": '), 400, 2, /not JSON/],
  ['JSON that is not an object', async () => send('null'), 400, 1, /empty/],
  ['missing userAccount', async () => send(JSON.stringify({ access_token: 'x', tenantSpaceId: TENANT })), 400, 2, /userAccount/],
  ['missing access_token', async () => send(JSON.stringify({ tenantSpaceId: TENANT, userAccount: USER })), 400, VALIDATE_RETCODES.EMPTY, /empty/],
  ['empty access_token', async () => call(''), 400, VALIDATE_RETCODES.EMPTY, /empty/],
  ['access_token of the wrong type', async () => call(12345), 400, 2, /access_token/],
  ['oversized body (content-length)', async () => send(JSON.stringify({ access_token: 'x'.repeat(5000), tenantSpaceId: TENANT, userAccount: USER })), 413, 2, /too large/],
  ['oversized body (chunked, no content-length)', async () => send('x'.repeat(8000), { chunked: true }), 413, 2, /too large/],
  ['wrong method', async () => send(undefined, { method: 'GET' }), 405, 2, /POST/],
  ['verifier failure is a 503 system error, not a 500', async () => send(JSON.stringify({ access_token: 'x', tenantSpaceId: TENANT, userAccount: USER }), { path: '/broken' }), 503, VALIDATE_RETCODES.SYSTEM_ERROR, /system error/],
];

describe('createValidateHandler over real HTTP', () => {
  it.each(cases)('%s', async (_name, run, status, retCode, message) => {
    const reply = await run();
    expect(reply.status).toBe(status);
    expect(reply.json.retCode).toBe(retCode);
    expect(reply.json.message).toMatch(message);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    if (status === 405) expect(reply.headers.allow).toBe('POST');
  });

  it.each([
    ['text/plain (a cross-site form post, no preflight)', 'text/plain'],
    ['text/plain with a JSON-looking charset', 'text/plain; charset=application/json'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['another JSON-like type', 'application/json-patch+json'],
    ['no Content-Type', null],
  ])('answers 415 to %s without using up the one-time token', async (_name, contentType) => {
    const token = await issuer.issue({ userAccount: USER, tenantSpaceId: TENANT });
    const refused = await send(JSON.stringify({ access_token: token, tenantSpaceId: TENANT, userAccount: USER }), { contentType });
    expect(refused.status).toBe(415);
    expect(refused.json.retCode).toBe(VALIDATE_RETCODES.INVALID);
    expect(refused.json.message).toMatch(/application\/json/);
    const later = await call(token);
    expect(later.status).toBe(200);
    expect(later.json).toEqual({ retCode: 0, message: 'validate success' });
  });

  it.each(['application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=UTF-8'])('accepts Content-Type %s', async (contentType) => {
    const token = await issuer.issue({ userAccount: USER, tenantSpaceId: TENANT });
    const reply = await send(JSON.stringify({ access_token: token, tenantSpaceId: TENANT, userAccount: USER }), { contentType });
    expect(reply.status).toBe(200);
    expect(reply.json.retCode).toBe(0);
  });

  it('one-time use under a race: of 50 parallel presentations of one token, exactly one succeeds', async () => {
    const token = await issuer.issue({ userAccount: USER, tenantSpaceId: TENANT });
    const replies = await Promise.all(Array.from({ length: 50 }, () => call(token)));
    expect(replies.filter((reply) => reply.json.retCode === 0)).toHaveLength(1);
    expect(replies.filter((reply) => /replayed/.test(reply.json.message))).toHaveLength(49);
  });

  it('never logs the token', async () => {
    const token = await issuer.issue({ userAccount: USER, tenantSpaceId: TENANT });
    await call(token, { userAccount: 'bob.meyer' });
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(token.split('.')[2]);
  });

  it('rejects bad options', () => {
    expect(() => createValidateHandler({} as never)).toThrow(/issuer/);
    expect(() => createValidateHandler({ issuer: issuer as BarTokenIssuer, maxBodyBytes: 1 })).toThrow(/maxBodyBytes/);
  });
});
