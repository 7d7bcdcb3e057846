/**
 * The mock CC-Gateway (docs/cec-reference.md §5), at `/agentgateway/resource/` and
 * `/service-cloud/agentgateway/resource/`. Every answer is the `{ message, retcode, result? }`
 * envelope. HTTP status (not documented by CEC; chosen here): 200 for business results, including
 * failures such as 100-002 or 200-002; 400 with retcode 000-002/100-001 for malformed requests;
 * 401 with 000-003 for a missing, unknown, kicked or expired Guid; 404/405 for unknown paths/methods.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  GATEWAY_RETCODES,
  GUID_HEADER,
  SET_GUID_HEADER,
  signInBodySchema,
  calloutBodySchema,
  transferBodySchema,
  formatIssues,
  type GatewayRetcode,
} from '../src/protocol/index.js';
import { callInfo } from './call-info.js';
import type { EngineResult } from './call-centre.js';
import type { Engine } from './engine.js';
import { MOCK_CHOICES } from './choices.js';
import { HttpError, readJson, sendJson } from '../src/server/http-io.js';
import { parseWorkNo } from './http-util.js';
import type { TicketBook } from './loader.js';
import type { Session } from './sessions.js';

export const GATEWAY_PREFIXES = ['/agentgateway/resource/', '/service-cloud/agentgateway/resource/'] as const;

function envelope(res: ServerResponse, status: number, retcode: GatewayRetcode | string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): void {
  sendJson(res, status, { message, retcode, ...extra }, headers);
}

/** A malformed gateway request: HTTP 400 with the envelope. */
class BadParam extends HttpError {
  constructor(message: string, retcode: GatewayRetcode = GATEWAY_RETCODES.BAD_PARAMETER) {
    super(400, message, { message, retcode });
  }
}

type Ctx = { req: IncomingMessage; res: ServerResponse; workNo: number; query: URLSearchParams; rest: string[] };
type Handler = (g: Gateway, c: Ctx, s: Session) => Promise<void> | void;

function intParam(v: string | null | undefined, min: number, max: number, name: string): number {
  if (v == null || !/^\d{1,6}$/.test(v) || Number(v) < min || Number(v) > max) throw new BadParam(`${name} must be an integer ${min}-${max}`);
  return Number(v);
}

function callIdParam(q: URLSearchParams): string | undefined {
  const v = q.get('callid');
  if (v === null || v === '') return undefined;
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(v)) throw new BadParam('callid is malformed');
  return v;
}

/** Routes that need a valid Guid: `${method} ${kind}/${action}` (action '' = none). */
const ROUTES: Record<string, Handler> = {
  'DELETE onlineagent/logout': (g, c) => g.logout(c),
  'POST onlineagent/saybusy': (g, c) => {
    const r = c.query.get('reason');
    g.reply(c, g.engine.agentStates.sayBusy(c.workNo, r === null ? 1 : intParam(r, 200, 250, 'reason')));
  },
  'POST onlineagent/cancelbusy': (g, c) => g.reply(c, g.engine.agentStates.cancelBusy(c.workNo)),
  'POST onlineagent/sayfree': (g, c) => g.reply(c, g.engine.agentStates.sayFree(c.workNo)),
  'POST onlineagent/rest': (g, c) => {
    if (c.rest.length !== 2) throw new BadParam('use rest/{seconds}/{restcause}');
    g.reply(c, g.engine.agentStates.rest(c.workNo, intParam(c.rest[0], 1, 86399, 'seconds'), intParam(c.rest[1], 0, 255, 'restcause')));
  },
  'POST onlineagent/cancelrest': (g, c) => g.reply(c, g.engine.agentStates.cancelRest(c.workNo)),
  'POST onlineagent/work': (g, c) => g.reply(c, g.engine.agentStates.work(c.workNo)),
  'POST onlineagent/cancelwork': (g, c) => g.reply(c, g.engine.agentStates.cancelWork(c.workNo)),
  'GET onlineagent/agentstatus': (g, c) => g.reply(c, g.engine.agentStates.status(c.workNo)),
  'PUT voicecall/answer': (g, c) => g.reply(c, g.engine.callControl.answer(c.workNo, callIdParam(c.query))),
  'DELETE voicecall/release': (g, c) => g.reply(c, g.engine.callControl.release(c.workNo)),
  'POST voicecall/hold': (g, c) => g.reply(c, g.engine.callControl.hold(c.workNo)),
  'POST voicecall/gethold': (g, c) => g.reply(c, g.engine.callControl.getHold(c.workNo, callIdParam(c.query))),
  'POST voicecall/beginmute': (g, c) => g.reply(c, g.engine.callControl.mute(c.workNo, true)),
  'POST voicecall/endmute': (g, c) => g.reply(c, g.engine.callControl.mute(c.workNo, false)),
  'POST voicecall/transfer': async (g, c) => {
    const body = transferBodySchema.safeParse(await g.body(c.req));
    if (!body.success) throw new BadParam(`bad transfer body: ${formatIssues(body.error.issues)}`);
    g.reply(c, g.engine.callControl.transfer(c.workNo, body.data));
  },
  'PUT voicecall/callout': async (g, c) => {
    const body = calloutBodySchema.safeParse(await g.body(c.req));
    if (!body.success) throw new BadParam(`bad callout body: ${formatIssues(body.error.issues)}`);
    const data = body.data.callappdata;
    if (data !== undefined && Buffer.byteLength(data) > MOCK_CHOICES.maxCallAppDataBytes) throw new BadParam(`callappdata larger than ${MOCK_CHOICES.maxCallAppDataBytes} bytes`);
    const input: { called: string; caller?: string; skillid?: number; callappdata?: string; mediaability?: number } = { called: body.data.called };
    if (body.data.mediaability !== undefined) input.mediaability = body.data.mediaability;
    if (body.data.caller !== undefined) input.caller = body.data.caller;
    if (body.data.skillid !== undefined) input.skillid = body.data.skillid;
    if (data !== undefined) input.callappdata = data;
    g.reply(c, g.engine.callControl.callout(c.workNo, input));
  },
  'GET calldata/callinfo': (g, c) => {
    const lastCall = c.query.get('isNoContainLastCall');
    if (lastCall !== null && lastCall !== 'true' && lastCall !== 'false') throw new BadParam('isNoContainLastCall must be true or false');
    g.reply(c, callInfo(g.engine.centre, c.workNo));
  },
  'GET agentevent/': (g, c, s) => g.poll(c, s),
};

/**
 * The CC-Gateway routes over an engine.
 *
 * @example
 * const gw = new Gateway(engine, tickets);
 * if (await gw.handle(req, res, url)) return;
 */
export class Gateway {
  readonly engine: Engine;
  readonly #tickets: TicketBook;
  constructor(engine: Engine, tickets: TicketBook) {
    this.engine = engine;
    this.#tickets = tickets;
  }

  /** Handles gateway paths; false for any other path. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const prefix = GATEWAY_PREFIXES.find((p) => url.pathname.startsWith(p));
    if (!prefix) return false;
    try {
      await this.#route(req, res, url, url.pathname.slice(prefix.length));
    } catch (e) {
      if (e instanceof HttpError && !(e instanceof BadParam)) {
        // Body too big or not JSON: still answer the envelope.
        envelope(res, e.status, GATEWAY_RETCODES.BAD_PARAMETER, e.message);
        return true;
      }
      throw e;
    }
    return true;
  }

  async #route(req: IncomingMessage, res: ServerResponse, url: URL, tail: string): Promise<void> {
    const parts = tail.split('/');
    const [kind, id, action = '', ...rest] = parts;
    const method = req.method ?? 'GET';
    if (kind !== 'onlineagent' && kind !== 'voicecall' && kind !== 'calldata' && kind !== 'agentevent') return envelope(res, 404, GATEWAY_RETCODES.BAD_PARAMETER, 'no such resource');
    const workNo = parseWorkNo(id);
    if (workNo === undefined) throw new BadParam('agent id must be a workNo (101-59999)');
    const c: Ctx = { req, res, workNo, query: url.searchParams, rest };
    if (kind === 'onlineagent' && method === 'PUT' && (action === '' || action === 'forcelogin') && rest.length === 0) return this.#signIn(c, action === 'forcelogin');
    const key = `${method} ${kind}/${action}`;
    const handler = ROUTES[key];
    if (!handler || (rest.length > 0 && action !== 'rest')) {
      const known = Object.keys(ROUTES).some((k) => k.endsWith(` ${kind}/${action}`));
      return envelope(res, known ? 405 : 404, GATEWAY_RETCODES.BAD_PARAMETER, known ? 'method not allowed' : 'no such resource');
    }
    const guid = req.headers[GUID_HEADER.toLowerCase()];
    const check = this.engine.centre.sessions.check(typeof guid === 'string' ? guid : undefined, workNo);
    if (!check.ok) {
      req.resume();
      return envelope(res, check.retcode === GATEWAY_RETCODES.NO_PERMISSION ? 401 : 200, check.retcode, check.retcode === GATEWAY_RETCODES.NO_PERMISSION ? 'no permission or GUID expired' : 'agent not signed in');
    }
    await handler(this, c, check.session);
  }

  body(req: IncomingMessage): Promise<unknown> {
    // Gateway bodies are read whatever their Content-Type (chosen here).
    return readJson(req, { maxBytes: MOCK_CHOICES.maxBodyBytes }).catch((e: unknown) => {
      if (e instanceof HttpError) throw new BadParam(e.message);
      throw e;
    });
  }

  reply<R>(c: Ctx, r: EngineResult<R>): void {
    envelope(c.res, 200, r.retcode, r.message, r.result === undefined ? {} : { result: r.result });
  }

  async #signIn(c: Ctx, force: boolean): Promise<void> {
    const body = signInBodySchema.safeParse(await this.body(c.req));
    if (!body.success) throw new BadParam(`bad sign-in body: ${formatIssues(body.error.issues)}`, GATEWAY_RETCODES.SIGNIN_PARAMS_INVALID);
    const rt = this.engine.centre.agents.get(c.workNo);
    if (!rt) return envelope(c.res, 200, GATEWAY_RETCODES.SIGNIN_PARAMS_INVALID, 'unknown agent');
    const pw = body.data.password;
    if (pw !== rt.agent.password && !this.#tickets.accepts(pw, c.workNo)) return envelope(c.res, 200, GATEWAY_RETCODES.WRONG_PASSWORD, 'wrong password');
    // One place only (docs/cec-reference.md §1.7): a second sign-in gets 100-002 until it forces the login.
    if (!force && this.engine.centre.sessions.get(c.workNo)) return envelope(c.res, 200, GATEWAY_RETCODES.ALREADY_SIGNED_IN, 'agent already signed in');
    const guid = this.engine.agentStates.signIn(c.workNo, force);
    envelope(c.res, 200, GATEWAY_RETCODES.OK, 'success', { result: { workNo: String(c.workNo) } }, { [SET_GUID_HEADER]: guid });
  }

  logout(c: Ctx): void {
    const rt = this.engine.centre.agents.get(c.workNo);
    if (!rt || rt.phase === 'signedOut') return envelope(c.res, 200, GATEWAY_RETCODES.ALREADY_SIGNED_OUT, 'already signed out');
    this.engine.agentStates.signOut(c.workNo, 'logout');
    envelope(c.res, 200, GATEWAY_RETCODES.OK, 'success');
  }

  async poll(c: Ctx, s: Session): Promise<void> {
    const { promise, cancel } = this.engine.centre.sessions.poll(s);
    // A client that leaves must not swallow an event.
    const onClose = () => cancel();
    c.res.on('close', onClose);
    const outcome = await promise;
    c.res.off('close', onClose);
    if (c.res.destroyed) return;
    if (outcome.kind === 'ended') {
      const kicked = outcome.retcode === GATEWAY_RETCODES.NO_PERMISSION;
      return envelope(c.res, kicked ? 401 : 200, outcome.retcode, kicked ? 'signed in elsewhere or GUID expired' : 'agent not signed in');
    }
    const headers: Record<string, string> = outcome.newGuid ? { [SET_GUID_HEADER]: outcome.newGuid } : {};
    if (outcome.kind === 'timeout') return envelope(c.res, 200, GATEWAY_RETCODES.OK, 'no event', { event: null }, headers);
    const e = outcome.event;
    envelope(c.res, 200, GATEWAY_RETCODES.OK, e.message, { event: { eventType: e.eventType, workNo: e.workNo, content: e.content } }, headers);
  }
}
