/**
 * The running configuration written back out in the tenant file format (`GET /__mock/tenant`,
 * `control.tenant()`), so a tenant built through the configuration APIs can be kept and loaded
 * again as a seed. Secrets (agent passwords, SIP passwords, app secrets) are included by default,
 * as the file needs them to load; `?secrets=omit` leaves them out (a file to compare or commit).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readJson, sendJson } from '../../src/server/http-io.js';
import { MOCK_CHOICES } from '../choices.js';
import type { FabricApi } from '../fabric-api.js';
import { CONTROL_JSON_BODY, requireMethod } from '../http-util.js';
import { tenantSchema, type TenantConfig } from '../tenant.js';

/** The control paths this module answers. */
export const TENANT_CONTROL_PATHS = {
  /** `GET`: the current configuration as a tenant file; `?secrets=omit`, `?download=1`. */
  tenant: '/__mock/tenant',
  /** `POST`: an API Fabric token for the tenant's first app, for the panel's Configuration tab. */
  fabricToken: '/__mock/fabric-token',
} as const;

/**
 * A copy of the live configuration in the tenant file format, checked to load again.
 *
 * @example
 * const seed = exportTenant(store.tenant); // loadTenant(seed) gives the same tenant
 */
export function exportTenant(tenant: TenantConfig): TenantConfig {
  // Through JSON, as the file would be: drops the fields left undefined by edits.
  return tenantSchema.parse(JSON.parse(JSON.stringify(tenant)));
}

/** The tenant file without its secrets: not loadable as it is, fine to compare or commit. */
export function withoutSecrets(tenant: TenantConfig): Record<string, unknown> {
  return {
    ...tenant,
    apps: tenant.apps.map(({ appKey }) => ({ appKey })),
    agents: tenant.agents.map(({ password: _password, sipPwd: _sipPwd, ...agent }) => agent),
  };
}

/** What the control paths need. */
export interface TenantControlContext {
  readonly tenant: () => TenantConfig;
  readonly fabric: FabricApi;
}

/**
 * Answers `GET /__mock/tenant` and `POST /__mock/fabric-token`; false for other paths.
 *
 * @example
 * if (await handleTenantControl(context, req, res, url)) return;
 */
export async function handleTenantControl(context: TenantControlContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (url.pathname === TENANT_CONTROL_PATHS.tenant) {
    requireMethod(req, 'GET');
    const secrets = url.searchParams.get('secrets') ?? 'include';
    if (secrets !== 'include' && secrets !== 'omit') throw new HttpError(400, 'secrets must be include or omit');
    const tenant = exportTenant(context.tenant());
    const download: Record<string, string> = url.searchParams.get('download') === '1' ? { 'Content-Disposition': `attachment; filename="${tenant.tenantSpaceId.replace(/[^A-Za-z0-9._-]/g, "_")}.json"` } : {};
    sendJson(res, 200, secrets === 'omit' ? withoutSecrets(tenant) : tenant, download);
    return true;
  }
  if (url.pathname === TENANT_CONTROL_PATHS.fabricToken) {
    requireMethod(req, 'POST');
    await readJson(req, CONTROL_JSON_BODY);
    const [app] = context.tenant().apps;
    if (!app) throw new HttpError(409, 'the tenant has no API Fabric app');
    sendJson(res, 200, await context.fabric.issueToken(app.appKey, MOCK_CHOICES.defaultTokenExpireSeconds));
    return true;
  }
  return false;
}
