/**
 * API Fabric (docs/cec-reference.md §3): tokenByAkSk with jose-signed JWTs, and the CC-Management calls that
 * need `Authorization: Bearer` plus a matching `X-APP-Key`.
 * Statuses (CEC documents the codes, not which case gets which; chosen here):
 * bad body/headers 400; wrong AK or SK 403; missing, invalid or expired token 401;
 * missing or mismatched X-APP-Key 403; unknown path 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import {
  FABRIC_PATHS,
  TOKEN_EXPIRE_HEADER,
  APP_KEY_HEADER,
  tokenByAkSkRequestSchema,
  queryAgentLoginParamsRequestSchema,
  formatIssues,
  type TokenByAkSkResponse,
  type QueryAgentInfoResponse,
  type QuerySysInfoResponse,
  type QueryAgentLoginParamsResponse,
} from '../src/protocol/index.js';
import type { Clock } from '../src/server/clock.js';
import { MOCK_CHOICES } from './choices.js';
import { HttpError, readJson, sendJson } from '../src/server/http-io.js';
import { MOCK_JSON_BODY, requireMethod } from './http-util.js';
import type { TenantConfig } from './tenant.js';

const ALG = 'HS256';

/** Context the Fabric routes need. */
export interface FabricContext {
  readonly tenant: () => TenantConfig;
  readonly clock: Clock;
  /** The mock's own base URL (querySysInfo reports its gateway). */
  readonly baseUrl: () => string;
  /** More Fabric APIs behind the same token checks (the configuration APIs, config-api/). */
  readonly moreRoutes?: Readonly<Record<string, FabricRoute>>;
}

/** One more Fabric API: its method, and what answers it once the token and app key passed. */
export interface FabricRoute {
  readonly method: string;
  readonly run: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
}

/**
 * The API Fabric half of the mock.
 *
 * @example
 * const fabric = new FabricApi(ctx);
 * if (await fabric.handle(req, res, path)) return;
 */
export class FabricApi {
  readonly #ctx: FabricContext;
  readonly #key = new Uint8Array(randomBytes(32));

  constructor(ctx: FabricContext) {
    this.#ctx = ctx;
  }

  /** Handles Fabric paths; false when the path is not a Fabric path. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (path === FABRIC_PATHS.tokenByAkSk) {
      requireMethod(req, 'POST');
      await this.#token(req, res);
      return true;
    }
    if (!path.startsWith('/apiaccess/') && !path.startsWith('/apigovernance/')) return false;
    if (path.startsWith('/apigovernance/')) throw new HttpError(404, 'no such API');
    const route = ROUTES[path];
    const more = this.#ctx.moreRoutes?.[path];
    const method = (route ?? more)?.method;
    if (method === undefined) throw new HttpError(404, 'no such API');
    requireMethod(req, method);
    await this.#authorise(req);
    if (route) await route.run(this, req, res);
    else await more?.run(req, res);
    return true;
  }

  async #token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawExpire = req.headers[TOKEN_EXPIRE_HEADER.toLowerCase()];
    let expires: number = MOCK_CHOICES.defaultTokenExpireSeconds;
    if (rawExpire !== undefined) {
      const s = Array.isArray(rawExpire) ? rawExpire.join(',') : rawExpire;
      if (!/^\d{1,6}$/.test(s) || Number(s) < 1 || Number(s) > MOCK_CHOICES.maxTokenExpireSeconds) {
        req.resume();
        throw new HttpError(400, `${TOKEN_EXPIRE_HEADER} must be 1-${MOCK_CHOICES.maxTokenExpireSeconds} seconds`);
      }
      expires = Number(s);
    }
    const body = tokenByAkSkRequestSchema.safeParse(await readJson(req, MOCK_JSON_BODY));
    if (!body.success) throw new HttpError(400, `bad body: ${formatIssues(body.error.issues)}`);
    const app = this.#ctx.tenant().apps.find((a) => a.appKey === body.data.app_key);
    if (!app || app.appSecret !== body.data.app_secret) throw new HttpError(403, 'authentication failed');
    sendJson(res, 200, await this.issueToken(app.appKey, expires));
  }

  /** A token for one of the tenant's apps, as tokenByAkSk answers it (also for the panel's control endpoint). */
  async issueToken(appKey: string, expires: number): Promise<TokenByAkSkResponse> {
    const now = Math.floor(this.#ctx.clock.now() / 1000);
    const token = await new SignJWT({ scope: 'default' })
      .setProtectedHeader({ alg: ALG })
      .setSubject(appKey)
      .setIssuedAt(now)
      .setExpirationTime(now + expires)
      .setJti(randomBytes(8).toString('hex'))
      .sign(this.#key);
    return {
      AccessToken: token,
      ApplyType: 'Bearer',
      CreateTime: String(now),
      Expires: String(expires),
      Scope: 'default',
      AppKey: appKey,
      UserID: 'Anonymous',
    };
  }

  async #authorise(req: IncomingMessage): Promise<void> {
    const auth = String(req.headers.authorization ?? '');
    const m = /^Bearer ([A-Za-z0-9._-]{1,4096})$/.exec(auth);
    if (!m?.[1]) throw new HttpError(401, 'missing bearer token');
    let sub: string | undefined;
    try {
      const { payload } = await jwtVerify(m[1], this.#key, { algorithms: [ALG], currentDate: new Date(this.#ctx.clock.now()) });
      sub = payload.sub;
    } catch {
      throw new HttpError(401, 'invalid or expired token');
    }
    const appKey = req.headers[APP_KEY_HEADER.toLowerCase()];
    if (typeof appKey !== 'string' || appKey === '') throw new HttpError(403, `missing ${APP_KEY_HEADER}`);
    if (appKey !== sub) throw new HttpError(403, `${APP_KEY_HEADER} does not match the token`);
  }

  agentInfo(): QueryAgentInfoResponse {
    return {
      sipServiceIp: MOCK_CHOICES.sipServiceIp,
      sipServicePort: MOCK_CHOICES.sipServicePort,
      agents: this.#ctx.tenant().agents.map((a) => ({ workNo: a.workNo, sipAccount: a.sipAccount, sipPwd: a.sipPwd, accountCode: a.accountCode })),
    };
  }

  sysInfo(): QuerySysInfoResponse {
    const u = new URL(this.#ctx.baseUrl());
    return { sipServiceIp: MOCK_CHOICES.sipServiceIp, sipServicePort: MOCK_CHOICES.sipServicePort, serviceIp: u.hostname, servicePort: Number(u.port) || 80 };
  }

  loginParams(account: string, password: string): QueryAgentLoginParamsResponse {
    const a = this.#ctx.tenant().agents.find((x) => x.accountCode === account);
    // Not documented by CEC; chosen here: returnCode "0" ok, "1" unknown account or wrong password.
    if (!a || a.password !== password) return { returnCode: '1', message: 'account or password invalid', results: null };
    return {
      returnCode: '0',
      message: 'success',
      results: {
        workNo: a.workNo,
        sipAccount: a.sipAccount,
        sipServerInfo: [{ sipServiceIp: MOCK_CHOICES.sipServiceIp, sipServicePort: MOCK_CHOICES.sipServicePort, type: a.phone === 'webrtc' ? 1 : 0 }],
      },
    };
  }
}

const ROUTES: Record<string, { method: string; run: (f: FabricApi, req: IncomingMessage, res: ServerResponse) => Promise<void> | void }> = {
  [FABRIC_PATHS.queryAgentInfo]: {
    method: 'GET',
    run: (f, _req, res) => sendJson(res, 200, f.agentInfo()),
  },
  [FABRIC_PATHS.querySysInfo]: {
    method: 'GET',
    run: (f, _req, res) => sendJson(res, 200, f.sysInfo()),
  },
  [FABRIC_PATHS.queryAgentLoginParams]: {
    method: 'POST',
    run: async (f, req, res) => {
      const body = queryAgentLoginParamsRequestSchema.safeParse(await readJson(req, MOCK_JSON_BODY));
      if (!body.success) throw new HttpError(400, `bad body: ${formatIssues(body.error.issues)}`);
      sendJson(res, 200, f.loginParams(body.data.account, body.data.password));
    },
  },
};
