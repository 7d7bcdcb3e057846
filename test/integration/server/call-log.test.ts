/**
 * The call log over real HTTP against the mock's CC-CMS: a call no browser reported is found and
 * logged from the CDR; a browser's `unknown` is corrected; two tabs log once; an unauthenticated
 * report is refused; the SQLite store survives a restart.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { createCallLog, createCmsClient, createMemoryCallLogStore, createSqliteCallLogStore, type CallLog, type CallLogStore } from '../../../src/server/index.js';
import { listen } from '../../../src/server/http-io.js';
import { FakeClock } from '../../support/mock-clock.js';
import { GatewayAgent, env } from '../../support/mock-client.js';

const START = Date.UTC(2026, 10, 28, 9, 0, 0);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Rig {
  readonly fabric: MockFabric;
  readonly clock: FakeClock;
  readonly log: CallLog;
  readonly reportUrl: string;
}

async function rig(store: CallLogStore = createMemoryCallLogStore()): Promise<Rig> {
  const clock = new FakeClock(START);
  const fabric = await startMockFabric({ trustTokens: true, clock });
  cleanups.push(() => fabric.close());
  const { accessKey, secretKey, ccId, vdn } = fabric.tenant.cms;
  const cms = createCmsClient({ baseUrl: fabric.url, accessKey, secretKey, ccId, vdn, clock, retry: { maxTries: 1 } });
  const log = createCallLog({ cms, store, clock, intervalMs: 3_600_000, agentIds: () => [101], authenticate: async (req) => (req.headers.cookie === 'crm-session=alice' ? 'alice' : undefined) });
  cleanups.push(() => log.close());
  const server = http.createServer((req, res) => void log.handler(req, res));
  const port = await listen(server, 0, '127.0.0.1');
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { fabric, clock, log, reportUrl: `http://127.0.0.1:${port}/call-ended` };
}

async function talkedCall(rig: Rig, talkMs: number, beforeHangup?: (callId: string) => Promise<void>): Promise<string> {
  const alice = await GatewayAgent.signIn(rig.fabric.url, 101, 'alice-pass-77');
  await alice.call('POST', 'onlineagent/101/sayfree');
  const { callId } = rig.fabric.control.injectCall({ caller: '13800000001', called: '66881' });
  expect(env(await alice.call('PUT', `voicecall/101/answer?callid=${callId}`)).retcode).toBe('0');
  await rig.log.poll();
  await beforeHangup?.(callId);
  rig.clock.advance(talkMs);
  rig.fabric.control.hangupCall(callId);
  await rig.log.poll();
  return callId;
}

function report(rig: Rig, body: object, cookie = 'crm-session=alice'): Promise<Response> {
  return fetch(rig.reportUrl, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
}

describe('call log', () => {
  it('logs a call no browser reported (tab closed mid-call) from the CDR, once, completed, with the talk time', async () => {
    const setup = await rig();
    const callId = await talkedCall(setup, 37_000, async (id) => expect((await setup.log.get(id))?.outcome).toBe('inProgress'));
    const entries = await setup.log.list();
    expect(entries.filter((entry) => entry.callId === callId)).toHaveLength(1);
    expect(entries[0]).toMatchObject({ callId, outcome: 'completed', talkMs: 37_000, agentId: 101, skillId: 1, fromCdr: true, reports: 0 });
  });

  it('corrects a browser report of unknown from the CDR, and logs two tabs once', async () => {
    const setup = await rig();
    const callId = await talkedCall(setup, 12_000, async (id) => {
      const unknown = { callId: id, direction: 'inbound', caller: '13800000001', outcome: 'unknown', endedBy: 'unknown', talkMs: 4_000 };
      const replies = await Promise.all([report(setup, unknown), report(setup, unknown)]);
      expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
    });
    const entry = await setup.log.get(callId);
    expect(entry).toMatchObject({ outcome: 'completed', talkMs: 12_000, reports: 2, reportedBy: 'alice', fromCdr: true });
    expect(await setup.log.list()).toHaveLength(1);
  });

  it('refuses a report without the CRM session (401) and a malformed one (400), logging nothing', async () => {
    const setup = await rig();
    const body = { callId: '1764320400-1', direction: 'inbound', outcome: 'completed', endedBy: 'agent', talkMs: 1000 };
    expect((await report(setup, body, 'crm-session=mallory')).status).toBe(401);
    expect((await report(setup, { ...body, outcome: 'great' })).status).toBe(400);
    expect(await setup.log.list()).toEqual([]);
  });

  it('keeps the log in SQLite across a restart, disposition included', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'cec-call-log-'));
    cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
    const file = path.join(directory, 'log.db');
    const first = new Database(file);
    const setup = await rig(createSqliteCallLogStore({ database: first }));
    const callId = await talkedCall(setup, 5_000);
    await setup.log.setDisposition(callId, 'inbound', 'sale');
    first.close();
    const reopened = new Database(file);
    cleanups.push(() => void reopened.close());
    const entry = await createSqliteCallLogStore({ database: reopened }).get(callId);
    expect(entry).toMatchObject({ callId, outcome: 'completed', talkMs: 5_000, disposition: 'sale' });
  });
});
