/**
 * The CC-CMS client (docs/cec-reference.md §8): C2-signed CDR and real-time monitoring queries,
 * typed results, and the Fabric client's retry and redirect rules (fabric-http.ts, retry.ts).
 */
import { FabricError } from '../protocol/fabric-error.js';
import type { z } from '../protocol/zod.js';
import { systemClock, type Clock } from './clock.js';
import { signC2Request } from './cms-signature.js';
import {
  CMS_PATHS,
  CMS_SUCCESS,
  agentCallsResponseSchema,
  callDetailResponseSchema,
  liveCallDetailResponseSchema,
  skillStatesResponseSchema,
} from './cms-wire.js';
import { sendWithRetry, validateBody, type FetchLike, type HttpContext } from './fabric-http.js';
import { safeLog, type ServerLogger } from './logger.js';
import { resolveRetry, type RetryOptions } from './retry.js';

/**
 * Options of {@link createCmsClient}.
 *
 * @example
 * ```ts
 * import { createCmsClient, type CmsClientOptions } from 'cec-bar-host/server';
 * const options: CmsClientOptions = { baseUrl: 'https://cms.example.com:28443', accessKey: 'cms-ak', secretKey: 'cms-sk', ccId: 1, vdn: 170 };
 * const cms = createCmsClient(options);
 * ```
 */
export interface CmsClientOptions {
  /** `https://<host>:<port>` of the CC-CMS (not the API Fabric domain). */
  readonly baseUrl: string;
  /** The CC-CMS access key (AK): a pair of its own, not the API Fabric app key. */
  readonly accessKey: string;
  /** The CC-CMS secret key (SK): it signs requests and is never sent, logged or put in errors. */
  readonly secretKey: string;
  /** The call centre id, 1-65535. */
  readonly ccId: number;
  /** The virtual call centre id, 1-5000. */
  readonly vdn: number;
  /**
   * The `fetch` to use (a proxy agent, a test double).
   * @default globalThis.fetch
   */
  readonly fetch?: FetchLike;
  /**
   * How network errors, timeouts, 5xx and 429 are retried (with backoff and jitter).
   * @default { maxTries: 4, baseDelayMs: 200, maxDelayMs: 5000, maxRetryAfterMs: 30000 }
   */
  readonly retry?: RetryOptions;
  /**
   * Per HTTP try, body included, in ms; past it the try fails with `TIMEOUT`.
   * @default 10000
   */
  readonly timeoutMs?: number;
  /**
   * Where retries are logged (redacted).
   * @default none
   */
  readonly logger?: ServerLogger;
  /**
   * The clock signatures and retries are timed on.
   * @default systemClock
   */
  readonly clock?: Clock;
}

/**
 * One call's detail record (CDR) from CC-CMS, times in ms (CEC sends whole seconds).
 *
 * @example
 * ```ts
 * import type { CmsCallRecord } from 'cec-bar-host/server';
 * const minutes = (record: CmsCallRecord) => Math.ceil(record.talkMs / 60_000);
 * ```
 */
export interface CmsCallRecord {
  /** CEC's call id. */
  readonly callId: string;
  /** From CEC's `callType` (docs/cec-reference.md §8.3). */
  readonly direction: 'inbound' | 'outbound';
  /** The calling number (`callerNo`). */
  readonly caller: string;
  /** The called number (`calleeNo`). */
  readonly called: string;
  /** The agent who had the call (`workNo`); undefined when none did. */
  readonly agentId: number | undefined;
  /** The skill queue; undefined when the call reached none. */
  readonly skillId: number | undefined;
  /** Time waiting in the queue. */
  readonly queueWaitMs: number;
  /** Time the agent's phone rang before the answer (`ackTime`). */
  readonly ringMs: number;
  /** Talk time (`callTime`); 0 means the call was never answered. */
  readonly talkMs: number;
  /** CEC's `releaseCause` code, as sent (CEC publishes no list; docs/cec-reference.md §8.3). */
  readonly releaseCause: number;
}

/**
 * One call in progress (`querydetailcallinfo`).
 *
 * @example
 * ```ts
 * import type { CmsLiveCall } from 'cec-bar-host/server';
 * const waitingSince = (call: CmsLiveCall) => new Date(call.beganAt);
 * ```
 */
export interface CmsLiveCall {
  /** CEC's call id. */
  readonly callId: string;
  /** From CEC's `callInOut`. */
  readonly direction: 'inbound' | 'outbound';
  /** The calling number. */
  readonly caller: string;
  /** The called number. */
  readonly called: string;
  /** The agent on the call now, if any. */
  readonly agentId: number | undefined;
  /** The skill queue, if the call came through one. */
  readonly skillId: number | undefined;
  /** CEC's call status, as sent. */
  readonly status: string;
  /** When the call began, ms since the epoch. */
  readonly beganAt: number;
}

/**
 * One skill queue's figures now (`realindex/skill/stateinfo`).
 *
 * @example
 * ```ts
 * import type { CmsSkillState } from 'cec-bar-host/server';
 * const overloaded = (state: CmsSkillState) => state.waitingCalls > 0 && state.idleAgents === 0;
 * ```
 */
export interface CmsSkillState {
  /** The skill queue. */
  readonly skillId: number;
  /** Calls waiting in the queue now (`callWaitNums`). */
  readonly waitingCalls: number;
  /** The longest wait CEC reports for the queue (`maxCallWaitTimesIn5`), in ms. */
  readonly longestWaitMs: number;
  /** Agents of the queue signed in (`agentLoginNums`). */
  readonly signedInAgents: number;
  /** Idle agents (`agentIdleNums`). */
  readonly idleAgents: number;
  /** Agents on a call (`agentTalkingNums`). */
  readonly talkingAgents: number;
  /** Agents in wrap-up (`agentWorkNums`). */
  readonly wrapUpAgents: number;
  /** Resting agents (`agentRestNums`). */
  readonly restingAgents: number;
}

/**
 * A typed CC-CMS client. Every method rejects only with a `FabricError` (the server kit's one
 * error class): HTTP failures as the Fabric client's codes (`UNAUTHORIZED` is a refused C2
 * signature), and `BUSINESS_ERROR` for a CC-CMS `resultCode` other than success.
 *
 * @example
 * ```ts
 * import { createCmsClient } from 'cec-bar-host/server';
 * const cms = createCmsClient({ baseUrl: 'https://cms.example.com:28443', accessKey: 'cms-ak', secretKey: 'cms-sk', ccId: 1, vdn: 170 });
 * const record = await cms.callRecord('1700000000-42', 'inbound');
 * if (record) console.log(record.talkMs);
 * ```
 */
export interface CmsClient {
  /** The CDR of an ended call, kept one day by CEC; undefined when CEC has none (yet). */
  callRecord(callId: string, direction: 'inbound' | 'outbound'): Promise<CmsCallRecord | undefined>;
  /** The ids of the calls an agent is handling now. */
  agentCallIds(agentId: number): Promise<readonly string[]>;
  /** One call in progress; undefined once it has ended. */
  liveCall(callId: string): Promise<CmsLiveCall | undefined>;
  /** The figures of these skill queues now (unknown ids are left out). */
  skillStates(skillIds: readonly number[]): Promise<readonly CmsSkillState[]>;
}

function invalidOptions(message: string): FabricError {
  return new FabricError('INVALID_OPTIONS', `createCmsClient: ${message}`);
}

function checkOptions(options: CmsClientOptions): URL {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw invalidOptions('baseUrl is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidOptions('baseUrl must be http(s)');
  if (typeof options.accessKey !== 'string' || options.accessKey.length === 0 || options.accessKey.includes('/')) throw invalidOptions('accessKey is required (and has no "/")');
  if (typeof options.secretKey !== 'string' || options.secretKey.length === 0) throw invalidOptions('secretKey is required');
  if (!Number.isInteger(options.ccId) || options.ccId < 1 || options.ccId > 65535) throw invalidOptions('ccId must be an integer 1-65535');
  if (!Number.isInteger(options.vdn) || options.vdn < 1 || options.vdn > 5000) throw invalidOptions('vdn must be an integer 1-5000');
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) throw invalidOptions('timeoutMs must be > 0');
  return url;
}

const orUndefined = (value: number): number | undefined => (value > 0 ? value : undefined);

/**
 * Creates a CC-CMS client that signs every request with CEC's C2 scheme.
 *
 * @param options - Where the CC-CMS is, its AK/SK, and the call centre (`ccId`, `vdn`).
 * @throws FabricError `INVALID_OPTIONS` for a bad option.
 * @example
 * ```ts
 * import { createCmsClient } from 'cec-bar-host/server';
 * const cms = createCmsClient({ baseUrl: 'https://cms.example.com:28443', accessKey: 'cms-ak', secretKey: 'cms-sk', ccId: 1, vdn: 170 });
 * const [general] = await cms.skillStates([1]);
 * console.log(general?.waitingCalls);
 * ```
 */
export function createCmsClient(options: CmsClientOptions): CmsClient {
  const base = checkOptions(options);
  const { accessKey, secretKey, ccId, vdn } = options;
  const clock = options.clock ?? systemClock;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const log = safeLog(options.logger, () => [secretKey]);
  const ctx: HttpContext = {
    baseUrl,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 10_000,
    clock,
    retry: resolveRetry(options.retry),
    onRetry: (error, attempt, delayMs) => log('warn', 'cms: retrying', { path: error.path, code: error.code, status: error.status, attempt, delayMs: Math.round(delayMs) }),
  };

  async function post<S extends z.ZodMiniType>(path: string, payload: unknown, schema: S): Promise<z.infer<S>> {
    const body = JSON.stringify(payload);
    const headers = { host: base.host, 'content-type': 'application/json;charset=UTF-8', 'content-length': String(Buffer.byteLength(body)) };
    const signedPath = new URL(baseUrl + path).pathname;
    const authorization = signC2Request(accessKey, secretKey, { method: 'POST', path: signedPath, headers, body }, new Date(clock.now()).toISOString());
    const { host: _host, ...sent } = headers;
    const reply = validateBody(schema, await sendWithRetry(ctx, { path, method: 'POST', headers: { ...sent, authorization }, body }), path) as z.infer<S> & { result?: string; resultCode?: string };
    const succeeded = reply.resultCode === undefined ? reply.result === CMS_SUCCESS.result : reply.resultCode === CMS_SUCCESS.resultCode;
    if (!succeeded) throw new FabricError('BUSINESS_ERROR', `${path}: resultCode ${reply.resultCode ?? reply.result ?? '(none)'}`, { path });
    return reply;
  }

  return {
    async callRecord(callId, direction) {
      const reply = await post(CMS_PATHS.callDetailById, { queryParam: { ccId, isCallin: String(direction === 'inbound'), callId } }, callDetailResponseSchema);
      const data = reply.resultDatas;
      if (!data) return undefined;
      return {
        callId: data.callId,
        direction: data.callType === 1 ? 'outbound' : 'inbound',
        caller: data.callerNo,
        called: data.calleeNo,
        agentId: orUndefined(data.agentId),
        skillId: orUndefined(data.skillId),
        queueWaitMs: data.queueWaitTime * 1000,
        ringMs: data.ackTime * 1000,
        talkMs: data.callTime * 1000,
        releaseCause: data.releaseCause,
      };
    },
    async agentCallIds(agentId) {
      const reply = await post(CMS_PATHS.agentCalls, { ccId, vdn, agentId }, agentCallsResponseSchema);
      return reply.resultDatas ?? [];
    },
    async liveCall(callId) {
      const reply = await post(CMS_PATHS.liveCallDetail, { ccId, vdn, callId }, liveCallDetailResponseSchema);
      const data = reply.resultDatas;
      if (!data) return undefined;
      const direction = data.callInOut === 1 ? 'outbound' : 'inbound';
      return { callId: data.callId, direction, caller: data.callerNo, called: data.calleeNo, agentId: orUndefined(data.agentId), skillId: orUndefined(data.skillId), status: data.callStatus, beganAt: data.beginTime };
    },
    async skillStates(skillIds) {
      const reply = await post(CMS_PATHS.skillStates, { queryParam: { ccId, vdn, skillIds } }, skillStatesResponseSchema);
      return (reply.resultDatas ?? []).map((state) => ({
        skillId: state.skillId,
        waitingCalls: state.callWaitNums,
        longestWaitMs: state.maxCallWaitTimesIn5 * 1000,
        signedInAgents: state.agentLoginNums,
        idleAgents: state.agentIdleNums,
        talkingAgents: state.agentTalkingNums,
        wrapUpAgents: state.agentWorkNums,
        restingAgents: state.agentRestNums,
      }));
    },
  };
}
