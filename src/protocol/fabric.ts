/** API Fabric shapes (docs/cec-reference.md §3), server to server only. */
import { z } from './zod.js';

export const FABRIC_PATHS = {
  tokenByAkSk: '/apigovernance/api/oauth/tokenByAkSk',
  queryAgentInfo: '/apiaccess/CC-Management/v1/queryAgentInfo',
  querySysInfo: '/apiaccess/CC-Management/v1/querySysInfo',
  queryAgentLoginParams: '/apiaccess/CC-Management/v1/queryAgentLoginParams',
} as const;

export const TOKEN_EXPIRE_HEADER = 'X-Token-Expire';
export const APP_KEY_HEADER = 'X-APP-Key';
export const MAX_TOKEN_EXPIRE_SECONDS = 3600;

export const tokenByAkSkRequestSchema = z.object({
  app_key: z.string().check(z.minLength(1), z.maxLength(256)),
  app_secret: z.string().check(z.minLength(1), z.maxLength(256)),
});
export type TokenByAkSkRequest = z.infer<typeof tokenByAkSkRequestSchema>;

const digits = z.string().check(z.regex(/^\d{1,12}$/));
/** Every value is a string, numbers included. */
export const tokenByAkSkResponseSchema = z.object({
  AccessToken: z.string().check(z.minLength(1)),
  ApplyType: z.string(),
  CreateTime: digits,
  Expires: digits,
  Scope: z.string(),
  AppKey: z.string(),
  UserID: z.string(),
});
export type TokenByAkSkResponse = z.infer<typeof tokenByAkSkResponseSchema>;

export const fabricAgentSchema = z.object({
  workNo: z.int().check(z.gte(101), z.lte(59999)),
  sipAccount: z.string().check(z.maxLength(24)),
  sipPwd: z.string().check(z.maxLength(24)),
  accountCode: z.string().check(z.minLength(1), z.maxLength(100)),
});
export type FabricAgent = z.infer<typeof fabricAgentSchema>;

const portSchema = z.int().check(z.gte(1), z.lte(65535));

export const queryAgentInfoResponseSchema = z.object({
  sipServiceIp: z.string(),
  sipServicePort: portSchema,
  agents: z.array(fabricAgentSchema),
});
export type QueryAgentInfoResponse = z.infer<typeof queryAgentInfoResponseSchema>;

/** Not documented in full by CEC; chosen here: queryAgentInfo's SIP fields plus the gateway's. */
export const querySysInfoResponseSchema = z.object({
  sipServiceIp: z.string(),
  sipServicePort: portSchema,
  serviceIp: z.string(),
  servicePort: portSchema,
});
export type QuerySysInfoResponse = z.infer<typeof querySysInfoResponseSchema>;

export const queryAgentLoginParamsRequestSchema = z.object({
  account: z.string().check(z.minLength(1), z.maxLength(100)),
  password: z.string().check(z.maxLength(128)),
});
export type QueryAgentLoginParamsRequest = z.infer<typeof queryAgentLoginParamsRequestSchema>;

export const queryAgentLoginParamsResponseSchema = z.object({
  returnCode: z.string(),
  message: z.string(),
  results: z.optional(
    z.nullable(
      z.object({
        workNo: z.int(),
        sipAccount: z.string(),
        sipServerInfo: z.array(
          z.object({
            sipServiceIp: z.string(),
            sipServicePort: portSchema,
            /** 0 SIP, 1 WebRTC */
            type: z.union([z.literal(0), z.literal(1)]),
          }),
        ),
      }),
    ),
  ),
});
export type QueryAgentLoginParamsResponse = z.infer<typeof queryAgentLoginParamsResponseSchema>;
