/**
 * The running configuration written back out in the tenant file format (`GET /__mock/tenant`,
 * `control.tenant()`), so a tenant built through the configuration APIs can be kept and loaded
 * again as a seed. Secrets (agent passwords, SIP passwords, app secrets, the CC-CMS secret key) are included by default,
 * as the file needs them to load; `withoutSecrets` leaves them out (a file to compare or commit).
 */
import { tenantSchema, type TenantConfig } from '../tenant.js';

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
    cms: (({ secretKey: _secretKey, ...cms }) => cms)(tenant.cms),
  };
}
