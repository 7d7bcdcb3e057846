/**
 * The C2 signer against a vector computed apart from this code (Python's hmac/hashlib/urllib
 * following docs/cec-reference.md §8.1 step by step: CEC's own page masks its example secret, so it
 * gives no checkable signature), plus the parse/verify round trip the mock relies on.
 */
import { describe, expect, it } from 'vitest';
import { c2Normalize, parseC2Authorization, signC2Request, verifyC2Signature, type C2SignedRequest } from '../../../src/server/cms-signature.js';

const body = '{"say":"Hello world!"}';
const request: C2SignedRequest = {
  method: 'POST',
  path: '/rest/cmsapp/v1/ping',
  headers: { Host: '10.22.26.181:28080', 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(Buffer.byteLength(body)) },
  body,
};
const TIMESTAMP = '2026-11-28T09:00:00.000Z';
const EXPECTED =
  'auth-v2/globalaktest/2026-11-28T09:00:00.000Z/content-length;content-type;host/a5024c2ebb746bfb74a801b48b673a65e6b8a4e76569b9d1517b8a1297b13bb6';

describe('C2 signature', () => {
  it('matches the independently computed vector', () => {
    expect(signC2Request('globalaktest', 'example-secret-key-0001', request, TIMESTAMP)).toBe(EXPECTED);
  });

  it('normalizes everything but unreserved characters, including !*()\'', () => {
    expect(c2Normalize("a-b_c.d~e f!*()'/:")).toBe('a-b_c.d~e%20f%21%2A%28%29%27%2F%3A');
  });

  it('verifies its own signature and no other body, path or key', () => {
    const parsed = parseC2Authorization(EXPECTED);
    expect(parsed?.signedHeaders).toEqual(['content-length', 'content-type', 'host']);
    const lowered = { ...request, headers: { host: '10.22.26.181:28080', 'content-type': 'application/json;charset=UTF-8', 'content-length': '22' } };
    expect(verifyC2Signature(parsed!, 'example-secret-key-0001', lowered)).toBe(true);
    expect(verifyC2Signature(parsed!, 'example-secret-key-0001', { ...lowered, body: body.replace('world', 'World') })).toBe(false);
    expect(verifyC2Signature(parsed!, 'example-secret-key-0001', { ...lowered, path: '/rest/cmsapp/v1/pong' })).toBe(false);
    expect(verifyC2Signature(parsed!, 'another-secret-key', lowered)).toBe(false);
  });

  it('reads only well-formed C2 values', () => {
    expect(parseC2Authorization('Bearer abc')).toBeUndefined();
    expect(parseC2Authorization('auth-v2/ak/yesterday/host/' + 'a'.repeat(64))).toBeUndefined();
    expect(parseC2Authorization('auth-v2/ak/2026-11-28T09:00:00.000Z/host/' + 'A'.repeat(64))).toBeUndefined();
  });
});
