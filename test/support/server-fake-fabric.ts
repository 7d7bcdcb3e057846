/**
 * A small, scriptable API Fabric over real HTTP (docs/cec-reference.md §3) for the server kit's fault tests:
 * scripted statuses, `Retry-After`, latency, dropped connections, short token lifetimes.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FABRIC_PATHS, type FabricAgent } from '../../src/protocol/fabric.js';

/** One scripted answer; consumed by the next request to its path. */
export interface FakeStep {
  readonly status?: number;
  readonly retryAfter?: string;
  /** Wait this long (real time) before answering. */
  readonly delayMs?: number;
  /** Destroy the socket without an answer. */
  readonly drop?: boolean;
  /** Answer this JSON (with `status`, default 200) instead of the normal body. */
  readonly body?: unknown;
  /** Extra response headers (a redirect's `location`). */
  readonly headers?: Record<string, string>;
}

export interface FakeRequest {
  readonly path: string;
  readonly method: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface FakeFabricOptions {
  readonly appKey?: string;
  readonly appSecret?: string;
  readonly agents?: FabricAgent[];
  /** Server-side time for token expiry; share a manual clock with the client. */
  readonly now?: () => number;
  /** Caps `X-Token-Expire`. */
  readonly maxTokenSeconds?: number;
}

export interface FakeFabric {
  readonly url: string;
  readonly appKey: string;
  readonly appSecret: string;
  readonly requests: FakeRequest[];
  count(path: string): number;
  script(path: string, steps: FakeStep[]): void;
  setAgents(agents: FabricAgent[]): void;
  setMaxTokenSeconds(seconds: number): void;
  /** Every token issued so far becomes invalid (401). */
  revokeTokens(): void;
  /** Business calls that arrived with an expired token. */
  expiredTokenUses(): number;
  close(): Promise<void>;
}

export const DEFAULT_AGENTS: FabricAgent[] = [
  { workNo: 101, sipAccount: '88880101', sipPwd: 'sip-101', accountCode: 'alice.chen' },
  { workNo: 102, sipAccount: '88880102', sipPwd: 'sip-102', accountCode: 'bob.meyer' },
];

export async function startFakeFabric(options: FakeFabricOptions = {}): Promise<FakeFabric> {
  const appKey = options.appKey ?? 'fake-app-key';
  const appSecret = options.appSecret ?? `fake-secret-${randomBytes(8).toString('hex')}`;
  const now = options.now ?? (() => Date.now());
  let agents = options.agents ?? DEFAULT_AGENTS;
  let maxTokenSeconds = options.maxTokenSeconds ?? 3600;
  let expiredUses = 0;
  const tokens = new Map<string, number>();
  const scripts = new Map<string, FakeStep[]>();
  const requests: FakeRequest[] = [];

  function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body === undefined ? '' : JSON.stringify(body));
  }

  function normal(req: FakeRequest, res: http.ServerResponse): void {
    if (req.path === FABRIC_PATHS.tokenByAkSk) {
      let creds: { app_key?: unknown; app_secret?: unknown };
      try {
        creds = JSON.parse(req.body) as typeof creds;
      } catch {
        return json(res, 400, undefined);
      }
      if (creds.app_key !== appKey || creds.app_secret !== appSecret) return json(res, 403, undefined);
      const asked = Number(req.headers['x-token-expire'] ?? 600);
      const seconds = Math.min(asked, maxTokenSeconds);
      const token = `fake-token-${randomBytes(12).toString('hex')}`;
      tokens.set(token, now() + seconds * 1000);
      return json(res, 200, {
        AccessToken: token,
        ApplyType: 'Bearer',
        CreateTime: String(Math.floor(now() / 1000)),
        Expires: String(seconds),
        Scope: 'default',
        AppKey: appKey,
        UserID: 'Anonymous',
      });
    }
    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
    const exp = auth ? tokens.get(auth[1]!) : undefined;
    if (exp !== undefined && exp <= now()) expiredUses += 1;
    if (exp === undefined || exp <= now() || req.headers['x-app-key'] !== appKey) return json(res, 401, undefined);
    if (req.path === FABRIC_PATHS.queryAgentInfo) return json(res, 200, { sipServiceIp: '10.0.0.5', sipServicePort: 5060, agents });
    if (req.path === FABRIC_PATHS.querySysInfo) return json(res, 200, { sipServiceIp: '10.0.0.5', sipServicePort: 5060, serviceIp: '10.0.0.6', servicePort: 8043 });
    if (req.path === FABRIC_PATHS.queryAgentLoginParams) {
      const { account, password } = JSON.parse(req.body) as { account: string; password: string };
      const agent = agents.find((a) => a.accountCode === account);
      if (!agent || password !== `pw-${account}`) return json(res, 200, { returnCode: '100-004', message: 'wrong account or password', results: null });
      return json(res, 200, {
        returnCode: '0',
        message: 'success',
        results: { workNo: agent.workNo, sipAccount: agent.sipAccount, sipServerInfo: [{ sipServiceIp: '10.0.0.5', sipServicePort: 5060, type: 1 }] },
      });
    }
    return json(res, 404, undefined);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const record: FakeRequest = { path: new URL(req.url ?? '/', 'http://x').pathname, method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(record);
      const step = scripts.get(record.path)?.shift();
      const answer = () => {
        if (!step) return normal(record, res);
        if (step.drop) return void req.socket.destroy();
        if (step.status === undefined && step.body === undefined) return normal(record, res);
        json(res, step.status ?? 200, step.body, { ...(step.retryAfter ? { 'retry-after': step.retryAfter } : {}), ...step.headers });
      };
      if (step?.delayMs) setTimeout(answer, step.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    appKey,
    appSecret,
    requests,
    count: (path) => requests.filter((r) => r.path === path).length,
    script: (path, steps) => void scripts.set(path, [...steps]),
    setAgents: (next) => void (agents = next),
    setMaxTokenSeconds: (s) => void (maxTokenSeconds = s),
    revokeTokens: () => tokens.clear(),
    expiredTokenUses: () => expiredUses,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
