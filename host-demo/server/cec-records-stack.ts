/**
 * The demo's CC-CMS plumbing: a CMS client with the tenant's own CMS AK/SK (not the API Fabric
 * pair), a call log in SQLite (a restart loses nothing) watching every directory agent's live
 * calls, and the queue monitor for every skill of the tenant.
 */
import type { IncomingMessage } from 'node:http';
import { mkdirSync } from 'node:fs';
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
  readonly callLogPath?: string;
  readonly intervalMs?: number;
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
  const file = options.callLogPath ?? path.join(tmpdir(), 'cec-bar-host-demo', 'call-log.db');
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
    },
  };
}
