/**
 * The demo's CC-CMS plumbing: a CMS client with the tenant's own CMS AK/SK (not the API Fabric
 * pair), a call log in SQLite (a restart loses nothing) watching every directory agent's live
 * calls, and the queue monitor for every skill of the tenant.
 */
import type { IncomingMessage } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { MockFabric } from '../../mock-fabric/index.js';
import {
  createCallLog,
  createCmsClient,
  createQueueMonitor,
  createSqliteCallLogStore,
  type AgentDirectory,
  type CallLog,
  type QueueMonitor,
} from '../../src/server/index.js';

export interface CecRecordsOptions {
  readonly fabric: MockFabric;
  readonly directory: AgentDirectory;
  readonly sessionUserId: (req: IncomingMessage) => string | undefined;
  /**
   * The SQLite file. Default: with a fixed CRM port (`npm start`), one file per port in the OS temp
   * folder, so a restart keeps the log; with port 0 (tests), a fresh file removed on close, so
   * parallel stacks never wait on each other's lock.
   */
  readonly callLogPath?: string;
  /** The CRM's port, for the default file name. */
  readonly crmPort?: number;
  readonly intervalMs?: number;
}

/** The default SQLite file, and what to remove on close. */
function defaultCallLogFile(crmPort: number | undefined): { file: string; temporary?: string } {
  if (crmPort) return { file: path.join(tmpdir(), 'cec-bar-host-demo', `call-log-${crmPort}.db`) };
  const temporary = mkdtempSync(path.join(tmpdir(), 'cec-bar-host-demo-'));
  return { file: path.join(temporary, 'call-log.db'), temporary };
}

export interface CecRecords {
  readonly callLog: CallLog;
  readonly queueMonitor: QueueMonitor;
  close(): void;
}

/** Starts the call log and the queue monitor against the mock's CC-CMS. */
export function startCecRecords(options: CecRecordsOptions): CecRecords {
  const { tenant, url } = options.fabric;
  const intervalMs = options.intervalMs ?? 2000;
  const cms = createCmsClient({ baseUrl: url, accessKey: tenant.cms.accessKey, secretKey: tenant.cms.secretKey, ccId: tenant.cms.ccId, vdn: tenant.cms.vdn });
  const { file, temporary } = options.callLogPath ? { file: options.callLogPath } : defaultCallLogFile(options.crmPort);
  mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  const callLog = createCallLog({
    cms,
    store: createSqliteCallLogStore({ database }),
    authenticate: async (req) => options.sessionUserId(req),
    agentIds: () => options.directory.snapshot().agents.map((agent) => agent.workNo),
    intervalMs,
  });
  const queueMonitor = createQueueMonitor({ cms, skillIds: tenant.skills.map((skill) => skill.id), intervalMs });
  return {
    callLog,
    queueMonitor,
    close() {
      callLog.close();
      queueMonitor.close();
      database.close();
      if (temporary) rmSync(temporary, { recursive: true, force: true });
    },
  };
}
