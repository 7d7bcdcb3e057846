/**
 * The CC-Gateway's "query call information" for a signed-in agent:
 * `GET calldata/{agentid}/callinfo?isNoContainLastCall=` (CEC page `api-cec/cec_07_1261`, Chinese
 * `api-ccfs-cec/cec_07_1261`). A bar that resumes its session after a reload reads the live call
 * here, so it can show the call and its controls again.
 */
import { GATEWAY_RETCODES } from '../src/protocol/index.js';
import { succeeded, type CallCentre, type EngineResult } from './call-centre.js';

/** CEC's `result` fields for a call (the subset the mock knows; CEC documents more). */
export interface CallInfoResult {
  /** 0 inbound, 7 outbound (the `feature` of the call events, docs/cec-reference.md §2.4). */
  readonly callfeature: number;
  readonly callid: string;
  /** CEC documents the numbers as int; sent as strings here, like the events' numbers, so leading zeros survive. */
  readonly caller: string;
  readonly called: string;
  readonly callskill: string;
  readonly callskillid: number;
  readonly orgicallednum: string;
  readonly calldata: string;
  /** When the call was answered (ms since epoch); not documented for an unanswered call, chosen here: 0. */
  readonly begintime: number;
  /** The skill queue's media type (docs/cec-reference.md §6.2); 5 (voice) without a queue. */
  readonly mediaType: number;
}

/**
 * The agent's current call. Not documented by CEC; chosen here: an agent with no call gets
 * retcode "0" and no `result` (the mock keeps no "last call", so `isNoContainLastCall` changes nothing).
 *
 * @example
 * const { result } = callInfo(engine.centre, 101); // result?.callid === '1700000000-1'
 */
export function callInfo(centre: CallCentre, workNo: number): EngineResult<CallInfoResult> {
  const call = centre.agentCall(workNo)?.call;
  if (!call || call.state === 'released') return { retcode: GATEWAY_RETCODES.OK, message: 'no call' };
  const skill = centre.tenant.skills.find((candidate) => candidate.id === call.skillId);
  const result: CallInfoResult = {
    callfeature: call.direction === 'outbound' ? 7 : 0,
    callid: call.callId,
    caller: call.caller,
    called: call.called,
    callskill: skill?.name ?? '',
    callskillid: skill?.id ?? 0,
    orgicallednum: call.called,
    calldata: call.callData ?? '',
    begintime: call.answeredAt ?? 0,
    mediaType: skill?.mediaType ?? 5,
  };
  return succeeded(result);
}
