/** calledRoute/* of the mock over real HTTP (docs/cec-reference.md §6.7): success shapes and each documented validation. */
import { describe, expect, it } from 'vitest';
import { TENANT_CONFIG_PATHS, deleteCalledRouteResponseSchema, queryCalledRouteResponseSchema, returnEnvelopeSchema } from '../../../src/protocol/index.js';
import { type ConfigClient, expectRefused, mockPerTest, newSkill } from './config-client.js';

const startMock = mockPerTest(() => ({ trustTokens: true }));
const start = () => startMock().then(({ api }) => api);

async function routes(api: ConfigClient, filter: Record<string, unknown> = {}) {
  return queryCalledRouteResponseSchema.parse(await api.post(TENANT_CONFIG_PATHS.queryCalledRoute, filter));
}

/** Refused in the return envelope naming `field`; the routes stay as they were. */
const refused = (api: ConfigClient, path: string, body: unknown, field: string, reason?: RegExp) =>
  expectRefused(api, path, body, field, { envelope: 'return', unchanged: () => routes(api), ...(reason ? { reason } : {}) });


describe('calledRoute/createCalledRoute', () => {
  it('binds an access code + extension to a queue or an IVR; queryCalledRoute lists it with a dnid', async () => {
    const api = await start();
    const create = TENANT_CONFIG_PATHS.createCalledRoute;
    expect(returnEnvelopeSchema.parse(await api.post(create, { accessCode: '6688', extCode: '3', devicetype: 1, deviceId: 2 }))).toEqual({ returnCode: '0', description: 'Success' });
    expect((await api.post(create, { accessCode: '7700', devicetype: 3, deviceId: 12, mediaTypeId: 5 })).returnCode).toBe('0');
    const listed = await routes(api);
    expect(listed.data?.total).toBe(4);
    expect(listed.data?.calledRouteList.slice(2)).toEqual([
      { id: '3', dnid: 3, accessCode: '6688', extCode: '3', devicetype: 1, deviceId: 2, deviceDesc: 'Billing', mediatypeId: 5, editable: '0' },
      { id: '4', dnid: 4, accessCode: '7700', extCode: '', devicetype: 3, deviceId: 12, deviceDesc: 'IVR 12', mediatypeId: 5, editable: '0' },
    ]);
  });

  it('refuses each documented violation, naming the field, and creates nothing', async () => {
    const api = await start();
    const create = TENANT_CONFIG_PATHS.createCalledRoute;
    const good = { accessCode: '6688', extCode: '3', devicetype: 1, deviceId: 1 };
    const cases: [Record<string, unknown>, string, RegExp?][] = [
      [{ accessCode: undefined }, 'accessCode'],
      [{ accessCode: '6'.repeat(33) }, 'accessCode'],
      [{ extCode: '1'.repeat(13) }, 'extCode'],
      [{ extCode: '1a' }, 'extCode'],
      [{ devicetype: 2 }, 'devicetype'],
      [{ devicetype: undefined }, 'devicetype'],
      [{ deviceId: undefined }, 'deviceId'],
      [{ mediaTypeId: 6 }, 'mediaTypeId'],
      [{ deviceId: 9 }, 'deviceId', /unknown skill 9/],
      [{ mediaTypeId: 19 }, 'mediaTypeId', /queue's media type 5/],
      [{ devicetype: 3, mediaTypeId: 53 }, 'devicetype', /multimedia/],
      [{ extCode: '1' }, 'extCode', /already exists/],
      [{ accessCode: '6'.repeat(20), extCode: '12345' }, 'accessCode', /24 digits/],
    ];
    for (const [overrides, field, reason] of cases) await refused(api, create, { ...good, ...overrides }, field, reason);
  });

  it('takes a video queue only with its own media type', async () => {
    const api = await start();
    expect((await api.post(TENANT_CONFIG_PATHS.createSkill, newSkill({ mediaTypeId: 19, name: 'Video', description: 'Video' }))).returnCode).toBe('0');
    await refused(api, TENANT_CONFIG_PATHS.createCalledRoute, { accessCode: '6690', devicetype: 1, deviceId: 3 }, 'mediaTypeId', /media type 19/);
    expect((await api.post(TENANT_CONFIG_PATHS.createCalledRoute, { accessCode: '6690', devicetype: 1, deviceId: 3, mediaTypeId: 19 })).returnCode).toBe('0');
  });
});

describe('calledRoute/modifyCalledRoute', () => {
  it('points a route (by id) at another queue of its media type or an IVR; refuses an unknown id, queue or media type', async () => {
    const api = await start();
    const modify = TENANT_CONFIG_PATHS.modifyCalledRoute;
    expect(returnEnvelopeSchema.parse(await api.post(modify, { id: '1', devicetype: 1, deviceId: 2 }))).toEqual({ returnCode: '0', description: 'data update success' });
    expect((await routes(api, { accessCode: '6688', extCode: '1' })).data?.calledRouteList[0]).toMatchObject({ dnid: 1, devicetype: 1, deviceId: 2, deviceDesc: 'Billing', mediatypeId: 5 });
    expect((await api.post(modify, { id: '2', devicetype: 3, deviceId: 40 })).returnCode).toBe('0');
    expect((await routes(api, { devicetype: 3 })).data?.calledRouteList.map((route) => `${route.dnid}:${route.deviceId}`)).toEqual(['2:40']);
    await refused(api, modify, { id: '9', devicetype: 1, deviceId: 1 }, 'id', /no called route 9/);
    await refused(api, modify, { id: '1', devicetype: 1, deviceId: 9 }, 'deviceId', /unknown skill 9/);
    await refused(api, modify, { id: '1', devicetype: 2, deviceId: 1 }, 'devicetype');
    await refused(api, modify, { devicetype: 1, deviceId: 1 }, 'id');
    expect((await api.post(TENANT_CONFIG_PATHS.createSkill, newSkill({ mediaTypeId: 19, name: 'Video', description: 'Video' }))).returnCode).toBe('0');
    await refused(api, modify, { id: '1', devicetype: 1, deviceId: 3 }, 'deviceId', /media type 19/);
  });
});

describe('calledRoute/queryCalledRoute', () => {
  it('filters by access code, extension, device type and description, and pages with limit and offset', async () => {
    const api = await start();
    expect((await routes(api, { accessCode: '6688', extCode: '2' })).data?.calledRouteList.map((route) => route.dnid)).toEqual([2]);
    expect((await routes(api, { devicetype: 3 })).data?.total).toBe(0);
    expect((await routes(api, { deviceDesc: 'Gener' })).data?.calledRouteList.map((route) => route.deviceId)).toEqual([1]);
    expect(await routes(api, { limit: 1, offset: 1 })).toMatchObject({ data: { total: 2, calledRouteList: [{ dnid: 2 }] } });
    expect(await api.post(TENANT_CONFIG_PATHS.queryCalledRoute, { limit: 101 })).toMatchObject({ returnCode: '1', description: expect.stringContaining('limit:') });
    expect(await api.post(TENANT_CONFIG_PATHS.queryCalledRoute, { offset: -1 })).toMatchObject({ returnCode: '1', description: expect.stringContaining('offset:') });
  });
});

describe('calledRoute/deleteCalledRoute', () => {
  it('deletes by dnid, names the ones it did not find, and refuses when it finds none', async () => {
    const api = await start();
    const remove = TENANT_CONFIG_PATHS.deleteCalledRoute;
    expect(deleteCalledRouteResponseSchema.parse(await api.post(remove, { dnids: '2,9' }))).toEqual({ returnCode: '0', description: 'Success', data: { id: '2', name: '66882', content: 'Success:66882,Failed:9' } });
    expect((await routes(api)).data?.calledRouteList.map((route) => route.dnid)).toEqual([1]);
    await refused(api, remove, { dnids: '2' }, 'dnids', /no called route 2/);
    await refused(api, remove, { dnids: 'x' }, 'dnids');
    expect(await api.post(remove, { dnids: '1' })).toMatchObject({ returnCode: '0', data: { name: '66881', content: '66881' } });
    expect((await routes(api)).data?.total).toBe(0);
  });
});
