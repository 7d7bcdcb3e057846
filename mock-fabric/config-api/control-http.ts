/**
 * The configuration's control paths under `/__mock/`: the tenant file of the running mock, a Fabric
 * token for the panel (which then calls the configuration APIs themselves) and the agent
 * directory's changes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readJson, sendJson } from '../../src/server/http-io.js';
import { MOCK_CHOICES } from '../choices.js';
import type { FabricApi } from '../fabric-api.js';
import { CONTROL_JSON_BODY, requireMethod } from '../http-util.js';
import type { TenantConfig } from '../tenant.js';
import type { DirectoryFeed } from './directory-feed.js';
import { exportTenant, withoutSecrets } from './tenant-export.js';

/** The control paths this module answers. */
export const TENANT_CONTROL_PATHS = {
  /** `GET`: the current configuration as a tenant file; `?secrets=omit`, `?download=1`. */
  tenant: '/__mock/tenant',
  /** `POST`: an API Fabric token for the tenant's first app, for the panel's Configuration tab. */
  fabricToken: '/__mock/fabric-token',
  /** `GET`: what the server kit's agent directory saw change (directory-feed.ts). */
  directory: '/__mock/directory',
} as const;

/** What the control paths need. */
export interface TenantControlContext {
  readonly tenant: () => TenantConfig;
  readonly fabric: FabricApi;
  readonly directory: DirectoryFeed;
}

/**
 * Answers `GET /__mock/tenant`, `POST /__mock/fabric-token` and `GET /__mock/directory`; false for other paths.
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
  if (url.pathname === TENANT_CONTROL_PATHS.directory) {
    requireMethod(req, 'GET');
    sendJson(res, 200, context.directory.read());
    return true;
  }
  return false;
}
