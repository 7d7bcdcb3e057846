/**
 * The constants of CEC's tenant configuration APIs (docs/cec-reference.md §6.7): paths, ids and
 * ranges. No zod here, so that a page needing only these (the mock's panel) stays small.
 */

/**
 * The configuration API paths, all `POST` with a JSON body, the same Bearer token and `X-APP-Key`
 * as `queryAgentInfo` (docs/cec-reference.md §6.7).
 *
 * @example
 * ```ts
 * import { TENANT_CONFIG_PATHS } from 'cec-bar-host/protocol';
 * const url = new URL(TENANT_CONFIG_PATHS.createAgent, 'https://cec.example.com');
 * ```
 */
export const TENANT_CONFIG_PATHS = {
  /** `cec_07_1001`: create one agent account; the platform allocates `workNo` and `sipAccount`. */
  createAgent: '/apiaccess/rest/cc-management/v1/agentAccount/create',
  /** `cec_07_1003`: edit one agent account. */
  updateAgent: '/apiaccess/rest/cc-management/v1/agentAccount/update',
  /** `cec_07_1004`: one agent by account, or a page of agents. */
  queryAgents: '/apiaccess/rest/cc-management/v1/agentAccount/query',
  /** Delete one agent account, whatever its state. */
  deleteAgent: '/apiaccess/rest/cc-management/v1/agentAccount/delete',
  /** `cec_07_1005`: bind agents to a skill queue. */
  addSkillsToAgent: '/apiaccess/rest/cc-management/v1/agentAccount/addSkillsToAgent',
  /** `cec_07_1007`: the agents of one skill queue, a page at a time. */
  queryAgentsBySkill: '/apiaccess/rest/cc-management/v1/agentAccount/queryAgentInfoBySkillId',
  /** `cec_07_1015` / `cec_07_0034`: create one skill queue. */
  createSkill: '/apiaccess/rest/cc-management/v1/skill/createSkill',
  /** `cec_07_0036`: edit one skill queue. */
  modifySkill: '/apiaccess/rest/cc-management/v1/skill/modifySkill',
  /** `cec_07_1016`: delete up to 10 skill queues. */
  deleteSkill: '/apiaccess/rest/cc-management/v1/skill/deleteSkill',
  /** `cec_07_0037`: query skill queues. */
  querySkills: '/apiaccess/rest/cc-management/v1/skill/querySkills',
  /** `cec_07_1030`: bind an access code (+ extension) to a skill queue or an IVR. */
  createCalledRoute: '/apiaccess/rest/cc-management/v1/calledRoute/createCalledRoute',
  /** `cec_07_1032`: point an existing route (by `id`) at another skill queue or IVR. */
  modifyCalledRoute: '/apiaccess/rest/cc-management/v1/calledRoute/modifyCalledRoute',
  /** `cec_07_1033`: query called routes. */
  queryCalledRoute: '/apiaccess/rest/cc-management/v1/calledRoute/queryCalledRoute',
  /** `cec_07_1031`: delete called routes by `dnid`. */
  deleteCalledRoute: '/apiaccess/rest/cc-management/v1/calledRoute/deleteCalledRoute',
} as const;

/**
 * Skill queue media types (`mediaTypeId`).
 *
 * @example
 * ```ts
 * import { MEDIA_TYPE_IDS } from 'cec-bar-host/protocol';
 * const voiceQueue = { mediaTypeId: MEDIA_TYPE_IDS.voice };
 * ```
 */
export const MEDIA_TYPE_IDS = {
  /** Audio and video calls. */
  voice: 5,
  /** Video calls. */
  video: 19,
  /** Multimedia (chat). */
  multimedia: 53,
  /** Voice click-to-dial. */
  voiceClickToDial: 2,
  /** Video click-to-dial. */
  videoClickToDial: 18,
} as const;

/**
 * Agent types (`agentType`); `agentAccount/query` answers {@link UNSET_ID} for an idle agent.
 *
 * @example
 * ```ts
 * import { AGENT_TYPES } from 'cec-bar-host/protocol';
 * const isVoice = (agentType: number) => agentType === AGENT_TYPES.voice;
 * ```
 */
export const AGENT_TYPES = {
  /** Audio agent. */
  voice: 4,
  /** Video agent. */
  video: 11,
  /** Multimedia agent. */
  multimedia: 5,
  /** Versatile agent. */
  versatile: 99,
} as const;

/**
 * Agent roles (`ccRoleId`).
 *
 * @example
 * ```ts
 * import { CC_ROLE_IDS } from 'cec-bar-host/protocol';
 * const role = CC_ROLE_IDS.operator;
 * ```
 */
export const CC_ROLE_IDS = {
  /** Operator: takes calls. */
  operator: 2,
  /** Inspector: quality checks. */
  inspector: 3,
  /** Outbound agent. */
  outbound: 4,
} as const;

/**
 * What `agentAccount/query` answers for an agent type or role that is not set (255).
 *
 * @example
 * ```ts
 * import { UNSET_ID } from 'cec-bar-host/protocol';
 * const hasRole = (ccRoleId: number) => ccRoleId !== UNSET_ID;
 * ```
 */
export const UNSET_ID = 255;

/**
 * Called-route and overflow device types (`devicetype` / `deviceType`).
 *
 * @example
 * ```ts
 * import { DEVICE_TYPES } from 'cec-bar-host/protocol';
 * const toQueue = { devicetype: DEVICE_TYPES.skill, deviceId: 1 };
 * ```
 */
export const DEVICE_TYPES = {
  /** A skill queue. */
  skill: 1,
  /** An IVR flow. */
  ivr: 3,
} as const;

/**
 * The documented ranges and lengths of the configuration APIs (docs/cec-reference.md §6.7).
 *
 * @example
 * ```ts
 * import { TENANT_CONFIG_LIMITS } from 'cec-bar-host/protocol';
 * const waitSeconds = Math.min(90_000, TENANT_CONFIG_LIMITS.maxWaitTime); // 60000
 * ```
 */
export const TENANT_CONFIG_LIMITS = {
  /** `workNo`, the platform agent id: 101-59999. */
  workNoMin: 101,
  /** `workNo`, the platform agent id: 101-59999. */
  workNoMax: 59999,
  /** `userAccount`: 6-50 characters. */
  userAccountMin: 6,
  /** `userAccount`: 6-50 characters. */
  userAccountMax: 50,
  /** `userName`: at most 20 characters. */
  userNameMax: 20,
  /** Agent password: at least 8 characters of 4 kinds. */
  passwordMin: 8,
  /** Agent password: not documented beyond "8"; the CC-Gateway's password change allows 32. */
  passwordMax: 32,
  /** `phone`: at most 25 characters. */
  phoneMax: 25,
  /** Email local part: at most 64 characters. */
  emailLocalMax: 64,
  /** Email domain part: at most 255 characters. */
  emailDomainMax: 255,
  /** `agentWeight` / `skillWeight`: at least 1. */
  weightMin: 1,
  /** `addSkillsToAgent`: each account at most 50 characters. */
  addSkillsAccountMax: 50,
  /** Page sizes (`pageSize`, `limit`): at most 100. */
  pageSizeMax: 100,
  /** Skill queue `name`: at most 100 bytes (UTF-8). */
  skillNameBytesMax: 100,
  /** Skill queue `description`: at most 50 characters. */
  skillDescriptionMax: 50,
  /** `maxWaitTime`: at most 60000 s. */
  maxWaitTime: 60000,
  /** `maxWaitNum`: at most 10000 calls. */
  maxWaitNum: 10000,
  /** `maxAgentWrapupTime`: at most 3600 s. */
  maxAgentWrapupTime: 3600,
  /** `deleteSkill`: at most 10 ids. */
  deleteSkillIdsMax: 10,
  /** `accessCode`: at most 32 characters. */
  accessCodeMax: 32,
  /** `extCode`: at most 12 of `0-9*#`. */
  extCodeMax: 12,
  /** `deleteCalledRoute`: at most 1000 ids. */
  deleteRouteIdsMax: 1000,
} as const;

/**
 * The `resultCode` / `returnCode` of a success (`"0"`); `"1"` (or any other value) is a failure.
 *
 * @example
 * ```ts
 * import { CONFIG_SUCCESS_CODE } from 'cec-bar-host/protocol';
 * const ok = (answer: { resultCode: string }) => answer.resultCode === CONFIG_SUCCESS_CODE;
 * ```
 */
export const CONFIG_SUCCESS_CODE = '0';
