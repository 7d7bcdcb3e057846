/**
 * CEC's tenant configuration APIs (docs/cec-reference.md §6.7): agents, skill queues and called
 * routes, server to server through the API Fabric. Each API keeps its own envelope field names.
 */
import { TENANT_CONFIG_LIMITS } from './tenant-config-constants.js';
import { z } from './zod.js';

export * from './tenant-config-constants.js';

const LIMITS = TENANT_CONFIG_LIMITS;
const mediaTypeIdSchema = z.literal([5, 19, 53, 2, 18]);
const agentTypeSchema = z.literal([4, 11, 5, 99]);
const ccRoleIdSchema = z.literal([2, 3, 4]);
const weightSchema = z.int().check(z.gte(LIMITS.weightMin));
const userAccountSchema = z.string().check(z.regex(/^[A-Za-z0-9@._-]{6,50}$/));
// CEC forbids "[]'&()=;<>, in names.
const userNameSchema = z.string().check(z.minLength(1), z.maxLength(LIMITS.userNameMax), z.regex(/^[^"[\]'&()=;<>,]*$/));
const emailSchema = z.string().check(z.regex(/^[^\s@]{1,64}@(?=[^\s@]{1,255}$)[^\s@.]{1,63}(\.[^\s@.]{1,63})+$/));
const phoneSchema = z.string().check(z.regex(/^[0-9+\-*#]{1,25}$/));
const pageNumSchema = z.int().check(z.gte(0));
const pageSizeSchema = z.int().check(z.gte(1), z.lte(LIMITS.pageSizeMax));

/**
 * An agent password as CEC's default rule group wants it: 8-32 characters with upper case, lower
 * case, a digit and one of CEC's special characters.
 *
 * @example
 * ```ts
 * import { isAgentPassword } from 'cec-bar-host/protocol';
 * isAgentPassword('Passw0rd!'); // true
 * ```
 */
export function isAgentPassword(password: string): boolean {
  if (password.length < LIMITS.passwordMin || password.length > LIMITS.passwordMax) return false;
  const kinds = [/[A-Z]/, /[a-z]/, /[0-9]/, /[~`!@#$%^*()\-+_=\\|,./<>?;':"[\]{}&]/];
  return kinds.every((kind) => kind.test(password)) && /^[\x21-\x7e]+$/.test(password);
}
const passwordSchema = z.string().check(z.refine(isAgentPassword, 'needs 8-32 characters with upper and lower case, a digit and a special character'));

/**
 * One skill of an agent: the queue and the two weights (both at least 1).
 *
 * @example
 * ```ts
 * import { agentSkillSchema } from 'cec-bar-host/protocol';
 * const skill = agentSkillSchema.parse({ skillId: 1, agentWeight: 5, skillWeight: 1 });
 * ```
 */
export const agentSkillSchema = z.object({
  /** The skill queue's id. */
  skillId: z.int().check(z.gte(1)),
  /** Higher weights are offered calls first; at least 1. */
  agentWeight: weightSchema,
  /** The queue's weight for this agent; at least 1. */
  skillWeight: weightSchema,
});
/**
 * An agent's skill, as {@link agentSkillSchema} accepts it.
 * @interface
 */
export type AgentSkill = z.infer<typeof agentSkillSchema>;

/**
 * The `agentAccount/create` request body (`cec_07_1001`).
 *
 * @example
 * ```ts
 * import { createAgentRequestSchema } from 'cec-bar-host/protocol';
 * const body = createAgentRequestSchema.parse({
 *   requestParam: { userAccount: 'dave.ng', userName: 'Dave Ng', password: 'Dave-pass1', email: 'dave@example.com', agentType: 4, ccRoleId: 2 },
 * });
 * ```
 */
export const createAgentRequestSchema = z.object({
  /** The agent to create. */
  requestParam: z.object({
    /** The business account, 6-50 of `A-Za-z0-9@._-`. */
    userAccount: userAccountSchema,
    /** The display name, at most 20 characters. */
    userName: userNameSchema,
    /** The sign-in password (8-32 characters, 4 kinds); valid 90 days on CEC. */
    password: passwordSchema,
    /** The agent's email address. */
    email: emailSchema,
    /** 4 voice, 11 video, 5 multimedia, 99 versatile. */
    agentType: agentTypeSchema,
    /** 2 operator, 3 inspector, 4 outbound. */
    ccRoleId: ccRoleIdSchema,
    /** The agent's phone number, at most 25 characters. */
    phone: z.optional(phoneSchema),
    /** The skill queues the agent serves. */
    skills: z.optional(z.array(agentSkillSchema)),
  }),
});
/**
 * An `agentAccount/create` request, as {@link createAgentRequestSchema} accepts it.
 * @interface
 */
export type CreateAgentRequest = z.infer<typeof createAgentRequestSchema>;

/**
 * The `resultCode` / `resultMessage` envelope of the agent APIs (`update`, `delete`, `addSkillsToAgent`).
 *
 * @example
 * ```ts
 * import { resultEnvelopeSchema } from 'cec-bar-host/protocol';
 * const answer = resultEnvelopeSchema.parse({ resultCode: '0', resultMessage: 'edit success' });
 * ```
 */
export const resultEnvelopeSchema = z.object({
  /** `"0"` success, `"1"` failure. */
  resultCode: z.string(),
  /** Free text for people; on failure the reason (the mock names the field). */
  resultMessage: z.string(),
});
/**
 * A `resultCode` / `resultMessage` answer, as {@link resultEnvelopeSchema} accepts it.
 * @interface
 */
export type ResultEnvelope = z.infer<typeof resultEnvelopeSchema>;

/**
 * The `agentAccount/create` answer: the allocated `workNo` on success.
 *
 * @example
 * ```ts
 * import { createAgentResponseSchema } from 'cec-bar-host/protocol';
 * const answer = createAgentResponseSchema.parse({ resultCode: '0', resultMessage: 'create agent account success', workNo: 108 });
 * ```
 */
export const createAgentResponseSchema = z.object({
  /** `"0"` success, `"1"` failure. */
  resultCode: z.string(),
  /** Free text for people. */
  resultMessage: z.string(),
  /** The allocated work number (101-59999); absent on failure. */
  workNo: z.optional(z.int()),
});
/**
 * An `agentAccount/create` answer, as {@link createAgentResponseSchema} accepts it.
 * @interface
 */
export type CreateAgentResponse = z.infer<typeof createAgentResponseSchema>;

/**
 * The `agentAccount/update` request body (`cec_07_1003`): only `userAccount` is required; a
 * password change sends both `oldPassWord` and `newPassWord`.
 *
 * @example
 * ```ts
 * import { updateAgentRequestSchema } from 'cec-bar-host/protocol';
 * const body = updateAgentRequestSchema.parse({ requestParam: { userAccount: 'dave.ng', userName: 'Dave N.' } });
 * ```
 */
export const updateAgentRequestSchema = z.object({
  /** The changes. */
  requestParam: z.object({
    /** The agent to edit (cannot itself be changed). */
    userAccount: userAccountSchema,
    /** A new display name. */
    userName: z.optional(userNameSchema),
    /** A new email address. */
    email: z.optional(emailSchema),
    /** A new phone number. */
    phone: z.optional(phoneSchema),
    /** A new agent type. */
    agentType: z.optional(agentTypeSchema),
    /** A new role. */
    ccRoleId: z.optional(ccRoleIdSchema),
    /** The agent's skills, replacing the old list. */
    skills: z.optional(z.array(agentSkillSchema)),
    /** The current password, to change it. */
    oldPassWord: z.optional(z.string().check(z.maxLength(LIMITS.passwordMax))),
    /** The new password (same rule as at creation). */
    newPassWord: z.optional(passwordSchema),
  }),
});
/**
 * An `agentAccount/update` request, as {@link updateAgentRequestSchema} accepts it.
 * @interface
 */
export type UpdateAgentRequest = z.infer<typeof updateAgentRequestSchema>;

/**
 * The `agentAccount/query` request body (`cec_07_1004`): one agent by `userAccount`, or a page
 * (`pageNum` from 0, `pageSize` up to 100, optionally filtered by agent types).
 *
 * @example
 * ```ts
 * import { queryAgentsRequestSchema } from 'cec-bar-host/protocol';
 * const one = queryAgentsRequestSchema.parse({ requestParams: { userAccount: 'dave.ng' } });
 * const page = queryAgentsRequestSchema.parse({ requestParams: { pageNum: 0, pageSize: 100 } });
 * ```
 */
export const queryAgentsRequestSchema = z.object({
  /** What to look up. */
  requestParams: z.object({
    /** One agent's account. */
    userAccount: z.optional(userAccountSchema),
    /** The page, from 0. */
    pageNum: z.optional(pageNumSchema),
    /** Agents per page, 1-100. */
    pageSize: z.optional(pageSizeSchema),
    /** Only agents of these types. */
    agentType: z.optional(z.array(agentTypeSchema)),
  }),
});
/**
 * An `agentAccount/query` request, as {@link queryAgentsRequestSchema} accepts it.
 * @interface
 */
export type QueryAgentsRequest = z.infer<typeof queryAgentsRequestSchema>;

/**
 * One agent in the `agentAccount/query` answer.
 *
 * @example
 * ```ts
 * import { configAgentSchema } from 'cec-bar-host/protocol';
 * const agent = configAgentSchema.parse({ userAccount: 'dave.ng', userName: 'Dave Ng', phone: '', email: 'dave@example.com', agentType: 4, ccRoleId: 2, sipAccount: '88880104', skills: [], workNo: 104 });
 * ```
 */
export const configAgentSchema = z.object({
  /** The business account. */
  userAccount: z.string(),
  /** The display name. */
  userName: z.string(),
  /** The phone number (may be empty). */
  phone: z.optional(z.string()),
  /** The email address. */
  email: z.optional(z.string()),
  /** The agent type; 255 when unset. */
  agentType: z.int(),
  /** The role; 255 when unset. */
  ccRoleId: z.int(),
  /** The default softphone number. */
  sipAccount: z.string(),
  /** The agent's skills. */
  skills: z.array(agentSkillSchema),
  /** The platform agent id. */
  workNo: z.int(),
});
/**
 * An agent as `agentAccount/query` describes it ({@link configAgentSchema}).
 * @interface
 */
export type ConfigAgent = z.infer<typeof configAgentSchema>;

/**
 * The `agentAccount/query` answer.
 *
 * @example
 * ```ts
 * import { queryAgentsResponseSchema } from 'cec-bar-host/protocol';
 * const answer = queryAgentsResponseSchema.parse({ resultCode: '0', resultMessage: 'success', data: [], total: 0 });
 * ```
 */
export const queryAgentsResponseSchema = z.object({
  /** `"0"` success, `"1"` failure. */
  resultCode: z.string(),
  /** Free text for people. */
  resultMessage: z.string(),
  /** The agents of this page. */
  data: z.optional(z.array(configAgentSchema)),
  /** How many agents match, over all pages. */
  total: z.optional(z.int()),
});
/**
 * An `agentAccount/query` answer, as {@link queryAgentsResponseSchema} accepts it.
 * @interface
 */
export type QueryAgentsResponse = z.infer<typeof queryAgentsResponseSchema>;

/**
 * The `agentAccount/delete` request body. Answered with {@link resultEnvelopeSchema}.
 *
 * @example
 * ```ts
 * import { deleteAgentRequestSchema } from 'cec-bar-host/protocol';
 * const body = deleteAgentRequestSchema.parse({ requestParams: { userAccount: 'dave.ng' } });
 * ```
 */
export const deleteAgentRequestSchema = z.object({
  /** The agent to delete. */
  requestParams: z.object({
    /** Its business account. */
    userAccount: userAccountSchema,
  }),
});
/**
 * An `agentAccount/delete` request, as {@link deleteAgentRequestSchema} accepts it.
 * @interface
 */
export type DeleteAgentRequest = z.infer<typeof deleteAgentRequestSchema>;

/**
 * The `agentAccount/addSkillsToAgent` request body (`cec_07_1005`). Answered with {@link resultEnvelopeSchema}.
 *
 * @example
 * ```ts
 * import { addSkillsToAgentRequestSchema } from 'cec-bar-host/protocol';
 * const body = addSkillsToAgentRequestSchema.parse({ userAccounts: ['dave.ng'], skillId: 2, agentWeight: 1, skillWeight: 1 });
 * ```
 */
export const addSkillsToAgentRequestSchema = z.object({
  /** The agents' accounts (each 6-50 of `A-Za-z0-9@._-`). */
  userAccounts: z.array(userAccountSchema).check(z.minLength(1)),
  /** The skill queue to bind them to. */
  skillId: z.int().check(z.gte(1)),
  /** Their weight in the queue; at least 1. */
  agentWeight: weightSchema,
  /** The queue's weight for them; at least 1. */
  skillWeight: weightSchema,
});
/**
 * An `addSkillsToAgent` request, as {@link addSkillsToAgentRequestSchema} accepts it.
 * @interface
 */
export type AddSkillsToAgentRequest = z.infer<typeof addSkillsToAgentRequestSchema>;

/**
 * The `agentAccount/queryAgentInfoBySkillId` request body (`cec_07_1007`).
 *
 * @example
 * ```ts
 * import { queryAgentsBySkillRequestSchema } from 'cec-bar-host/protocol';
 * const body = queryAgentsBySkillRequestSchema.parse({ requestParam: { skillId: 1, pageSize: 100, pageNum: 0 } });
 * ```
 */
export const queryAgentsBySkillRequestSchema = z.object({
  /** The queue and the page. */
  requestParam: z.object({
    /** The skill queue. */
    skillId: z.int().check(z.gte(1)),
    /** Agents per page, 1-100. */
    pageSize: pageSizeSchema,
    /** The page, from 0. */
    pageNum: pageNumSchema,
  }),
});
/**
 * A `queryAgentInfoBySkillId` request, as {@link queryAgentsBySkillRequestSchema} accepts it.
 * @interface
 */
export type QueryAgentsBySkillRequest = z.infer<typeof queryAgentsBySkillRequestSchema>;

/**
 * The `agentAccount/queryAgentInfoBySkillId` answer.
 *
 * @example
 * ```ts
 * import { queryAgentsBySkillResponseSchema } from 'cec-bar-host/protocol';
 * const answer = queryAgentsBySkillResponseSchema.parse({ resultCode: '0', resultMessage: 'success', count: 0, data: [] });
 * ```
 */
export const queryAgentsBySkillResponseSchema = z.object({
  /** `"0"` success, `"1"` failure. */
  resultCode: z.string(),
  /** Free text for people. */
  resultMessage: z.optional(z.string()),
  /** How many agents the queue has. */
  count: z.optional(z.int()),
  /** The agents of this page. */
  data: z.optional(
    z.array(
      z.object({
        /** The platform agent id. */
        workNo: z.int(),
        /** The agent type. */
        agentType: z.int(),
        /** The agent's weight in the queue. */
        agentWeight: z.int(),
        /** The queue's weight for the agent. */
        skillWeight: z.optional(z.int()),
        /** The agent's display name. */
        accountName: z.string(),
        /** The softphone number. */
        sipAccount: z.string(),
        /** The business account. */
        userAccount: z.optional(z.string()),
      }),
    ),
  ),
});
/**
 * A `queryAgentInfoBySkillId` answer, as {@link queryAgentsBySkillResponseSchema} accepts it.
 * @interface
 */
export type QueryAgentsBySkillResponse = z.infer<typeof queryAgentsBySkillResponseSchema>;

/**
 * One overflow case of a skill queue: release the call, or transfer it to a skill queue (`deviceType`
 * `"1"`) or an IVR (`"3"`) given by `value`.
 *
 * @example
 * ```ts
 * import { skillOverflowSchema } from 'cec-bar-host/protocol';
 * const toBilling = skillOverflowSchema.parse({ deviceType: '1', transferType: 'Transfer', value: 2 });
 * ```
 */
export const skillOverflowSchema = z.object({
  /** `"1"` skill queue, `"3"` IVR; only with `Transfer`. */
  deviceType: z.optional(z.literal(['1', '3'])),
  /** `Release` hangs up; `Transfer` needs `deviceType` and `value`. */
  transferType: z.literal(['Release', 'Transfer']),
  /** The skill id or the IVR flow id; only with `Transfer`. */
  value: z.optional(z.int()),
});
/**
 * An overflow case, as {@link skillOverflowSchema} accepts it.
 * @interface
 */
export type SkillOverflow = z.infer<typeof skillOverflowSchema>;

/**
 * A skill queue's `skillParam`: the three overflow cases (all required), plus answer and waiting
 * settings (required for voice and video queues).
 *
 * @example
 * ```ts
 * import { skillParamSchema } from 'cec-bar-host/protocol';
 * const release = { transferType: 'Release' } as const;
 * const param = skillParamSchema.parse({ noAgents: release, busy: release, timeOut: release, answerFunction: '2', waitVoice: '' });
 * ```
 */
export const skillParamSchema = z.object({
  /** No agent of the queue is signed in. */
  noAgents: skillOverflowSchema,
  /** Every agent is busy and the queue is full. */
  busy: skillOverflowSchema,
  /** The call waited `maxWaitTime`. */
  timeOut: skillOverflowSchema,
  /** How the agent answers: `"0"` announce the work number, `"2"` no announcement. */
  answerFunction: z.optional(z.literal(['0', '2'])),
  /** The waiting music or voice (the mock plays none). */
  waitVoice: z.optional(z.string().check(z.maxLength(256))),
});
/**
 * A `skillParam`, as {@link skillParamSchema} accepts it.
 * @interface
 */
export type SkillParam = z.infer<typeof skillParamSchema>;

// CEC's forbidden characters for skill names (cec_07_0034), with the full-width ones.
const SKILL_NAME_FORBIDDEN = /[`~!#$%^&*()+=|{}':;,<>/?[\]\\\n\r\t！¥…（）【】‘’；：“”。，、？]/;
const skillNameSchema = z.string().check(
  z.minLength(1),
  z.refine((name: string) => new TextEncoder().encode(name).length <= LIMITS.skillNameBytesMax, `at most ${LIMITS.skillNameBytesMax} bytes`),
  z.refine((name: string) => !SKILL_NAME_FORBIDDEN.test(name), 'special characters are not allowed'),
);
// Letters (any script) and digits only, as cec_07_0034 says.
const skillDescriptionSchema = z.string().check(z.regex(/^[\p{L}\p{N}]{1,50}$/u));
const skillLimitFields = {
  /** The longest a call waits, in seconds (1-60000; CEC documents the maximum, the minimum is the mock's). */
  maxWaitTime: z.int().check(z.gte(1), z.lte(LIMITS.maxWaitTime)),
  /** The most calls that may wait (1-10000; CEC documents the maximum, the minimum is the mock's). */
  maxWaitNum: z.int().check(z.gte(1), z.lte(LIMITS.maxWaitNum)),
  /** The wrap-up after each call, in seconds (at most 3600). */
  maxAgentWrapupTime: z.int().check(z.gte(0), z.lte(LIMITS.maxAgentWrapupTime)),
};

/**
 * The `skill/createSkill` request body (`cec_07_1015`, `cec_07_0034`).
 *
 * @example
 * ```ts
 * import { createSkillRequestSchema } from 'cec-bar-host/protocol';
 * const release = { transferType: 'Release' } as const;
 * const body = createSkillRequestSchema.parse({
 *   mediaTypeId: 5, name: 'Returns', description: 'Returns', maxWaitTime: 120, maxWaitNum: 10, maxAgentWrapupTime: 10,
 *   skillParam: { noAgents: release, busy: release, timeOut: release, answerFunction: '2', waitVoice: '' },
 * });
 * ```
 */
export const createSkillRequestSchema = z.object({
  /** 5 voice, 19 video, 53 multimedia, 2 voice click-to-dial, 18 video click-to-dial. */
  mediaTypeId: mediaTypeIdSchema,
  /** The queue's name: at most 100 bytes, no special characters. */
  name: skillNameSchema,
  /** A short description: 1-50 letters or digits. */
  description: skillDescriptionSchema,
  ...skillLimitFields,
  /** Overflow, answer and waiting settings. */
  skillParam: skillParamSchema,
});
/**
 * A `createSkill` request, as {@link createSkillRequestSchema} accepts it.
 * @interface
 */
export type CreateSkillRequest = z.infer<typeof createSkillRequestSchema>;

/**
 * The `returnCode` / `description` envelope of the skill and route APIs (`modifySkill`,
 * `deleteSkill`, `createCalledRoute`).
 *
 * @example
 * ```ts
 * import { returnEnvelopeSchema } from 'cec-bar-host/protocol';
 * const answer = returnEnvelopeSchema.parse({ returnCode: '0', description: 'Success' });
 * ```
 */
export const returnEnvelopeSchema = z.object({
  /** `"0"` success, anything else failure. */
  returnCode: z.string(),
  /** Free text for people; on failure the reason (the mock names the field). */
  description: z.string(),
});
/**
 * A `returnCode` / `description` answer, as {@link returnEnvelopeSchema} accepts it.
 * @interface
 */
export type ReturnEnvelope = z.infer<typeof returnEnvelopeSchema>;

/**
 * The `skill/createSkill` answer. CEC's pages show no success body; the mock adds the new
 * queue's `skillId` (find it with `querySkills` on CEC).
 *
 * @example
 * ```ts
 * import { createSkillResponseSchema } from 'cec-bar-host/protocol';
 * const answer = createSkillResponseSchema.parse({ returnCode: '0', description: 'Success', skillId: 3 });
 * ```
 */
export const createSkillResponseSchema = z.object({
  /** `"0"` success, anything else failure. */
  returnCode: z.string(),
  /** Free text for people. */
  description: z.string(),
  /** The new queue's id (the mock's addition). */
  skillId: z.optional(z.int()),
});
/**
 * A `createSkill` answer, as {@link createSkillResponseSchema} accepts it.
 * @interface
 */
export type CreateSkillResponse = z.infer<typeof createSkillResponseSchema>;

/**
 * The `skill/modifySkill` request body (`cec_07_0036`): the queue's `skillId` and the fields to
 * change. Answered with {@link returnEnvelopeSchema}.
 *
 * @example
 * ```ts
 * import { modifySkillRequestSchema } from 'cec-bar-host/protocol';
 * const body = modifySkillRequestSchema.parse({ skillId: 1, maxWaitNum: 2 });
 * ```
 */
export const modifySkillRequestSchema = z.object({
  /** The queue to edit. */
  skillId: z.int().check(z.gte(1)),
  /** A new description. */
  description: z.optional(skillDescriptionSchema),
  /** A new longest wait, in seconds. */
  maxWaitTime: z.optional(skillLimitFields.maxWaitTime),
  /** A new most calls waiting. */
  maxWaitNum: z.optional(skillLimitFields.maxWaitNum),
  /** A new wrap-up time, in seconds. */
  maxAgentWrapupTime: z.optional(skillLimitFields.maxAgentWrapupTime),
  /** New overflow, answer and waiting settings. */
  skillParam: z.optional(skillParamSchema),
});
/**
 * A `modifySkill` request, as {@link modifySkillRequestSchema} accepts it.
 * @interface
 */
export type ModifySkillRequest = z.infer<typeof modifySkillRequestSchema>;

/**
 * The `skill/deleteSkill` request body (`cec_07_1016`): up to 10 ids separated by `,` `;` or `-`.
 * Answered with {@link returnEnvelopeSchema}.
 *
 * @example
 * ```ts
 * import { deleteSkillRequestSchema } from 'cec-bar-host/protocol';
 * const body = deleteSkillRequestSchema.parse({ skillIds: '3,4' });
 * ```
 */
export const deleteSkillRequestSchema = z.object({
  /** The queues' ids, e.g. `"3,4"`. */
  skillIds: z.string().check(z.regex(/^\d{1,9}([,;-]\d{1,9}){0,9}$/)),
});
/**
 * A `deleteSkill` request, as {@link deleteSkillRequestSchema} accepts it.
 * @interface
 */
export type DeleteSkillRequest = z.infer<typeof deleteSkillRequestSchema>;

/**
 * The `skill/querySkills` request body (`cec_07_0037`): every filter optional; `limit` and
 * `offset` are digit strings, as CEC documents them.
 *
 * @example
 * ```ts
 * import { querySkillsRequestSchema } from 'cec-bar-host/protocol';
 * const body = querySkillsRequestSchema.parse({ limit: '100', offset: '0' });
 * ```
 */
export const querySkillsRequestSchema = z.object({
  /** Only queues with this name. */
  name: z.optional(z.string()),
  /** Only queues of this media type (a digit string). */
  mediaTypeId: z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
  /** Queues per page, `"1"`-`"100"`. */
  limit: z.optional(z.string().check(z.regex(/^(100|[1-9]\d?)$/))),
  /** How many queues to skip. */
  offset: z.optional(z.string().check(z.regex(/^\d{1,9}$/))),
  /** Only these queues (an empty list: all). */
  skillIds: z.optional(z.array(z.string().check(z.regex(/^\d{1,9}$/)))),
});
/**
 * A `querySkills` request, as {@link querySkillsRequestSchema} accepts it.
 * @interface
 */
export type QuerySkillsRequest = z.infer<typeof querySkillsRequestSchema>;

/**
 * One skill queue in the `querySkills` answer.
 *
 * @example
 * ```ts
 * import { configSkillSchema } from 'cec-bar-host/protocol';
 * const skill = configSkillSchema.parse({ skillId: 1, name: 'General support', description: 'General', mediaTypeId: 5 });
 * ```
 */
export const configSkillSchema = z.object({
  /** The queue's id. */
  skillId: z.int(),
  /** The queue's name. */
  name: z.string(),
  /** Its description. */
  description: z.optional(z.string()),
  /** Its media type. */
  mediaTypeId: z.int(),
  /** The longest wait, in seconds (the mock's addition). */
  maxWaitTime: z.optional(z.int()),
  /** The most calls waiting (the mock's addition). */
  maxWaitNum: z.optional(z.int()),
  /** The wrap-up time, in seconds (the mock's addition). */
  maxAgentWrapupTime: z.optional(z.int()),
  /** Overflow settings (the mock's addition). */
  skillParam: z.optional(skillParamSchema),
});
/**
 * A skill queue as `querySkills` describes it ({@link configSkillSchema}).
 * @interface
 */
export type ConfigSkill = z.infer<typeof configSkillSchema>;

/**
 * The `skill/querySkills` answer.
 *
 * @example
 * ```ts
 * import { querySkillsResponseSchema } from 'cec-bar-host/protocol';
 * const answer = querySkillsResponseSchema.parse({ returnCode: '0', description: 'Success', total: 0, data: [] });
 * ```
 */
export const querySkillsResponseSchema = z.object({
  /** `"0"` success, anything else failure. */
  returnCode: z.string(),
  /** Free text for people. */
  description: z.string(),
  /** How many queues match, over all pages. */
  total: z.optional(z.int()),
  /** The queues of this page. */
  data: z.optional(z.array(configSkillSchema)),
});
/**
 * A `querySkills` answer, as {@link querySkillsResponseSchema} accepts it.
 * @interface
 */
export type QuerySkillsResponse = z.infer<typeof querySkillsResponseSchema>;

/**
 * The `calledRoute/createCalledRoute` request body (`cec_07_1030`). Answered with
 * {@link returnEnvelopeSchema}; find the new route's `dnid` with `queryCalledRoute`.
 *
 * @example
 * ```ts
 * import { createCalledRouteRequestSchema } from 'cec-bar-host/protocol';
 * const body = createCalledRouteRequestSchema.parse({ accessCode: '6688', extCode: '3', mediaTypeId: 5, devicetype: 1, deviceId: 3 });
 * ```
 */
export const createCalledRouteRequestSchema = z.object({
  /** The access code, at most 32 characters. */
  accessCode: z.string().check(z.regex(/^[0-9]{1,32}$/)),
  /** The extension after it, at most 12 of `0-9*#`. */
  extCode: z.optional(z.string().check(z.regex(/^[0-9*#]{0,12}$/))),
  /** The media type (default 5); for a skill queue it must be the queue's. */
  mediaTypeId: z.optional(mediaTypeIdSchema),
  /** 1 skill queue, 3 IVR (multimedia cannot route to an IVR). */
  devicetype: z.literal([1, 3]),
  /** The skill id or the IVR flow id. */
  deviceId: z.int().check(z.gte(1)),
});
/**
 * A `createCalledRoute` request, as {@link createCalledRouteRequestSchema} accepts it.
 * @interface
 */
export type CreateCalledRouteRequest = z.infer<typeof createCalledRouteRequestSchema>;

/**
 * The `calledRoute/modifyCalledRoute` request body (`cec_07_1032`): the route's `id` (as
 * `queryCalledRoute` lists it) and its new destination. Answered with {@link returnEnvelopeSchema}.
 *
 * @example
 * ```ts
 * import { modifyCalledRouteRequestSchema } from 'cec-bar-host/protocol';
 * const body = modifyCalledRouteRequestSchema.parse({ id: '1125397061153369092', devicetype: 1, deviceId: 2 });
 * ```
 */
export const modifyCalledRouteRequestSchema = z.object({
  /** The route's id. */
  id: z.string().check(z.regex(/^\d{1,19}$/)),
  /** 1 skill queue, 3 IVR. */
  devicetype: z.literal([1, 3]),
  /** The skill id or the IVR flow id. */
  deviceId: z.int().check(z.gte(1)),
});
/**
 * A `modifyCalledRoute` request, as {@link modifyCalledRouteRequestSchema} accepts it.
 * @interface
 */
export type ModifyCalledRouteRequest = z.infer<typeof modifyCalledRouteRequestSchema>;

/**
 * The `calledRoute/queryCalledRoute` request body (`cec_07_1033`): every filter optional;
 * `limit` 1-100 (default 100), `offset` from 0.
 *
 * @example
 * ```ts
 * import { queryCalledRouteRequestSchema } from 'cec-bar-host/protocol';
 * const body = queryCalledRouteRequestSchema.parse({ accessCode: '6688', limit: 100, offset: 0 });
 * ```
 */
export const queryCalledRouteRequestSchema = z.object({
  /** Only this access code. */
  accessCode: z.optional(z.string().check(z.maxLength(LIMITS.accessCodeMax))),
  /** Only this extension. */
  extCode: z.optional(z.string().check(z.maxLength(LIMITS.extCodeMax))),
  /** Only routes to this device type. */
  devicetype: z.optional(z.literal([1, 3])),
  /** Routes whose device description contains this. */
  deviceDesc: z.optional(z.string().check(z.maxLength(100))),
  /** Only this media type. */
  mediaTypeId: z.optional(mediaTypeIdSchema),
  /** Routes per page, 1-100 (default 100). */
  limit: z.optional(z.int().check(z.gte(1), z.lte(LIMITS.pageSizeMax))),
  /** How many routes to skip. */
  offset: z.optional(z.int().check(z.gte(0))),
});
/**
 * A `queryCalledRoute` request, as {@link queryCalledRouteRequestSchema} accepts it.
 * @interface
 */
export type QueryCalledRouteRequest = z.infer<typeof queryCalledRouteRequestSchema>;

/**
 * One route in the `queryCalledRoute` answer (note `mediatypeId`, spelt as CEC spells it here).
 *
 * @example
 * ```ts
 * import { calledRouteSchema } from 'cec-bar-host/protocol';
 * const route = calledRouteSchema.parse({ id: '1', dnid: 1, accessCode: '6688', extCode: '1', devicetype: 1, deviceId: 1, deviceDesc: 'General support', mediatypeId: 5 });
 * ```
 */
export const calledRouteSchema = z.object({
  /** The route's key. */
  id: z.string(),
  /** The route's configuration number: what `deleteCalledRoute` takes. */
  dnid: z.int(),
  /** The access code. */
  accessCode: z.string(),
  /** The extension (may be empty). */
  extCode: z.optional(z.nullable(z.string())),
  /** 1 skill queue, 3 IVR. */
  devicetype: z.int(),
  /** The skill id or the IVR flow id. */
  deviceId: z.int(),
  /** The device's description (the queue's name). */
  deviceDesc: z.optional(z.string()),
  /** The media type. */
  mediatypeId: z.optional(z.int()),
  /** `"0"` or null: editable and deletable; 1 not editable; 2 not deletable; 3 neither. */
  editable: z.optional(z.nullable(z.string())),
});
/**
 * A called route as `queryCalledRoute` describes it ({@link calledRouteSchema}).
 * @interface
 */
export type CalledRoute = z.infer<typeof calledRouteSchema>;

/**
 * The `calledRoute/queryCalledRoute` answer.
 *
 * @example
 * ```ts
 * import { queryCalledRouteResponseSchema } from 'cec-bar-host/protocol';
 * const answer = queryCalledRouteResponseSchema.parse({ returnCode: '0', description: 'Success', data: { total: 0, calledRouteList: [] } });
 * ```
 */
export const queryCalledRouteResponseSchema = z.object({
  /** `"0"` success, anything else failure. */
  returnCode: z.string(),
  /** Free text for people. */
  description: z.string(),
  /** The page. */
  data: z.optional(
    z.object({
      /** How many routes match, over all pages. */
      total: z.int(),
      /** The routes of this page. */
      calledRouteList: z.array(calledRouteSchema),
    }),
  ),
});
/**
 * A `queryCalledRoute` answer, as {@link queryCalledRouteResponseSchema} accepts it.
 * @interface
 */
export type QueryCalledRouteResponse = z.infer<typeof queryCalledRouteResponseSchema>;

/**
 * The `calledRoute/deleteCalledRoute` request body (`cec_07_1031`): `dnid`s separated by `,`.
 *
 * @example
 * ```ts
 * import { deleteCalledRouteRequestSchema } from 'cec-bar-host/protocol';
 * const body = deleteCalledRouteRequestSchema.parse({ dnids: '3,4' });
 * ```
 */
export const deleteCalledRouteRequestSchema = z.object({
  /** The routes' `dnid`s, e.g. `"3,4"` (at most 1000). */
  dnids: z.string().check(z.regex(/^\d{1,9}(,\d{1,9}){0,999}$/)),
});
/**
 * A `deleteCalledRoute` request, as {@link deleteCalledRouteRequestSchema} accepts it.
 * @interface
 */
export type DeleteCalledRouteRequest = z.infer<typeof deleteCalledRouteRequestSchema>;

/**
 * The `calledRoute/deleteCalledRoute` answer: `data.name` lists the deleted `accessCode + extCode`s.
 *
 * @example
 * ```ts
 * import { deleteCalledRouteResponseSchema } from 'cec-bar-host/protocol';
 * const answer = deleteCalledRouteResponseSchema.parse({ returnCode: '0', description: 'Success', data: { id: '3', name: '66883', content: '66883' } });
 * ```
 */
export const deleteCalledRouteResponseSchema = z.object({
  /** `"0"` success, anything else failure. */
  returnCode: z.string(),
  /** Free text for people. */
  description: z.string(),
  /** What was deleted. */
  data: z.optional(
    z.object({
      /** The deleted routes' ids. */
      id: z.optional(z.string()),
      /** The deleted `accessCode + extCode`s. */
      name: z.optional(z.string()),
      /** Same as `name`, or `Success:…,Failed:…` when only some were deleted. */
      content: z.optional(z.string()),
    }),
  ),
});
/**
 * A `deleteCalledRoute` answer, as {@link deleteCalledRouteResponseSchema} accepts it.
 * @interface
 */
export type DeleteCalledRouteResponse = z.infer<typeof deleteCalledRouteResponseSchema>;
