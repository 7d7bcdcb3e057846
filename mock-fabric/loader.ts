/**
 * The bar loader (docs/internal-contracts.md): `POST /service-cloud/ccdesktop/pages/cc-bar/js/ccbarclient.js`.
 * Verifies the enterprise token through `validateUrl` (docs/cec-reference.md §4) unless `trustTokens`, sets the
 * four `sum_*` cookies and answers JavaScript that creates the `ccbarclient` iframe.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  validateRequestSchema,
  validateResponseSchema,
  isValidateSuccess,
  VALIDATE_RETCODES,
  formatIssues,
  parseJsonBounded,
  type ValidateRequest,
} from '../src/protocol/index.js';
import { barFrameConfigSchema, type BarFrameConfig } from './bar-frame-config.js';
import type { Clock } from '../src/server/clock.js';
import { MOCK_CHOICES } from './choices.js';
import { readBody, sendJson } from '../src/server/http-io.js';
import type { TenantConfig } from './tenant.js';

/**
 * Where the mock serves CEC's bar loader (below `/service-cloud/`, as CEC does).
 *
 * @example
 * ```ts
 * import { startMockFabric, LOADER_PATH } from 'cec-bar-host/mock-fabric';
 * const fabric = await startMockFabric({ trustTokens: true });
 * const body = JSON.stringify({ access_token: 'any', tenantSpaceId: fabric.tenant.tenantSpaceId, userAccount: 'alice.chen' });
 * const script = await (await fetch(new URL(LOADER_PATH, fabric.url), { method: 'POST', body })).text();
 * ```
 */
export const LOADER_PATH = '/service-cloud/ccdesktop/pages/cc-bar/js/ccbarclient.js';

export interface LoaderContext {
  readonly tenant: () => TenantConfig;
  readonly clock: Clock;
  readonly validateUrl: string | undefined;
  readonly trustTokens: boolean;
  /** Put `mediaStats: true` in the bar config (test hook for media statistics). */
  readonly mediaTestHooks?: boolean;
  /** The agent's live gateway GUID, if signed in (lets a reloaded bar resume; see BarFrameConfig). */
  readonly liveGuid?: (workNo: number) => string | undefined;
}

/** A random opaque value for tickets, place ids and the `sum_*` cookies. */
function randomToken(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * One-time bar tickets: the loader issues one per load; the gateway accepts it once as a sign-in password.
 *
 * @example
 * const t = tickets.issue(101); tickets.consume(t, 101); // true, then false
 */
export class TicketBook {
  readonly #clock: Clock;
  readonly #tickets = new Map<string, { workNo: number; until: number }>();
  constructor(clock: Clock) {
    this.#clock = clock;
  }
  issue(workNo: number): string {
    const t = randomToken();
    const now = this.#clock.now();
    // Drop expired tickets so the map stays small.
    for (const [k, v] of this.#tickets) if (v.until <= now) this.#tickets.delete(k);
    this.#tickets.set(t, { workNo, until: now + MOCK_CHOICES.ticketTtlMs });
    return t;
  }
  /**
   * A ticket works for its agent until it expires. Not strictly one-time: the bar may sign in again
   * after a sign-out without reloading (chosen here).
   */
  accepts(ticket: string, workNo: number): boolean {
    const hit = this.#tickets.get(ticket);
    return hit !== undefined && hit.workNo === workNo && hit.until > this.#clock.now();
  }
  clear(): void {
    this.#tickets.clear();
    this.#places.clear();
  }

  /**
   * "Places" are browsers, told apart by the `sum_sid` cookie the loader sets (as CEC does with its
   * `sum_*` cookies). A load that presents the sid of an earlier load for the same agent is the same
   * place reloading: its bar may resume the live session. Any other load is a second place and gets
   * the one-place rule (100-002). Not documented by CEC; chosen here.
   */
  place(cookieHeader: string | undefined, workNo: number): { sid: string; samePlace: boolean } {
    const sent = /(?:^|;\s*)sum_sid=([A-Za-z0-9_-]{8,64})/.exec(cookieHeader ?? '')?.[1];
    if (sent && this.#places.get(sent) === workNo) return { sid: sent, samePlace: true };
    const sid = randomToken(12);
    if (this.#places.size > 10_000) this.#places.clear();
    this.#places.set(sid, workNo);
    return { sid, samePlace: false };
  }
  readonly #places = new Map<string, number>();
}

function reject(res: ServerResponse, status: number, retCode: number, message: string): void {
  sendJson(res, status, { retCode, message });
}

/**
 * Handle a loader POST.
 *
 * @example
 * if (path === LOADER_PATH) return handleLoader(req, res, ctx, tickets);
 */
export async function handleLoader(req: IncomingMessage, res: ServerResponse, ctx: LoaderContext, tickets: TicketBook): Promise<void> {
  if (req.method !== 'POST') return reject(res, 405, VALIDATE_RETCODES.INVALID, 'use POST');
  // CEC's demo sends JSON; the Content-Type is not checked (the demo's XHR may send text/plain).
  const text = (await readBody(req, 16 * 1024)).toString('utf8');
  const parsed = parseJsonBounded(text, 16 * 1024);
  if (!parsed.ok) return reject(res, 400, VALIDATE_RETCODES.EMPTY, `malformed JSON body: ${parsed.error}`);
  const body = validateRequestSchema.safeParse(parsed.value);
  if (!body.success) return reject(res, 400, VALIDATE_RETCODES.EMPTY, `bad body: ${formatIssues(body.error.issues)}`);
  const tenant = ctx.tenant();
  if (body.data.tenantSpaceId !== tenant.tenantSpaceId) return reject(res, 401, VALIDATE_RETCODES.INVALID, 'unknown tenantSpaceId');
  const agent = tenant.agents.find((a) => a.accountCode === body.data.userAccount);
  if (!agent) return reject(res, 401, VALIDATE_RETCODES.INVALID, 'unknown userAccount');
  if (!ctx.trustTokens) {
    const verdict = await validate(ctx, body.data);
    if (!verdict.ok) return reject(res, verdict.status, verdict.retCode, verdict.message);
  }
  const now = ctx.clock.now();
  const cfg: Omit<BarFrameConfig, 'parentOrigin'> & { resumeGuid?: string } = {
    workNo: agent.workNo,
    userAccount: agent.accountCode,
    tenantSpaceId: tenant.tenantSpaceId,
    ticket: tickets.issue(agent.workNo),
    media: agent.phone,
    ...(ctx.mediaTestHooks ? { mediaStats: true } : {}),
  };
  const place = tickets.place(req.headers.cookie, agent.workNo);
  const resumeGuid = place.samePlace ? ctx.liveGuid?.(agent.workNo) : undefined;
  if (resumeGuid) cfg.resumeGuid = resumeGuid;
  // Self-check: the config must satisfy the shared schema the bar parses.
  barFrameConfigSchema.parse({ ...cfg, parentOrigin: 'http://127.0.0.1' });
  const cookie = (name: string, value: string, httpOnly: boolean) => `${name}=${value}; Path=/; SameSite=Lax${httpOnly ? '; HttpOnly' : ''}`;
  const script = barScript(cfg);
  res.writeHead(200, {
    'Content-Type': 'application/javascript; charset=utf-8',
    'Content-Length': Buffer.byteLength(script),
    'Cache-Control': 'no-store',
    'Set-Cookie': [
      cookie('sum_atime', String(Math.floor(now / 1000)), false),
      cookie('sum_refresh_token', randomToken(), true),
      cookie('sum_sid', place.sid, true),
      cookie('sum_token', randomToken(), true),
    ],
  });
  res.end(script);
}

type Verdict = { ok: true } | { ok: false; status: number; retCode: number; message: string };

/** Call the enterprise verification API with the loader body (docs/cec-reference.md §4.1). */
async function validate(ctx: LoaderContext, body: ValidateRequest): Promise<Verdict> {
  // Not documented by CEC; chosen here: no validate URL and no trustTokens → 503 (a mock set-up mistake).
  if (!ctx.validateUrl) return { ok: false, status: 503, retCode: VALIDATE_RETCODES.SYSTEM_ERROR, message: 'mock has no validateUrl; start it with --validate-url or --trust-tokens' };
  let reply: Response;
  try {
    reply = await fetch(ctx.validateUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ access_token: body.access_token, tenantSpaceId: body.tenantSpaceId, userAccount: body.userAccount }),
      signal: AbortSignal.timeout(MOCK_CHOICES.validateTimeoutMs),
    });
  } catch (e) {
    return { ok: false, status: 502, retCode: VALIDATE_RETCODES.SYSTEM_ERROR, message: `verification API unreachable: ${(e as Error).message}` };
  }
  const text = await reply.text().catch(() => '');
  const parsed = parseJsonBounded(text.slice(0, 8192), 8192);
  const shape = parsed.ok ? validateResponseSchema.safeParse(parsed.value) : undefined;
  if (!shape?.success) return { ok: false, status: 502, retCode: VALIDATE_RETCODES.SYSTEM_ERROR, message: `verification API answered ${reply.status} without a retCode` };
  if (!isValidateSuccess(shape.data)) return { ok: false, status: 401, retCode: Number(shape.data.retCode), message: shape.data.message ?? 'token rejected' };
  return { ok: true };
}

/**
 * The JavaScript the mock's loader answers: creates the `ccbarclient` iframe (internal contract).
 *
 * @param cfg - The mock bar's config; the script adds the page's origin as `parentOrigin`.
 * @example
 * ```ts
 * import { barScript } from 'cec-bar-host/mock-fabric';
 * const js = barScript({ workNo: 101, userAccount: 'alice.chen', tenantSpaceId: 'tenant-1', ticket: 'one-time', media: 'webrtc' });
 * ```
 */
export function barScript(cfg: Omit<BarFrameConfig, 'parentOrigin'>): string {
  // JSON inside a JS string literal: JSON.stringify twice, and escape "<" so it can sit in an inline <script>.
  const literal = JSON.stringify(JSON.stringify(cfg)).replace(/</g, '\\u003c');
  return `(function () {
  var cp = window.$aicc_ContextPath;
  if (typeof cp !== 'string' || !cp) throw new Error('ccbarclient: window.$aicc_ContextPath is not set');
  if (cp.charAt(cp.length - 1) !== '/') cp += '/';
  var cfg = JSON.parse(${literal});
  cfg.parentOrigin = location.origin;
  var json = unescape(encodeURIComponent(JSON.stringify(cfg)));
  var b64 = btoa(json).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  var old = document.querySelector('iframe[name="ccbarclient"]');
  if (old && old.parentNode) old.parentNode.removeChild(old);
  var f = document.createElement('iframe');
  f.name = 'ccbarclient';
  f.title = 'CEC connection bar';
  f.setAttribute('allow', 'microphone; camera; autoplay');
  f.style.cssText = 'position:fixed;right:0;bottom:0;width:min(380px,100%);height:min(560px,100%);border:0;background:transparent;z-index:2147483000;';
  f.src = cp + 'ccdesktop/pages/cc-bar/bar.html#cfg=' + b64;
  (document.body || document.documentElement).appendChild(f);
})();
`;
}
