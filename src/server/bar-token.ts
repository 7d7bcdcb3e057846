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
 * ```ts
 * import { generateKeyPairSync } from 'node:crypto';
 * import { createBarTokenIssuer, type Es256KeyPair } from 'cec-bar-host/server';
 * const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
 * const key: Es256KeyPair = { privateJwk: pair.privateKey.export({ format: 'jwk' }), publicJwk: pair.publicKey.export({ format: 'jwk' }) };
 * const issuer = createBarTokenIssuer({ key, ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar' });
 * ```
 */
export type Es256KeyPair =
  | {
      /** The signing key (WebCrypto). */
      readonly privateKey: webcrypto.CryptoKey;
      /** The verifying key (WebCrypto). */
      readonly publicKey: webcrypto.CryptoKey;
    }
  | {
      /** The signing key, as a JWK. */
      readonly privateJwk: JsonWebKey;
      /** The verifying key, as a JWK. */
      readonly publicJwk: JsonWebKey;
    };

/**
 * A secret (HS256, ≥ 32 bytes) or an ES256 key pair.
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * import type { BarTokenKey } from 'cec-bar-host/server';
 * const key: BarTokenKey = randomBytes(32); // one per deployment, kept like a password
 * ```
 */
export type BarTokenKey = string | Uint8Array | Es256KeyPair;

/**
 * Options of {@link createBarTokenIssuer}.
 *
 * @example
 * ```ts
 * import { createBarTokenIssuer, type BarTokenIssuerOptions } from 'cec-bar-host/server';
 * const options: BarTokenIssuerOptions = { key: BAR_TOKEN_SECRET, ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar', oneTimeUse: true };
 * const issuer = createBarTokenIssuer(options);
 * ```
 */
export interface BarTokenIssuerOptions {
  /** An HS256 secret of at least 32 bytes, or an ES256 key pair. Server side only. */
  readonly key: BarTokenKey;
  /** Token lifetime, 1-3600 s. */
  readonly ttlSeconds: number;
  /** `iss` claim, checked on verify. */
  readonly issuer: string;
  /** `aud` claim, checked on verify. The tenant goes in the `tenantSpaceId` claim. */
  readonly audience: string;
  /**
   * Allowed clock skew on verify, in seconds.
   * @default 5
   */
  readonly clockToleranceSeconds?: number;
  /**
   * Each `jti` verifies once (a bounded cache of seen ids): a replayed token is refused as `replayed`.
   * @default false
   */
  readonly oneTimeUse?: boolean;
  /**
   * Size of the seen-`jti` cache.
   * @default 100000
   */
  readonly replayCacheSize?: number;
  /**
   * Must match the key: HS256 for secrets, ES256 for key pairs. Pinned on verify.
   * @default 'HS256' for a secret, 'ES256' for a key pair
   */
  readonly algorithm?: 'HS256' | 'ES256';
  /**
   * The clock tokens are issued and checked on.
   * @default systemClock
   */
  readonly clock?: Clock;
}

/**
 * Who a token is for.
 *
 * @example
 * ```ts
 * import { createBarTokenIssuer } from 'cec-bar-host/server';
 * const issuer = createBarTokenIssuer({ key: BAR_TOKEN_SECRET, ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar' });
 * const token = await issuer.issue({ userAccount: 'alice.chen', tenantSpaceId: 'your-tenant-space-id' });
 * ```
 */
export interface BarTokenSubject {
  /** The agent's CEC account (`accountCode`). */
  readonly userAccount: string;
  /** The tenant space. */
  readonly tenantSpaceId: string;
}

/**
 * The claims of a verified token (times in epoch seconds).
 *
 * @example
 * ```ts
 * import { createBarTokenIssuer } from 'cec-bar-host/server';
 * const issuer = createBarTokenIssuer({ key: BAR_TOKEN_SECRET, ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar' });
 * const token = await issuer.issue({ userAccount: 'alice.chen', tenantSpaceId: 'your-tenant-space-id' });
 * const result = await issuer.verify(token, { userAccount: 'alice.chen', tenantSpaceId: 'your-tenant-space-id' });
 * if (result.ok) console.log(result.claims.userAccount, new Date(result.claims.expiresAt * 1000));
 * ```
 */
export interface BarTokenClaims extends BarTokenSubject {
  /** The token's unique id. */
  readonly jti: string;
  /** When it was issued (epoch seconds). */
  readonly issuedAt: number;
  /** When it expires (epoch seconds). */
  readonly expiresAt: number;
}

/**
 * Why `verify` refused a token.
 *
 * @example
 * ```ts
 * import { createBarTokenIssuer } from 'cec-bar-host/server';
 * const issuer = createBarTokenIssuer({ key: BAR_TOKEN_SECRET, ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar' });
 * const result = await issuer.verify('not-a-token', { userAccount: 'alice.chen', tenantSpaceId: 'your-tenant-space-id' });
 * if (!result.ok && result.reason === 'expired') console.log('ask the CRM page for a new token');
 * ```
 */
export type BarTokenFailure =
  /** Past `exp` (beyond the clock tolerance). */
  | 'expired'
  /** Before `nbf`/`iat` (beyond the clock tolerance). */
  | 'not_yet_valid'
  /** The signature does not match the key. */
  | 'signature'
  /** Signed with another algorithm than the pinned one. */
  | 'algorithm'
  /** Not a JWT, or its claims are missing or of the wrong type. */
  | 'malformed'
  /** Another `iss`. */
  | 'wrong_issuer'
  /** Another `aud`. */
  | 'wrong_audience'
  /** Issued for another `userAccount` than CEC asked about. */
  | 'wrong_user'
  /** Issued for another `tenantSpaceId`. */
  | 'wrong_tenant'
  /** With `oneTimeUse`: this `jti` was verified before. */
  | 'replayed';

/**
 * The result of `verify`: never throws for a bad token.
 *
 * @example
 * ```ts
 * import { createBarTokenIssuer } from 'cec-bar-host/server';
 * const issuer = createBarTokenIssuer({ key: BAR_TOKEN_SECRET, ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar' });
 * const result = await issuer.verify('eyJ…', { userAccount: 'alice.chen', tenantSpaceId: 'your-tenant-space-id' });
 * if (!result.ok) console.warn('rejected:', result.reason);
 * ```
 */
export type BarTokenVerifyResult =
  | {
      /** Valid. */
      readonly ok: true;
      /** Its claims. */
      readonly claims: BarTokenClaims;
    }
  | {
      /** Refused. */
      readonly ok: false;
      /** Why. */
      readonly reason: BarTokenFailure;
    };

/**
 * Issues and verifies bar tokens.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createBarTokenIssuer } from 'cec-bar-host/server';
 * const issuer = createBarTokenIssuer({ key: BAR_TOKEN_SECRET, ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar' });
 * // The CRM's token endpoint: the page's getAccessToken() reads { accessToken } from it.
 * createServer(async (req, res) => {
 *   const user = await currentCrmUser(req);
 *   if (!user) return void res.writeHead(401).end();
 *   const accessToken = await issuer.issue({ userAccount: user.cecAccount, tenantSpaceId: 'your-tenant-space-id' });
 *   res.setHeader('content-type', 'application/json');
 *   res.end(JSON.stringify({ accessToken }));
 * });
 * ```
 */
export interface BarTokenIssuer {
  /** Signs a token for this user and tenant, valid `ttlSeconds` (what `getAccessToken()` should return). */
  issue(subject: BarTokenSubject): Promise<string>;
  /** Checks a token against the user and tenant CEC asks about; never throws for a bad token. */
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
 * @param options - The key, lifetime, issuer and audience.
 * @throws FabricError `INVALID_OPTIONS` for a bad option (a secret under 32 bytes, a TTL outside 1-3600, a key that does not fit the algorithm).
 * @example
 * ```ts
 * import { createBarTokenIssuer } from 'cec-bar-host/server';
 * const issuer = createBarTokenIssuer({ key: BAR_TOKEN_SECRET, ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar', oneTimeUse: true });
 * const token = await issuer.issue({ userAccount: 'alice.chen', tenantSpaceId: 'your-tenant-space-id' });
 * const result = await issuer.verify(token, { userAccount: 'alice.chen', tenantSpaceId: 'your-tenant-space-id' }); // { ok: true, claims }
 * ```
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
