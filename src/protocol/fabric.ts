/** API Fabric shapes (docs/cec-reference.md §3), server to server only. */
import { z } from './zod.js';

/**
 * The API Fabric paths the server kit calls (§3.1, §3.4, §3.5).
 *
 * @example
 * ```ts
 * import { FABRIC_PATHS } from 'cec-bar-host/protocol';
 * const url = new URL(FABRIC_PATHS.queryAgentInfo, 'https://cec.example.com');
 * ```
 */
export const FABRIC_PATHS = {
  /** `POST`: an access token for the app key and secret. */
  tokenByAkSk: '/apigovernance/api/oauth/tokenByAkSk',
  /** `GET`: every agent's softphone account. */
  queryAgentInfo: '/apiaccess/CC-Management/v1/queryAgentInfo',
  /** `GET`: the SIP server and the CC-Gateway's address. */
  querySysInfo: '/apiaccess/CC-Management/v1/querySysInfo',
  /** `POST`: one agent's sign-in parameters. */
  queryAgentLoginParams: '/apiaccess/CC-Management/v1/queryAgentLoginParams',
} as const;

/**
 * The `tokenByAkSk` request header that asks for a token lifetime, in seconds (at most {@link MAX_TOKEN_EXPIRE_SECONDS}).
 *
 * @example
 * ```ts
 * import { TOKEN_EXPIRE_HEADER } from 'cec-bar-host/protocol';
 * const headers = { 'content-type': 'application/json', [TOKEN_EXPIRE_HEADER]: '600' };
 * ```
 */
export const TOKEN_EXPIRE_HEADER = 'X-Token-Expire';
/**
 * The header every business call sends with the app key, beside `Authorization: Bearer <token>` (§3.2).
 *
 * @example
 * ```ts
 * import { APP_KEY_HEADER } from 'cec-bar-host/protocol';
 * const headers = (token: string) => ({ authorization: `Bearer ${token}`, [APP_KEY_HEADER]: AK });
 * ```
 */
export const APP_KEY_HEADER = 'X-APP-Key';
/**
 * The longest token lifetime the API Fabric grants (3600 s).
 *
 * @example
 * ```ts
 * import { createFabricClient } from 'cec-bar-host/server';
 * import { MAX_TOKEN_EXPIRE_SECONDS } from 'cec-bar-host/protocol';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK, tokenTtlSeconds: MAX_TOKEN_EXPIRE_SECONDS });
 * ```
 */
export const MAX_TOKEN_EXPIRE_SECONDS = 3600;

/**
 * The `tokenByAkSk` request body (§3.1).
 *
 * @example
 * ```ts
 * import { tokenByAkSkRequestSchema } from 'cec-bar-host/protocol';
 * const body = JSON.stringify(tokenByAkSkRequestSchema.parse({ app_key: AK, app_secret: SK }));
 * ```
 */
export const tokenByAkSkRequestSchema = z.object({
  /** The app key (AK). */
  app_key: z.string().check(z.minLength(1), z.maxLength(256)),
  /** The app secret (SK): server side only, never logged. */
  app_secret: z.string().check(z.minLength(1), z.maxLength(256)),
});
/**
 * A `tokenByAkSk` request, as {@link tokenByAkSkRequestSchema} accepts it.
 * @interface
 */
export type TokenByAkSkRequest = z.infer<typeof tokenByAkSkRequestSchema>;

const digits = z.string().check(z.regex(/^\d{1,12}$/));
/**
 * The `tokenByAkSk` answer (§3.1). Every value is a string, numbers included.
 *
 * @example
 * ```ts
 * import { FABRIC_PATHS, TOKEN_EXPIRE_HEADER, tokenByAkSkResponseSchema } from 'cec-bar-host/protocol';
 * const response = await fetch(new URL(FABRIC_PATHS.tokenByAkSk, 'https://cec.example.com'), {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json', [TOKEN_EXPIRE_HEADER]: '600' },
 *   body: JSON.stringify({ app_key: AK, app_secret: SK }),
 * });
 * const answer = tokenByAkSkResponseSchema.safeParse(await response.json());
 * if (answer.success) console.log('token for', Number(answer.data.Expires), 's');
 * ```
 */
export const tokenByAkSkResponseSchema = z.object({
  /** The access token, for `Authorization: Bearer …`. */
  AccessToken: z.string().check(z.minLength(1)),
  /** The token type, `"Bearer"`. */
  ApplyType: z.string(),
  /** When the token was made, in epoch seconds (a digit string). */
  CreateTime: digits,
  /** The token's lifetime in seconds (a digit string). */
  Expires: digits,
  /** The token's scope. */
  Scope: z.string(),
  /** The app key the token is for. */
  AppKey: z.string(),
  /** `"Anonymous"` in CEC's examples. */
  UserID: z.string(),
});
/**
 * A `tokenByAkSk` answer, as {@link tokenByAkSkResponseSchema} accepts it.
 * @interface
 */
export type TokenByAkSkResponse = z.infer<typeof tokenByAkSkResponseSchema>;

/**
 * One agent in the `queryAgentInfo` answer (§3.4).
 *
 * @example
 * ```ts
 * import { fabricAgentSchema } from 'cec-bar-host/protocol';
 * const agent = fabricAgentSchema.parse({ workNo: 101, sipAccount: '88880101', sipPwd: '', accountCode: 'alice.chen' });
 * ```
 */
export const fabricAgentSchema = z.object({
  /** The agent's work number, 101-59999. */
  workNo: z.int().check(z.gte(101), z.lte(59999)),
  /** The softphone's SIP account (at most 24 characters). */
  sipAccount: z.string().check(z.maxLength(24)),
  /** The softphone's SIP password (at most 24 characters): a secret, never logged. */
  sipPwd: z.string().check(z.maxLength(24)),
  /** The agent's business account: what the CRM passes as `userAccount`. */
  accountCode: z.string().check(z.minLength(1), z.maxLength(100)),
});
/**
 * An agent, as {@link fabricAgentSchema} accepts it.
 * @interface
 */
export type FabricAgent = z.infer<typeof fabricAgentSchema>;

const portSchema = z.int().check(z.gte(1), z.lte(65535));

/**
 * The `queryAgentInfo` answer (§3.4).
 *
 * @example
 * ```ts
 * import { createFabricClient } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK });
 * const { sipServiceIp, agents } = await fabric.queryAgentInfo();
 * ```
 */
export const queryAgentInfoResponseSchema = z.object({
  /** The SIP server's address. */
  sipServiceIp: z.string(),
  /** The SIP server's port. */
  sipServicePort: portSchema,
  /** Every agent of the tenant. */
  agents: z.array(fabricAgentSchema),
});
/**
 * A `queryAgentInfo` answer, as {@link queryAgentInfoResponseSchema} accepts it.
 * @interface
 */
export type QueryAgentInfoResponse = z.infer<typeof queryAgentInfoResponseSchema>;

/**
 * The `querySysInfo` answer (§3.5). Not documented in full by CEC; chosen here: `queryAgentInfo`'s
 * SIP fields plus the gateway's.
 *
 * @example
 * ```ts
 * import { createFabricClient } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK });
 * const { serviceIp, servicePort } = await fabric.querySysInfo();
 * ```
 */
export const querySysInfoResponseSchema = z.object({
  /** The SIP server's address. */
  sipServiceIp: z.string(),
  /** The SIP server's port. */
  sipServicePort: portSchema,
  /** The CC-Gateway's address. */
  serviceIp: z.string(),
  /** The CC-Gateway's port. */
  servicePort: portSchema,
});
/**
 * A `querySysInfo` answer, as {@link querySysInfoResponseSchema} accepts it.
 * @interface
 */
export type QuerySysInfoResponse = z.infer<typeof querySysInfoResponseSchema>;

/**
 * The `queryAgentLoginParams` request body (§3.5).
 *
 * @example
 * ```ts
 * import { createFabricClient } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK });
 * const params = await fabric.queryAgentLoginParams({ account: 'alice.chen', password: '' });
 * ```
 */
export const queryAgentLoginParamsRequestSchema = z.object({
  /** The agent's business account. */
  account: z.string().check(z.minLength(1), z.maxLength(100)),
  /** The agent's password (at most 128 characters). */
  password: z.string().check(z.maxLength(128)),
});
/**
 * A `queryAgentLoginParams` request, as {@link queryAgentLoginParamsRequestSchema} accepts it.
 * @interface
 */
export type QueryAgentLoginParamsRequest = z.infer<typeof queryAgentLoginParamsRequestSchema>;

/**
 * The `queryAgentLoginParams` answer (§3.5).
 *
 * @example
 * ```ts
 * import { createFabricClient } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK });
 * const { results } = await fabric.queryAgentLoginParams({ account: 'alice.chen', password: '' });
 * const webrtc = results?.sipServerInfo.find((server) => server.type === 1);
 * ```
 */
export const queryAgentLoginParamsResponseSchema = z.object({
  /** `"0"` success, `"1"` failure. */
  returnCode: z.string(),
  /** Free text for people. */
  message: z.string(),
  /** The agent's parameters; absent or null on failure. */
  results: z.optional(
    z.nullable(
      z.object({
        /** The agent's work number. */
        workNo: z.int(),
        /** The softphone's SIP account. */
        sipAccount: z.string(),
        /** The SIP servers the agent may register with. */
        sipServerInfo: z.array(
          z.object({
            /** The SIP server's address. */
            sipServiceIp: z.string(),
            /** The SIP server's port. */
            sipServicePort: portSchema,
            /** 0 SIP, 1 WebRTC */
            type: z.union([z.literal(0), z.literal(1)]),
          }),
        ),
      }),
    ),
  ),
});
/**
 * A `queryAgentLoginParams` answer, as {@link queryAgentLoginParamsResponseSchema} accepts it.
 * @interface
 */
export type QueryAgentLoginParamsResponse = z.infer<typeof queryAgentLoginParamsResponseSchema>;
