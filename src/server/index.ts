/** `cec-bar-host/server`: the enterprise backend kit (Node). */
export { FabricError, isFabricError } from '../protocol/fabric-error.js';
export type { FabricErrorCode } from '../protocol/errors.js';
export { createFabricClient } from './fabric-client.js';
export type { FabricClient, FabricClientOptions } from './fabric-client.js';
export type { FetchLike } from './fabric-http.js';
export type { RetryOptions } from './retry.js';
export { createAgentDirectory } from './agent-directory.js';
export type { AgentDirectory, AgentDirectoryEvents, AgentDirectoryOptions, AgentDirectorySnapshot } from './agent-directory.js';
export type { Unsubscribe } from '../protocol/emitter.js';
export { createBarTokenIssuer } from './bar-token.js';
export type {
  BarTokenClaims,
  BarTokenFailure,
  BarTokenIssuer,
  BarTokenIssuerOptions,
  BarTokenKey,
  BarTokenSubject,
  BarTokenVerifyResult,
  Es256KeyPair,
} from './bar-token.js';
export { createValidateHandler } from './validate-handler.js';
export type { ValidateHandler, ValidateHandlerOptions } from './validate-handler.js';
export { systemClock } from './clock.js';
export type { Clock, TimerHandle } from './clock.js';
export type { ServerLogger } from './logger.js';
export { createBarShellServer, shellCsp, type BarShellServer, type BarShellServerOptions, type ShellCspOptions } from './shell-server.js';
export { createProxyHandler, rewriteSetCookie, DEFAULT_PROXY_TIMEOUT_MS, type ProxyOptions } from './proxy.js';
export { DEFAULT_PROXY_LIMITS, type ProxyLimits } from './proxy-budget.js';
export { createTenantConfigClient } from './tenant-config-client.js';
export type { TenantConfigClient, TenantConfigClientOptions } from './tenant-config-client.js';
export { createCmsClient } from './cms-client.js';
export type { CmsClient, CmsClientOptions, CmsCallRecord, CmsLiveCall, CmsSkillState } from './cms-client.js';
export { createCallLog } from './call-log.js';
export type { CallLog, CallLogEvents, CallLogOptions } from './call-log.js';
export { createMemoryCallLogStore } from './call-log-store.js';
export type { CallLogEntry, CallLogOutcome, CallLogStore } from './call-log-store.js';
export { createSqliteCallLogStore } from './call-log-sqlite.js';
export type { SqliteCallLogStoreOptions, SqliteDatabase, SqliteStatement } from './call-log-sqlite.js';
export { createQueueMonitor } from './queue-monitor.js';
export type { QueueMonitor, QueueMonitorEvents, QueueMonitorOptions, QueueSnapshot } from './queue-monitor.js';
