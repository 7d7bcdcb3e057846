/**
 * The mock's CC-CMS (docs/cec-reference.md §8): every request carries a C2 signature made with the
 * tenant's CMS AK/SK (not the API Fabric pair); a wrong one, a stale timestamp or a body changed
 * after signing answers 401. Then the CDR by call id, an agent's live calls, one live call's
 * detail, and the skill queues' live figures, from the engine's own state.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatIssues, type z } from '../../src/protocol/zod.js';
import { parseJsonBounded } from '../../src/protocol/json.js';
import { parseC2Authorization, verifyC2Signature, type C2SignedRequest } from '../../src/server/cms-signature.js';
import {
  CMS_PATHS,
  CMS_SUCCESS,
  agentCallsRequestSchema,
  callDetailRequestSchema,
  liveCallDetailRequestSchema,
  skillStatesRequestSchema,
} from '../../src/server/cms-wire.js';
import { HttpError, readBody, sendJson } from '../../src/server/http-io.js';
import type { CallCentre } from '../call-centre.js';
import { MOCK_CHOICES } from '../choices.js';
import { requireMethod } from '../http-util.js';
import type { TenantConfig } from '../tenant.js';
import { CallRecordBook } from './call-records.js';
import { liveCallDetail, liveCallIds, skillStates } from './live-figures.js';

const WRONG_CALL_CENTRE = MOCK_CHOICES.cmsWrongCallCentre;

/**
 * The CC-CMS half of the mock.
 *
 * @example
 * const cms = new CmsApi(engine.centre, tenant);
 * if (await cms.handle(req, res, path)) return;
 */
export class CmsApi {
  readonly #centre: CallCentre;
  readonly #tenant: TenantConfig;
  readonly records: CallRecordBook;

  constructor(centre: CallCentre, tenant: TenantConfig) {
    this.#centre = centre;
    this.#tenant = tenant;
    this.records = new CallRecordBook(centre, tenant.cms.vdn);
  }

  /** Handles CC-CMS paths; false for any other path. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (!path.startsWith('/rest/cmsapp/')) return false;
    const route = Object.values(CMS_PATHS).find((candidate) => candidate === path);
    if (!route) throw new HttpError(404, 'no such API');
    requireMethod(req, 'POST');
    const raw = (await readBody(req, MOCK_CHOICES.maxBodyBytes)).toString('utf8');
    this.#authenticate(req, path, raw);
    const parsed = parseJsonBounded(raw, MOCK_CHOICES.maxBodyBytes);
    if (!parsed.ok) throw new HttpError(400, `malformed JSON body: ${parsed.error}`);
    sendJson(res, 200, this.#answer(route, parsed.value));
    return true;
  }

  #authenticate(req: IncomingMessage, path: string, body: string): void {
    const header = req.headers.authorization;
    const authorization = typeof header === 'string' ? parseC2Authorization(header) : undefined;
    if (!authorization) throw new HttpError(401, 'missing or malformed C2 Authorization');
    const { accessKey, secretKey } = this.#tenant.cms;
    if (authorization.accessKey !== accessKey) throw new HttpError(401, 'unknown access key');
    const signedAt = Date.parse(authorization.timestamp);
    if (Math.abs(this.#centre.clock.now() - signedAt) > MOCK_CHOICES.c2MaxClockSkewMs) throw new HttpError(401, 'stale or future C2 timestamp');
    if (!authorization.signedHeaders.includes('host')) throw new HttpError(401, 'the host header must be signed');
    const headers: Record<string, string> = {};
    for (const name of authorization.signedHeaders) {
      const value = req.headers[name];
      headers[name] = Array.isArray(value) ? value.join(',') : (value ?? '');
    }
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const request: C2SignedRequest = { method: req.method ?? 'POST', path, query: Object.fromEntries(url.searchParams), headers, body };
    if (!verifyC2Signature(authorization, secretKey, request)) throw new HttpError(401, 'C2 signature does not match');
  }

  #answer(route: string, body: unknown): unknown {
    const { ccId, vdn } = this.#tenant.cms;
    if (route === CMS_PATHS.callDetailById) {
      const { queryParam } = parse(callDetailRequestSchema, body);
      if (queryParam.ccId !== ccId) return WRONG_CALL_CENTRE;
      return success(this.records.find(queryParam.callId) ?? null);
    }
    if (route === CMS_PATHS.agentCalls) {
      const request = parse(agentCallsRequestSchema, body);
      if (request.ccId !== ccId || request.vdn !== vdn) return WRONG_CALL_CENTRE;
      return success(liveCallIds(this.#centre, request.agentId));
    }
    if (route === CMS_PATHS.liveCallDetail) {
      const request = parse(liveCallDetailRequestSchema, body);
      if (request.ccId !== ccId || request.vdn !== vdn) return WRONG_CALL_CENTRE;
      return success(liveCallDetail(this.#centre, request.callId) ?? null);
    }
    const { queryParam } = parse(skillStatesRequestSchema, body);
    if (queryParam.ccId !== ccId || queryParam.vdn !== vdn) return WRONG_CALL_CENTRE;
    return { result: CMS_SUCCESS.result, resultDatas: skillStates(this.#centre, queryParam.skillIds) };
  }
}

/** CEC's envelope: the data twice, as `resultDatas` (up to 8.13) and `resultDesc` (after). */
function success(data: unknown): unknown {
  return { ...CMS_SUCCESS, resultDatas: data, resultDesc: data };
}

function parse<S extends z.ZodMiniType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw new HttpError(400, `bad request body: ${formatIssues(result.error.issues)}`);
  return result.data as z.infer<S>;
}
