import { describe, it, expect } from 'vitest';
import { readBarConfig, gatewayBaseFor, BarConfigError, DEFAULT_BUSY_REASONS } from '../../../mock-fabric/bar/config.js';

const b64url = (v: unknown): string => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
const good = { workNo: 101, userAccount: 'alice.chen', tenantSpaceId: 'mock-tenant-0001', ticket: 'tkt-1', parentOrigin: 'http://127.0.0.1:4000', media: 'webrtc' };

describe('readBarConfig', () => {
  it('reads #cfg= base64url JSON and fills defaults', () => {
    const cfg = readBarConfig(`#cfg=${b64url(good)}`);
    expect(cfg).toMatchObject({ workNo: '101', userAccount: 'alice.chen', ticket: 'tkt-1', parentOrigin: 'http://127.0.0.1:4000', media: 'webrtc', phonenum: '' });
    expect(cfg.busyReasons).toEqual(DEFAULT_BUSY_REASONS);
  });
  it('keeps non-ASCII text intact', () => {
    expect(readBarConfig(`#cfg=${b64url({ ...good, userAccount: 'zoë-张' })}`).userAccount).toBe('zoë-张');
  });
  it('takes reason lists when given', () => {
    const cfg = readBarConfig(`#cfg=${b64url({ ...good, restReasons: [{ code: 9, description: 'Walk', maxDuration: 600 }] })}`);
    expect(cfg.restReasons).toEqual([{ code: 9, description: 'Walk', maxDuration: 600 }]);
  });
  it.each([
    ['', /no #cfg=/],
    ['#cfg=', /no #cfg=/],
    ['#cfg=!!!', /no #cfg=/],
    [`#cfg=${Buffer.from('not json').toString('base64url')}`, /not base64url JSON/],
    [`#cfg=${b64url({ ...good, workNo: 'abc' })}`, /workNo/],
    [`#cfg=${b64url({ ...good, ticket: '' })}`, /ticket/],
    [`#cfg=${b64url({ ...good, media: 'fax' })}`, /media/],
    [`#cfg=${b64url({ ...good, parentOrigin: 'javascript:alert(1)' })}`, /parentOrigin/],
    [`#cfg=${b64url({ ...good, parentOrigin: 'http://a.example/path' })}`, /parentOrigin/],
  ])('rejects %j with a BarConfigError', (hash, why) => {
    expect(() => readBarConfig(hash)).toThrowError(BarConfigError);
    expect(() => readBarConfig(hash)).toThrowError(why);
  });
});

describe('gatewayBaseFor', () => {
  it('keeps everything up to /service-cloud/', () => {
    expect(gatewayBaseFor('http://127.0.0.1:4000/service-cloud/ccdesktop/pages/cc-bar/bar.html#cfg=x')).toBe('http://127.0.0.1:4000/service-cloud/agentgateway/resource/');
    expect(gatewayBaseFor('https://crm.example/cec/service-cloud/ccdesktop/pages/cc-bar/bar.html')).toBe('https://crm.example/cec/service-cloud/agentgateway/resource/');
  });
  it('falls back to the origin root', () => {
    expect(gatewayBaseFor('http://127.0.0.1:4000/bar.html')).toBe('http://127.0.0.1:4000/agentgateway/resource/');
  });
});
