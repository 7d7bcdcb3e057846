/** Short-lived bar tokens (jose JWTs) that CEC hands back to the validate handler. */
import type { JsonWebKey, webcrypto } from 'node:crypto';
import { SignJWT, errors, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';

// The public types name Node's own WebCrypto and JWK types, not jose's: jose is an ES module only,
// and a CommonJS consumer's `.d.cts` cannot import its types (docs/toolchain.md#rollup).
type CryptoKey = webcrypto.CryptoKey;
import { FabricError } from '../protocol/fabric-error.js';
import { systemClock, type Clock } from './clock.js';
import { createReplayCache } from './replay-cache.js';

/**
 * ES256 keys as WebCrypto keys or as JWKs.
 *
 * @example
 * const key: Es256KeyPair = await generateKeyPair('ES256'); // from jose
 */
export type Es256KeyPair =
  | { readonly privateKey: CryptoKey; readonly publicKey: CryptoKey }
  | { readonly privateJwk: JsonWebKey; readonly publicJwk: JsonWebKey };

/**
 * A secret (HS256, ≥ 32 bytes) or an ES256 key pair.
 *
 * @example
 * const key: BarTokenKey = randomBytes(32);
 */
export type BarTokenKey = string | Uint8Array | Es256KeyPair;

/**
 * Options of {@link createBarTokenIssuer}.
 *
 * @example
 * const options: BarTokenIssuerOptions = { key: process.env.BAR_TOKEN_SECRET!, ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar' };
 */
export interface BarTokenIssuerOptions {
  readonly key: BarTokenKey;
  /** Token lifetime, 1-3600 s. */
  readonly ttlSeconds: number;
  /** `iss` claim, checked on verify. */
  readonly issuer: string;
  /** `aud` claim, checked on verify. The tenant goes in the `tenantSpaceId` claim. */
  readonly audience: string;
  /** Allowed clock skew on verify. Default 5 s. */
  readonly clockToleranceSeconds?: number;
  /** Each `jti` verifies once (a bounded cache of seen ids). Default false. */
  readonly oneTimeUse?: boolean;
  /** Size of the seen-`jti` cache. Default 100000. */
  readonly replayCacheSize?: number;
  /** Must match the key: HS256 for secrets, ES256 for key pairs. Pinned on verify. */
  readonly algorithm?: 'HS256' | 'ES256';
  readonly clock?: Clock;
}

/**
 * Who a token is for.
 *
 * @example
 * const subject: BarTokenSubject = { userAccount: 'alice', tenantSpaceId: 'ts-1' };
 */
export interface BarTokenSubject {
  readonly userAccount: string;
  readonly tenantSpaceId: string;
}

/**
 * The claims of a verified token (times in epoch seconds).
 *
 * @example
 * if (r.ok) console.log(r.claims.userAccount, new Date(r.claims.expiresAt * 1000));
 */
export interface BarTokenClaims extends BarTokenSubject {
  readonly jti: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/**
 * Why `verify` refused a token.
 *
 * @example
 * if (!r.ok && r.reason === 'expired') askForANewToken();
 */
export type BarTokenFailure =
  | 'expired'
  | 'not_yet_valid'
  | 'signature'
  | 'algorithm'
  | 'malformed'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'wrong_user'
  | 'wrong_tenant'
  | 'replayed';

/**
 * The result of `verify`: never throws for a bad token.
 *
 * @example
 * const r = await issuer.verify(token, { userAccount, tenantSpaceId });
 * if (!r.ok) console.warn('rejected:', r.reason);
 */
export type BarTokenVerifyResult = { readonly ok: true; readonly claims: BarTokenClaims } | { readonly ok: false; readonly reason: BarTokenFailure };

/**
 * Issues and verifies bar tokens.
 *
 * @example
 * const token = await issuer.issue({ userAccount: 'alice', tenantSpaceId: 'ts-1' });
 */
export interface BarTokenIssuer {
  issue(subject: BarTokenSubject): Promise<string>;
  verify(token: unknown, expected: BarTokenSubject): Promise<BarTokenVerifyResult>;
}

interface Keys {
  readonly sign: CryptoKey | Uint8Array;
  readonly verify: CryptoKey | Uint8Array;
}

const MAX_TOKEN_CHARS = 4096;

function invalid(message: string): FabricError {
  return new FabricError('INVALID_OPTIONS', `createBarTokenIssuer: ${message}`);
}

async function importKeys(key: BarTokenKey, alg: 'HS256' | 'ES256'): Promise<Keys> {
  if (typeof key === 'string' || key instanceof Uint8Array) {
    const raw = typeof key === 'string' ? new TextEncoder().encode(key) : new Uint8Array(key);
    const k = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    return { sign: k, verify: k };
  }
  if ('privateJwk' in key) {
    return { sign: (await importJWK(key.privateJwk as JWK, alg)) as CryptoKey, verify: (await importJWK(key.publicJwk as JWK, alg)) as CryptoKey };
  }
  return { sign: key.privateKey, verify: key.publicKey };
}

function failureOf(error: unknown): BarTokenFailure {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return 'malformed';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'not_yet_valid';
    if (error.claim === 'iss') return 'wrong_issuer';
    if (error.claim === 'aud') return 'wrong_audience';
    return 'malformed';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm';
  return 'malformed';
}

/**
 * Creates a bar token issuer. The key is imported once, on first use.
 *
 * @example
 * const issuer = createBarTokenIssuer({ key: randomBytes(32), ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar', oneTimeUse: true });
 * const token = await issuer.issue({ userAccount: 'alice', tenantSpaceId: 'ts-1' });
 * const result = await issuer.verify(token, { userAccount: 'alice', tenantSpaceId: 'ts-1' }); // { ok: true, claims }
 */
export function createBarTokenIssuer(options: BarTokenIssuerOptions): BarTokenIssuer {
  const { key, ttlSeconds, issuer, audience } = options;
  const isSecret = typeof key === 'string' || key instanceof Uint8Array;
  if (!isSecret && (typeof key !== 'object' || key === null)) throw invalid('key must be a secret or an ES256 key pair');
  const alg = options.algorithm ?? (isSecret ? 'HS256' : 'ES256');
  if (isSecret !== (alg === 'HS256')) throw invalid(`algorithm ${alg} does not match the key`);
  if (isSecret && (typeof key === 'string' ? new TextEncoder().encode(key).length : key.length) < 32) throw invalid('an HS256 secret needs at least 32 bytes');
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 3600) throw invalid('ttlSeconds must be an integer 1-3600');
  if (!issuer || !audience) throw invalid('issuer and audience are required');
  const tolerance = options.clockToleranceSeconds ?? 5;
  if (!(tolerance >= 0 && tolerance <= 300)) throw invalid('clockToleranceSeconds must be 0-300');
  const clock = options.clock ?? systemClock;
  const replay = options.oneTimeUse ? createReplayCache(options.replayCacheSize ?? 100_000) : undefined;
  let keys: Promise<Keys> | undefined;
  const getKeys = () => (keys ??= importKeys(key, alg));

  return {
    async issue({ userAccount, tenantSpaceId }) {
      if (typeof userAccount !== 'string' || !userAccount || typeof tenantSpaceId !== 'string' || !tenantSpaceId) {
        throw invalid('issue() needs a userAccount and a tenantSpaceId');
      }
      const now = Math.floor(clock.now() / 1000);
      return new SignJWT({ tenantSpaceId })
        .setProtectedHeader({ alg, typ: 'JWT' })
        .setSubject(userAccount)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + ttlSeconds)
        .setJti(crypto.randomUUID())
        .sign((await getKeys()).sign);
    },

    async verify(token, expected) {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_CHARS) return { ok: false, reason: 'malformed' };
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, (await getKeys()).verify, {
          algorithms: [alg],
          issuer,
          audience,
          clockTolerance: tolerance,
          currentDate: new Date(clock.now()),
          maxTokenAge: ttlSeconds + tolerance,
          requiredClaims: ['sub', 'jti', 'exp', 'iat', 'nbf', 'tenantSpaceId'],
        }));
      } catch (error) {
        return { ok: false, reason: failureOf(error) };
      }
      const { sub, jti, iat, exp, tenantSpaceId } = payload;
      if (typeof sub !== 'string' || typeof jti !== 'string' || typeof tenantSpaceId !== 'string' || iat === undefined || exp === undefined) {
        return { ok: false, reason: 'malformed' };
      }
      if (sub !== expected.userAccount) return { ok: false, reason: 'wrong_user' };
      if (tenantSpaceId !== expected.tenantSpaceId) return { ok: false, reason: 'wrong_tenant' };
      // Marked only once every other check passed, so a bad request can't burn a good token.
      if (replay && !replay.claim(jti, (exp + tolerance) * 1000, clock.now())) return { ok: false, reason: 'replayed' };
      return { ok: true, claims: { userAccount: sub, tenantSpaceId, jti, issuedAt: iat, expiresAt: exp } };
    },
  };
}
