/** Redaction (tokens, secrets by key, phones) and the two branded error classes. */
import { describe, expect, it } from 'vitest';
import {
  BAR_ERROR_CODES,
  BarError,
  FABRIC_ERROR_CODES,
  FabricError,
  REDACTED,
  isBarError,
  isFabricError,
  redact,
  redactPhone,
  redactText,
} from '../../../src/protocol/index.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudDEwMSJ9.c2lnbmF0dXJlLWJ5dGVz';

describe('redactText', () => {
  it('removes JWT-looking tokens and Bearer tokens from free text', () => {
    const out = redactText(`token=${JWT} then Authorization: Bearer abcdefgh12345678 done`);
    expect(out).not.toContain(JWT);
    expect(out).not.toContain('abcdefgh12345678');
    expect(out).toBe(`token=${REDACTED} then Authorization: ${REDACTED} done`);
  });
  it('leaves ordinary text and short words alone', () => {
    expect(redactText('call 1456404043-37 released by Bearer')).toBe('call 1456404043-37 released by Bearer');
  });
});

describe('redact', () => {
  it('masks secrets by key at any depth, keeps empty values and other fields', () => {
    const input = {
      userAccount: 'agent101',
      access_token: 'crm-token',
      nested: { AccessToken: 'x', app_secret: 'sk', list: [{ password: 'pw', Authorization: 'Bearer zzz', sipPwd: 'p' }] },
      guid: 'g-1',
      token: '',
    };
    expect(redact(input)).toEqual({
      userAccount: 'agent101',
      access_token: REDACTED,
      nested: { AccessToken: REDACTED, app_secret: REDACTED, list: [{ password: REDACTED, Authorization: REDACTED, sipPwd: REDACTED }] },
      guid: REDACTED,
      token: '',
    });
  });
  it('does not change its input', () => {
    const input = { access_token: 't' };
    redact(input);
    expect(input.access_token).toBe('t');
  });
  it('masks phones only when asked, keeping the last 4 digits', () => {
    const ev = { caller: '13800000001', called: '88889007', callid: '1456404043-37' };
    expect(redact(ev)).toEqual(ev);
    expect(redact(ev, { phones: true })).toEqual({ caller: '*******0001', called: '****9007', callid: '1456404043-37' });
    expect(redactPhone('123')).toBe('***');
  });
  it('strips extra literal secrets wherever they occur', () => {
    expect(redact({ note: 'key sk-live-9999 leaked' }, { secrets: ['sk-live-9999'] })).toEqual({ note: `key ${REDACTED} leaked` });
  });
  it('drops hostile keys and survives deep input', () => {
    const hostile = JSON.parse('{"__proto__":{"polluted":1},"a":1}') as unknown;
    expect(redact(hostile)).toEqual({ a: 1 });
    let deep: unknown = 'eyJabcdef.eyJabcdef.sig';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(JSON.stringify(redact(deep))).not.toContain('eyJabcdef');
  });
});

describe('error classes', () => {
  it('BarError carries a code, serialises without details, and is recognised across copies', () => {
    const e = new BarError('INVALID_NUMBER', 'not dialable', { details: { number: '***' } });
    expect(e.name).toBe('BarError');
    expect(e.toJSON()).toEqual({ name: 'BarError', code: 'INVALID_NUMBER', message: 'not dialable' });
    expect(isBarError(e)).toBe(true);
    expect(isBarError({ name: 'BarError', code: 'INVALID_NUMBER' })).toBe(true);
    expect(isBarError({ name: 'BarError', code: 'MADE_UP' })).toBe(false);
    expect(isBarError(new Error('x'))).toBe(false);
  });
  it('FabricError likewise', () => {
    const e = new FabricError('RATE_LIMITED', 'slow down');
    expect(isFabricError(e)).toBe(true);
    expect(isFabricError(new BarError('TIMEOUT' as never, 'x'))).toBe(false);
    expect(e.code).toBe('RATE_LIMITED');
  });
  it('code lists have no duplicates and are upper snake case', () => {
    for (const list of [BAR_ERROR_CODES, FABRIC_ERROR_CODES]) {
      expect(new Set(list).size).toBe(list.length);
      for (const c of list) expect(c).toMatch(/^[A-Z][A-Z_]+$/);
    }
  });
});
