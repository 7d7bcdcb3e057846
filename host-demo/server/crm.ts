/**
 * The demo CRM backend (origin A): fake sign-in, the web app under a strict CSP, bar tokens,
 * CEC's verification callback, customers and the call log. It owns no CEC secret itself: the AK/SK
 * stay in the Fabric client, and the browser only ever gets the bar access token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z, formatIssues } from '../../src/protocol/zod.js';
import { VALIDATE_PATH_EXAMPLE } from '../../src/protocol/verification.js';
import type { FabricAgent } from '../../src/protocol/fabric.js';
import { HttpError, httpOrigin, listen, sendJson } from '../../src/server/http-io.js';
import { readCookie, readCrmJson, serveFile } from './http.js';
import { createSessions, DEMO_USERS, SESSION_COOKIE, type CrmUser } from './users.js';
import { createStore } from './store.js';
import type { CallLog, QueueMonitor } from '../../src/server/index.js';
import { routeCecRecords } from './cec-records.js';

/** The server-kit pieces the CRM needs, as structural types (wired in stack.ts). */
export interface CrmCecDeps {
  /** `createBarTokenIssuer(...)` */
  readonly issuer: { issue(claims: { userAccount: string; tenantSpaceId: string }): Promise<string> | string };
  /** `createValidateHandler({ issuer })`: CEC's callback. */
  readonly validate: (req: IncomingMessage, res: ServerResponse) => unknown;
  /** `createAgentDirectory(...)` */
  readonly directory: { byAccountCode(code: string): FabricAgent | undefined; readonly ready: Promise<unknown> };
  readonly tenantSpaceId: string;
  /** The shell page on origin B, e.g. http://localhost:4200/shell/shell.html */
  readonly shellUrl: string;
  /** `$aicc_ContextPath` as the shell sees it, e.g. http://localhost:4200/service-cloud/ */
  readonly cecContextPath: string;
  /** `createCallLog(...)`: the CEC-checked call log (docs/call-log.md). */
  readonly callLog?: CallLog;
  /** `createQueueMonitor(...)`: live queue figures (docs/queue-figures.md). */
  readonly queueMonitor?: QueueMonitor;
}

export interface DemoCrmOptions {
  /** 0 = any free port. */
  readonly port?: number;
  /** Always 127.0.0.1 unless you know why. */
  readonly host?: string;
  /** Folder with the built web app (index.html, app.js, app.css): dist/host-demo/web. */
  readonly webDir: string;
  /** Seed customers (host-demo/customers.json). */
  readonly customers: readonly unknown[];
  readonly users?: readonly CrmUser[];
}

export interface DemoCrm {
  /** e.g. http://127.0.0.1:4100 */
  readonly url: string;
  /** Where CEC (or the mock) calls back to validate a bar token. */
  readonly validateUrl: string;
  /** Connects the CRM to CEC once the other origins exist (they need the CRM's URL first). */
  connect(deps: CrmCecDeps): void;
  /** The signed-in CRM user's id behind a request (the call log's session check). */
  sessionUserId(req: IncomingMessage): string | undefined;
  close(): Promise<void>;
}

const sessionSchema = z.object({ userId: z.string().check(z.minLength(1), z.maxLength(64)) });

/** `default-src 'self'; script-src 'self'; frame-src <shell origin>`: the bar is only ever a frame. */
export function contentSecurityPolicy(shellOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `frame-src ${shellOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Starts the CRM backend. Call `connect()` with the server-kit pieces before the first bar loads.
 *
 * @example
 * const crm = await startDemoCrm({ port: 4100, webDir: 'dist/host-demo/web', customers });
 * crm.connect({ issuer, validate, directory, tenantSpaceId, shellUrl, cecContextPath });
 */
export async function startDemoCrm(options: DemoCrmOptions): Promise<DemoCrm> {
  const sessions = createSessions(options.users ?? DEMO_USERS);
  const store = createStore(options.customers);
  let cec: CrmCecDeps | undefined;

  const needCec = (): CrmCecDeps => {
    if (!cec) throw new HttpError(503, 'the CRM is not connected to CEC yet');
    return cec;
  };
  const needUser = (req: IncomingMessage): CrmUser => {
    const user = sessions.user(readCookie(req, SESSION_COOKIE));
    if (!user) throw new HttpError(401, 'sign in to the CRM first');
    return user;
  };
  /** The CEC agent behind a CRM user, through the agent directory (queryAgentInfo). */
  const agentOf = async (user: CrmUser): Promise<FabricAgent | undefined> => {
    const deps = needCec();
    await deps.directory.ready;
    return user.accountCode ? deps.directory.byAccountCode(user.accountCode) : undefined;
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://crm.invalid');
    const p = url.pathname;
    const m = req.method ?? 'GET';

    if (p === VALIDATE_PATH_EXAMPLE) {
      await needCec().validate(req, res);
      return;
    }
    if (m === 'GET' && p === '/api/config') {
      const deps = needCec();
      return sendJson(res, 200, { shellUrl: deps.shellUrl, cecContextPath: deps.cecContextPath, tenantSpaceId: deps.tenantSpaceId });
    }
    if (m === 'GET' && p === '/api/users') {
      return sendJson(res, 200, sessions.users().map((u) => ({ id: u.id, name: u.name, title: u.title, hasCec: !!u.accountCode })));
    }
    if (m === 'POST' && p === '/api/session') {
      const r = sessionSchema.safeParse(await readCrmJson(req));
      if (!r.success) throw new HttpError(400, `invalid sign-in: ${formatIssues(r.error.issues)}`);
      const user = sessions.find(r.data.userId);
      if (!user) throw new HttpError(404, `no CRM user ${r.data.userId}`);
      sessions.close(readCookie(req, SESSION_COOKIE));
      const sid = sessions.open(user.id);
      return sendJson(res, 200, { id: user.id, name: user.name }, { 'Set-Cookie': `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Strict` });
    }
    if (m === 'DELETE' && p === '/api/session') {
      sessions.close(readCookie(req, SESSION_COOKIE));
      return sendJson(res, 200, { ok: true }, { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` });
    }
    if (m === 'GET' && p === '/api/me') {
      // Nobody signed in is an answer, not an error: a 401 here would put an error in the
      // browser console on every visit to the sign-in page.
      const user = sessions.user(readCookie(req, SESSION_COOKIE));
      if (!user) return sendJson(res, 200, { user: null });
      const agent = await agentOf(user);
      return sendJson(res, 200, {
        user: { id: user.id, name: user.name, title: user.title },
        tenantSpaceId: needCec().tenantSpaceId,
        cec: agent ? { accountCode: agent.accountCode, workNo: agent.workNo } : null,
      });
    }
    if (m === 'GET' && p === '/api/bar-token') {
      const user = needUser(req);
      const agent = await agentOf(user);
      if (!agent) throw new HttpError(409, `${user.name} has no CEC agent account`);
      const deps = needCec();
      const accessToken = await deps.issuer.issue({ userAccount: agent.accountCode, tenantSpaceId: deps.tenantSpaceId });
      return sendJson(res, 200, { accessToken, userAccount: agent.accountCode, tenantSpaceId: deps.tenantSpaceId });
    }
    if (p === '/api/customers') {
      needUser(req);
      if (m === 'GET') return sendJson(res, 200, store.customers());
      if (m === 'POST') return sendJson(res, 201, store.addCustomer(await readCrmJson(req)));
    }
    if (m === 'GET' && p === '/api/customers/lookup') {
      needUser(req);
      const c = store.findByPhone(url.searchParams.get('number') ?? '');
      return c ? sendJson(res, 200, c) : sendJson(res, 404, { error: 'no customer with that number' });
    }
    if (p === '/api/calls') {
      const user = needUser(req);
      if (m === 'GET') return sendJson(res, 200, store.calls().filter((c) => c.agent === user.id));
      if (m === 'POST') return sendJson(res, 201, store.logCall(await readCrmJson(req), user.id));
    }
    if (await routeCecRecords(req, res, p, { cec, user: () => needUser(req) })) return;
    const notes = /^\/api\/calls\/([A-Za-z0-9-]{1,64})$/.exec(p);
    if (notes && m === 'PATCH') {
      const user = needUser(req);
      return sendJson(res, 200, store.setNotes(notes[1]!, await readCrmJson(req), user.id));
    }
    if (m === 'GET' && !p.startsWith('/api/')) {
      const file = p === '/' ? 'index.html' : p;
      // Before connect() there is no shell origin yet, so nothing may be framed.
      const csp = contentSecurityPolicy(cec ? new URL(cec.shellUrl).origin : "'none'");
      if (await serveFile(res, options.webDir, file, { 'Content-Security-Policy': csp, 'Referrer-Policy': 'no-referrer' })) return;
    }
    throw new HttpError(404, `no route ${m} ${p}`);
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.end();
      // An oversized body was left unread: close the connection after the answer.
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message }, err.status === 413 ? { Connection: 'close' } : {});
      sendJson(res, 500, { error: 'internal error' });
    });
  });
  const host = options.host ?? '127.0.0.1';
  const url = httpOrigin(host, await listen(server, options.port ?? 0, host));
  return {
    url,
    validateUrl: url + VALIDATE_PATH_EXAMPLE,
    connect(deps) {
      cec = deps;
    },
    sessionUserId: (req) => sessions.user(readCookie(req, SESSION_COOKIE))?.id,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
