/**
 * The demo CRM's routes for CEC-checked records: browsers report `call.ended` to the call log,
 * the wrap-up form saves a disposition on the call's entry, the log lists entries, and the header
 * streams the queue figures (docs/call-log.md, docs/queue-figures.md).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z, formatIssues } from '../../src/protocol/zod.js';
import { HttpError, sendJson } from '../../src/server/http-io.js';
import type { CallLog, QueueMonitor } from '../../src/server/index.js';
import { readCrmJson } from './http.js';

/** The dispositions the demo's wrap-up form offers. */
export const DISPOSITIONS = ['resolved', 'follow-up', 'sale', 'complaint', 'wrong number'] as const;

const dispositionSchema = z.object({
  callId: z.string().check(z.minLength(1), z.maxLength(64)),
  direction: z.enum(['inbound', 'outbound']),
  disposition: z.enum(DISPOSITIONS),
});

interface RecordsContext {
  readonly cec: { readonly callLog?: CallLog; readonly queueMonitor?: QueueMonitor } | undefined;
  /** Throws 401 when nobody is signed in. */
  readonly user: () => unknown;
}

/** Handles `/api/call-ended`, `/api/call-records`, `/api/call-records/disposition`, `/api/queues`; false for other paths. */
export async function routeCecRecords(req: IncomingMessage, res: ServerResponse, path: string, context: RecordsContext): Promise<boolean> {
  const method = req.method ?? 'GET';
  if (path === '/api/call-ended') {
    // The call log checks the CRM session itself (createCallLog's authenticate).
    await needCallLog(context).handler(req, res);
    return true;
  }
  if (path === '/api/call-records' && method === 'GET') {
    context.user();
    sendJson(res, 200, await needCallLog(context).list(50));
    return true;
  }
  if (path === '/api/call-records/disposition' && method === 'POST') {
    context.user();
    const parsed = dispositionSchema.safeParse(await readCrmJson(req));
    if (!parsed.success) throw new HttpError(400, `invalid disposition: ${formatIssues(parsed.error.issues)}`);
    const { callId, direction, disposition } = parsed.data;
    sendJson(res, 200, await needCallLog(context).setDisposition(callId, direction, disposition));
    return true;
  }
  if (path === '/api/queues' && method === 'GET') {
    context.user();
    const monitor = context.cec?.queueMonitor;
    if (!monitor) throw new HttpError(503, 'queue figures are not configured');
    monitor.handler(req, res);
    return true;
  }
  return false;
}

function needCallLog(context: RecordsContext): CallLog {
  const callLog = context.cec?.callLog;
  if (!callLog) throw new HttpError(503, 'the call log is not configured');
  return callLog;
}
