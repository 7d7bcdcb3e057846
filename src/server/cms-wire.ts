/**
 * CC-CMS shapes (docs/cec-reference.md §8): paths, request bodies and response envelopes of the CDR
 * and real-time monitoring APIs. Shared by the CMS client and the mock fabric; internal to the
 * server kit (the client's own result types are what users see).
 */
import { z } from '../protocol/zod.js';

/** The CC-CMS paths used here, all `POST` with a C2 signature. */
export const CMS_PATHS = {
  /** cec_07_0642: one call's detail record, kept one day. */
  callDetailById: '/rest/cmsapp/v1/openapi/calldata/querycalldetailbyid',
  /** cec_07_0628: the ids of the calls an agent is handling now. */
  agentCalls: '/rest/cmsapp/v1/openapi/agent/queryagentcalls',
  /** cec_07_0641: the detail of one call in progress. */
  liveCallDetail: '/rest/cmsapp/v1/openapi/calldata/querydetailcallinfo',
  /** cec_07_0711: per skill queue, agents per state and waiting calls now. */
  skillStates: '/rest/cmsapp/v1/openapi/realindex/skill/stateinfo',
} as const;

/** Success codes of every CC-CMS answer (`result` for versions up to 8.13, `resultCode` after). */
export const CMS_SUCCESS = { result: '0', resultCode: '0100000' } as const;

const ccIdSchema = z.int().check(z.gte(1), z.lte(65535));
const vdnSchema = z.int().check(z.gte(1), z.lte(5000));
const callIdSchema = z.string().check(z.minLength(1), z.maxLength(64));

export const callDetailRequestSchema = z.object({
  queryParam: z.object({ ccId: ccIdSchema, isCallin: z.enum(['true', 'false']), callId: callIdSchema }),
});

export const agentCallsRequestSchema = z.object({ ccId: ccIdSchema, vdn: vdnSchema, agentId: z.int().check(z.gte(101), z.lte(999999)) });

export const liveCallDetailRequestSchema = z.object({ ccId: ccIdSchema, vdn: vdnSchema, callId: callIdSchema });

export const skillStatesRequestSchema = z.object({
  queryParam: z.object({ ccId: ccIdSchema, vdn: vdnSchema, skillIds: z.array(z.int().check(z.gte(1), z.lte(5000))).check(z.minLength(1), z.maxLength(1000)) }),
});

const envelope = { result: z.optional(z.string()), resultCode: z.optional(z.string()), resultDesc: z.optional(z.unknown()) };

const count = z.number().check(z.gte(0));

export const callDetailRecordSchema = z.object({
  vdn: z.number(),
  callId: z.string(),
  callerNo: z.string(),
  calleeNo: z.string(),
  callType: z.number(),
  agentId: z.number(),
  skillId: z.number(),
  queueWaitTime: count,
  ackTime: count,
  callTime: count,
  releaseCause: z.number(),
});

export const callDetailResponseSchema = z.object({ ...envelope, resultDatas: z.nullable(z.optional(callDetailRecordSchema)) });

export const agentCallsResponseSchema = z.object({ ...envelope, resultDatas: z.optional(z.array(z.string())) });

export const liveCallDetailSchema = z.object({
  callId: z.string(),
  callerNo: z.string(),
  calleeNo: z.string(),
  agentId: z.number(),
  skillId: z.number(),
  callInOut: z.number(),
  callStatus: z.string(),
  beginTime: z.number(),
});

export const liveCallDetailResponseSchema = z.object({ ...envelope, resultDatas: z.nullable(z.optional(liveCallDetailSchema)) });

export const skillStateSchema = z.object({
  skillId: z.number(),
  agentLoginNums: count,
  agentTalkingNums: count,
  agentIdleNums: count,
  agentSetbusyNums: z.optional(count),
  agentRestNums: count,
  agentWorkNums: count,
  callWaitNums: count,
  maxCallWaitTimesIn5: count,
});

export const skillStatesResponseSchema = z.object({ ...envelope, resultDatas: z.optional(z.array(skillStateSchema)) });
