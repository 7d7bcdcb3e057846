/** createBarTokenIssuer: claims, key kinds, pinned algorithms, one-time use with a bounded jti cache. */
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createBarTokenIssuer, type BarTokenIssuerOptions } from '../../../src/server/index.js';
import { createReplayCache } from '../../../src/server/replay-cache.js';
import { createManualClock } from '../../support/server-clock.js';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';
const who = { userAccount: 'alice.chen', tenantSpaceId: 'ts-1' };
const base: BarTokenIssuerOptions = { key: SECRET, ttlSeconds: 120, issuer: 'https://crm.test', audience: 'cec-bar' };

describe('createBarTokenIssuer', () => {
  it('issues short-lived HS256 JWTs: sub = userAccount, tenant claim, audience, issuer, unique jti', async () => {
    const clock = createManualClock();
    const issuer = createBarTokenIssuer({ ...base, clock });
    const a = await issuer.issue(who);
    const b = await issuer.issue(who);
    expect(decodeProtectedHeader(a).alg).toBe('HS256');
    const claims = decodeJwt(a);
    expect(claims).toMatchObject({ sub: 'alice.chen', tenantSpaceId: 'ts-1', aud: 'cec-bar', iss: 'https://crm.test' });
    expect(claims.exp! - claims.iat!).toBe(120);
    expect(claims.iat).toBe(Math.floor(clock.now() / 1000));
    expect(decodeJwt(b).jti).not.toBe(claims.jti);
    const result = await issuer.verify(a, who);
    expect(result).toEqual({ ok: true, claims: { ...who, jti: claims.jti, issuedAt: claims.iat, expiresAt: claims.exp } });
  });

  it('expires at ttl + tolerance on its clock, not before', async () => {
    const clock = createManualClock();
    const issuer = createBarTokenIssuer({ ...base, clockToleranceSeconds: 5, clock });
    const token = await issuer.issue(who);
    await clock.advance(124_000);
    expect((await issuer.verify(token, who)).ok).toBe(true);
    await clock.advance(2_000);
    expect(await issuer.verify(token, who)).toEqual({ ok: false, reason: 'expired' });
  });

  it('signs ES256 with a CryptoKey pair or a JWK pair, and each verifies the other', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const jwks = { privateJwk: await exportJWK(pair.privateKey), publicJwk: await exportJWK(pair.publicKey) };
    const withKeys = createBarTokenIssuer({ ...base, key: pair });
    const withJwk = createBarTokenIssuer({ ...base, key: jwks, algorithm: 'ES256' });
    const token = await withKeys.issue(who);
    expect(decodeProtectedHeader(token).alg).toBe('ES256');
    expect((await withJwk.verify(token, who)).ok).toBe(true);
    expect((await withKeys.verify(await withJwk.issue(who), who)).ok).toBe(true);
    // An HS256 token signed with anything is refused by the pinned ES256 verifier.
    expect(await withKeys.verify(await createBarTokenIssuer(base).issue(who), who)).toEqual({ ok: false, reason: 'algorithm' });
  });

  it('one-time use: a jti verifies once; without it, tokens verify again', async () => {
    const once = createBarTokenIssuer({ ...base, oneTimeUse: true });
    const token = await once.issue(who);
    expect((await once.verify(token, who)).ok).toBe(true);
    expect(await once.verify(token, who)).toEqual({ ok: false, reason: 'replayed' });
    const many = createBarTokenIssuer(base);
    const t2 = await many.issue(who);
    expect((await many.verify(t2, who)).ok).toBe(true);
    expect((await many.verify(t2, who)).ok).toBe(true);
  });

  it('never throws on junk tokens', async () => {
    const issuer = createBarTokenIssuer(base);
    for (const junk of [undefined, null, 42, '', 'x', 'a.b.c', 'x'.repeat(5000), {}]) {
      expect(await issuer.verify(junk, who)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('rejects bad options and subjects', async () => {
    expect(() => createBarTokenIssuer({ ...base, key: 'short' })).toThrow(/32 bytes/);
    expect(() => createBarTokenIssuer({ ...base, algorithm: 'ES256' })).toThrow(/does not match/);
    expect(() => createBarTokenIssuer({ ...base, ttlSeconds: 0 })).toThrow(/ttlSeconds/);
    expect(() => createBarTokenIssuer({ ...base, ttlSeconds: 3601 })).toThrow(/ttlSeconds/);
    expect(() => createBarTokenIssuer({ ...base, audience: '' })).toThrow(/audience/);
    expect(() => createBarTokenIssuer({ ...base, clockToleranceSeconds: -1 })).toThrow(/clockTolerance/);
    await expect(createBarTokenIssuer(base).issue({ userAccount: '', tenantSpaceId: 't' })).rejects.toThrow(/userAccount/);
  });
});

describe('createReplayCache', () => {
  it('is bounded: expired ids are swept first, then the oldest live id is forgotten', () => {
    const cache = createReplayCache(3);
    expect(cache.claim('a', 100, 0)).toBe(true);
    expect(cache.claim('b', 1000, 0)).toBe(true);
    expect(cache.claim('c', 1000, 0)).toBe(true);
    expect(cache.claim('a', 100, 50)).toBe(false);
    expect(cache.claim('d', 1000, 200)).toBe(true); // 'a' expired and swept
    expect(cache.size).toBe(3);
    expect(cache.claim('b', 1000, 300)).toBe(false);
    expect(cache.claim('e', 1000, 300)).toBe(true); // full of live ids: oldest ('b') goes
    expect(cache.size).toBe(3);
    expect(cache.claim('b', 1000, 300)).toBe(true);
    expect(() => createReplayCache(0)).toThrow(RangeError);
  });
});
