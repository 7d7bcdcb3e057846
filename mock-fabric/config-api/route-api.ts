/**
 * `calledRoute/*` (docs/cec-reference.md §6.7): createCalledRoute, modifyCalledRoute,
 * queryCalledRoute and deleteCalledRoute, in the `returnCode`/`description` envelope. The next
 * call to a new or changed route's number follows it.
 */
import {
  DEVICE_TYPES,
  DIALABLE_NUMBER,
  MEDIA_TYPE_IDS,
  TENANT_CONFIG_PATHS,
  createCalledRouteRequestSchema,
  deleteCalledRouteRequestSchema,
  modifyCalledRouteRequestSchema,
  queryCalledRouteRequestSchema,
  type CalledRoute,
} from '../../src/protocol/index.js';
import type { FabricRoute } from '../fabric-api.js';
import { ConfigRejection, configRoute, failure, page, parseBody, success } from './envelope.js';
import type { TenantRoute, TenantStore } from './tenant-store.js';

/** A route as `queryCalledRoute` describes it. */
export function describeRoute(store: TenantStore, route: TenantRoute, dnid: number): CalledRoute {
  const skill = route.deviceType === 'skill' && route.skillId !== undefined ? store.skill(route.skillId) : undefined;
  return {
    id: String(dnid),
    dnid,
    accessCode: route.accessCode,
    extCode: route.extCode,
    devicetype: route.deviceType === 'skill' ? DEVICE_TYPES.skill : DEVICE_TYPES.ivr,
    deviceId: (route.deviceType === 'skill' ? route.skillId : route.ivrId) ?? 0,
    deviceDesc: skill ? skill.name : `IVR ${route.ivrId ?? ''}`.trim(),
    mediatypeId: route.mediaTypeId ?? skill?.mediaType ?? MEDIA_TYPE_IDS.voice,
    editable: '0',
  };
}

/** Where a route of `mediaTypeId` may lead, checked: an IVR (not for multimedia) or a known queue of the same media type. */
function destination(store: TenantStore, devicetype: number, deviceId: number, mediaTypeId: number, mediaField: string): Pick<TenantRoute, 'deviceType' | 'skillId' | 'ivrId'> {
  if (devicetype === DEVICE_TYPES.ivr) {
    if (mediaTypeId === MEDIA_TYPE_IDS.multimedia) throw new ConfigRejection('devicetype', 'a multimedia route cannot lead to an IVR');
    return { deviceType: 'ivr', ivrId: deviceId };
  }
  const skill = store.skill(deviceId);
  if (!skill) throw new ConfigRejection('deviceId', `unknown skill ${deviceId}`);
  if (skill.mediaType !== mediaTypeId) throw new ConfigRejection(mediaField, `must be the queue's media type ${skill.mediaType}`);
  return { deviceType: 'skill', skillId: skill.id };
}

function create(store: TenantStore, body: unknown): Record<string, unknown> {
  const input = parseBody(createCalledRouteRequestSchema, body);
  const extCode = input.extCode ?? '';
  const mediaTypeId = input.mediaTypeId ?? MEDIA_TYPE_IDS.voice;
  // The mock routes what a caller can dial: at most 24 of 0-9*# in all.
  if (!DIALABLE_NUMBER.test(input.accessCode + extCode)) throw new ConfigRejection('accessCode', 'accessCode + extCode longer than the 24 digits the mock can dial');
  if (store.tenant.calledRoutes.some((route) => route.accessCode === input.accessCode && route.extCode === extCode)) {
    throw new ConfigRejection('extCode', `a route for ${input.accessCode}${extCode} already exists`);
  }
  const target = destination(store, input.devicetype, input.deviceId, mediaTypeId, 'mediaTypeId');
  store.addRoute({ accessCode: input.accessCode, extCode, ...target, mediaTypeId });
  return success('return', 'Success');
}

/** Points a route at another destination; its number and media type stay (cec_07_1032). */
function modify(store: TenantStore, body: unknown): Record<string, unknown> {
  const input = parseBody(modifyCalledRouteRequestSchema, body);
  const found = store.routes().find(({ dnid }) => String(dnid) === input.id);
  if (!found) throw new ConfigRejection('id', `no called route ${input.id}`);
  const mediaTypeId = describeRoute(store, found.route, found.dnid).mediatypeId ?? MEDIA_TYPE_IDS.voice;
  const target = destination(store, input.devicetype, input.deviceId, mediaTypeId, 'deviceId');
  Object.assign(found.route, { skillId: undefined, ivrId: undefined, ...target, mediaTypeId });
  return success('return', 'data update success');
}

function query(store: TenantStore, body: unknown): Record<string, unknown> {
  const input = parseBody(queryCalledRouteRequestSchema, body);
  const matching = store
    .routes()
    .map(({ route, dnid }) => describeRoute(store, route, dnid))
    .filter(
      (route) =>
        (input.accessCode === undefined || route.accessCode === input.accessCode) &&
        (input.extCode === undefined || route.extCode === input.extCode) &&
        (input.devicetype === undefined || route.devicetype === input.devicetype) &&
        (input.mediaTypeId === undefined || route.mediatypeId === input.mediaTypeId) &&
        (input.deviceDesc === undefined || (route.deviceDesc ?? '').includes(input.deviceDesc)),
    );
  const calledRouteList = page(matching, input.offset ?? 0, input.limit ?? 100);
  return success('return', 'Success', { data: { total: matching.length, calledRouteList } });
}

/** Deletes the routes it knows and names the rest, as CEC's "Success:…,Failed:…" (cec_07_1031). */
function remove(store: TenantStore, body: unknown): Record<string, unknown> {
  const dnids = [...new Set(parseBody(deleteCalledRouteRequestSchema, body).dnids.split(',').map(Number))];
  const known = new Map(store.routes().map(({ route, dnid }) => [dnid, route]));
  const found = dnids.flatMap((dnid) => {
    const route = known.get(dnid);
    return route ? [{ dnid, route }] : [];
  });
  const missing = dnids.filter((dnid) => !known.has(dnid));
  if (found.length === 0) return failure('return', `dnids: no called route ${missing.join(',')}`);
  store.deleteRoutes(found.map(({ route }) => route));
  const names = found.map(({ route }) => route.accessCode + route.extCode).join(',');
  const content = missing.length ? `Success:${names},Failed:${missing.join(',')}` : names;
  return success('return', 'Success', { data: { id: found.map(({ dnid }) => String(dnid)).join(','), name: names, content } });
}

/**
 * The `calledRoute/*` routes for the API Fabric (behind its token checks).
 *
 * @example
 * const routes = calledRouteRoutes(store);
 */
export function calledRouteRoutes(store: TenantStore): Record<string, FabricRoute> {
  return {
    [TENANT_CONFIG_PATHS.createCalledRoute]: configRoute('return', (body) => create(store, body)),
    [TENANT_CONFIG_PATHS.modifyCalledRoute]: configRoute('return', (body) => modify(store, body)),
    [TENANT_CONFIG_PATHS.queryCalledRoute]: configRoute('return', (body) => query(store, body)),
    [TENANT_CONFIG_PATHS.deleteCalledRoute]: configRoute('return', (body) => remove(store, body)),
  };
}
