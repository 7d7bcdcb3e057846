/**
 * CEC's C2 request signature (the CC-CMS, CC-FS and CC-iSales APIs), as docs/cec-reference.md §8.1
 * describes it: `auth-v2/{accessKey}/{timestamp}/{signedHeaders}/{signature}`, where the signature
 * is an HMAC-SHA256 chain over a canonical form of the method, path, query, signed headers and body.
 * One copy, used by the CMS client to sign and by the mock fabric to check.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The first part of every C2 `Authorization` value. */
export const C2_AUTH_VERSION = 'auth-v2';

/** What a C2 signature covers. Header names may be in any case; values are signed trimmed. */
export interface C2SignedRequest {
  readonly method: string;
  /** The path only, starting with `/` (no query string). */
  readonly path: string;
  /** Query parameters, if the request has any. */
  readonly query?: Readonly<Record<string, string>>;
  /** The headers to sign: CEC's demo signs `host`, `content-type` and `content-length`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact body bytes sent, as UTF-8 text ('' for none). */
  readonly body: string;
}

/** The parts of a C2 `Authorization` value. */
export interface C2Authorization {
  readonly accessKey: string;
  /** As sent: `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC. */
  readonly timestamp: string;
  /** Lower-case header names, sorted, as signed. */
  readonly signedHeaders: readonly string[];
  /** Lower-case hex HMAC-SHA256. */
  readonly signature: string;
}

/** Percent-encodes everything but RFC 3986's unreserved characters (CEC's demo "normalize"). */
export function c2Normalize(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

function hmacHex(key: string, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}

function lowerCaseHeaders(headers: Readonly<Record<string, string>>): Map<string, string> {
  const lowered = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) lowered.set(name.toLowerCase(), value.trim());
  return lowered;
}

/** The canonical request: method, path, query, signed header names, `name:value` lines, body; joined by newlines. */
export function c2CanonicalRequest(request: C2SignedRequest, signedHeaders: readonly string[]): string {
  const headers = lowerCaseHeaders(request.headers);
  const query = Object.entries(request.query ?? {})
    .map(([name, value]) => `${c2Normalize(name)}=${c2Normalize(value)}`)
    .sort()
    .join('&');
  const headerLines = signedHeaders.map((name) => `${c2Normalize(name)}:${c2Normalize(headers.get(name) ?? '')}`).join('\n');
  return [request.method.toUpperCase(), request.path, query, signedHeaders.join(';'), headerLines, c2Normalize(request.body)].join('\n');
}

/** The signature for a request, key and timestamp (hex). */
export function c2Signature(secretKey: string, prefix: string, canonicalRequest: string): string {
  const signingKey = hmacHex(secretKey, prefix);
  return hmacHex(signingKey, canonicalRequest);
}

/**
 * Signs a request: the value of its `Authorization` header.
 *
 * @param timestamp - When it is signed, `yyyy-MM-ddTHH:mm:ss.SSSZ` (`Date.prototype.toISOString`).
 */
export function signC2Request(accessKey: string, secretKey: string, request: C2SignedRequest, timestamp: string): string {
  const signedHeaders = [...lowerCaseHeaders(request.headers).keys()].sort();
  const prefix = `${C2_AUTH_VERSION}/${accessKey}/${timestamp}/${signedHeaders.join(';')}`;
  return `${prefix}/${c2Signature(secretKey, prefix, c2CanonicalRequest(request, signedHeaders))}`;
}

/** Reads an `Authorization` value; undefined when it is not a C2 one. */
export function parseC2Authorization(value: string): C2Authorization | undefined {
  const parts = value.split('/');
  if (parts.length !== 5 || parts[0] !== C2_AUTH_VERSION) return undefined;
  const [, accessKey, timestamp, headerList, signature] = parts as [string, string, string, string, string];
  if (!accessKey || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) return undefined;
  const signedHeaders = headerList.split(';').filter((name) => name.length > 0);
  return { accessKey, timestamp, signedHeaders, signature };
}

/** True when `authorization` signs `request` with `secretKey` (compared in constant time). */
export function verifyC2Signature(authorization: C2Authorization, secretKey: string, request: C2SignedRequest): boolean {
  const prefix = `${C2_AUTH_VERSION}/${authorization.accessKey}/${authorization.timestamp}/${authorization.signedHeaders.join(';')}`;
  const expected = Buffer.from(c2Signature(secretKey, prefix, c2CanonicalRequest(request, authorization.signedHeaders)), 'utf8');
  const given = Buffer.from(authorization.signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
