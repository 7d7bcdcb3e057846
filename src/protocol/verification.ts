/** The enterprise verification API that CEC calls back (docs/cec-reference.md §4). */
import { z } from './zod.js';

export const VALIDATE_PATH_EXAMPLE = '/rest/cc-management/v1/thirdparty/thirdPartyValidate';
export const VALIDATE_MAX_BODY_BYTES = 8 * 1024;

export const validateRequestSchema = z.object({
  access_token: z.string().check(z.minLength(1), z.maxLength(4096)),
  tenantSpaceId: z.string().check(z.minLength(1), z.maxLength(128)),
  userAccount: z.string().check(z.minLength(1), z.maxLength(100)),
});
export type ValidateRequest = z.infer<typeof validateRequestSchema>;

/** `retCode` 0 = valid; anything else is a failure. We use the chat API's token states for the rest. */
export const VALIDATE_RETCODES = { OK: 0, EMPTY: 1, INVALID: 2, EXPIRED: 3, SYSTEM_ERROR: 4 } as const;

export const validateResponseSchema = z.object({
  retCode: z.union([z.int(), z.string().check(z.regex(/^-?\d+$/))]),
  message: z.optional(z.string()),
});
export type ValidateResponse = { retCode: number; message: string };

export function isValidateSuccess(reply: z.infer<typeof validateResponseSchema>): boolean {
  return Number(reply.retCode) === 0;
}
