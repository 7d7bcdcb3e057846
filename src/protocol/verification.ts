/** The enterprise verification API that CEC calls back (docs/cec-reference.md §4). */
import { z } from './zod.js';

/**
 * The path CEC's documentation uses for the verification API; yours is whatever URL you register for the tenant.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createValidateHandler, createBarTokenIssuer } from 'cec-bar-host/server';
 * import { VALIDATE_PATH_EXAMPLE } from 'cec-bar-host/protocol';
 * const issuer = createBarTokenIssuer({ key: BAR_TOKEN_SECRET, ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar' });
 * const validate = createValidateHandler({ issuer });
 * createServer((req, res) => {
 *   if (req.url === VALIDATE_PATH_EXAMPLE) void validate(req, res);
 * });
 * ```
 */
export const VALIDATE_PATH_EXAMPLE = '/rest/cc-management/v1/thirdparty/thirdPartyValidate';
/**
 * The largest verification request body `createValidateHandler` reads by default (8 KiB); larger ones get 413.
 *
 * @example
 * ```ts
 * import { createValidateHandler, createBarTokenIssuer } from 'cec-bar-host/server';
 * import { VALIDATE_MAX_BODY_BYTES } from 'cec-bar-host/protocol';
 * const issuer = createBarTokenIssuer({ key: BAR_TOKEN_SECRET, ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar' });
 * const validate = createValidateHandler({ issuer, maxBodyBytes: VALIDATE_MAX_BODY_BYTES / 2 });
 * ```
 */
export const VALIDATE_MAX_BODY_BYTES = 8 * 1024;

/**
 * The JSON body CEC POSTs to the verification API when a bar loads.
 *
 * @example
 * ```ts
 * import { validateRequestSchema } from 'cec-bar-host/protocol';
 * const parsed = validateRequestSchema.safeParse(JSON.parse('{"access_token":"t","tenantSpaceId":"ts","userAccount":"alice.chen"}'));
 * if (parsed.success) console.log(parsed.data.userAccount);
 * ```
 */
export const validateRequestSchema = z.object({
  /** The bar token that `getAccessToken()` returned to the CRM page (1-4096 characters). */
  access_token: z.string().check(z.minLength(1), z.maxLength(4096)),
  /** The tenant the bar signs in to; must match the token's. */
  tenantSpaceId: z.string().check(z.minLength(1), z.maxLength(128)),
  /** The agent's CEC account (`accountCode`); must match the token's. */
  userAccount: z.string().check(z.minLength(1), z.maxLength(100)),
});
/**
 * A verification request, as {@link validateRequestSchema} accepts it.
 * @interface
 */
export type ValidateRequest = z.infer<typeof validateRequestSchema>;

/**
 * The `retCode`s the verification API answers: 0 is valid, anything else a failure. The failures
 * follow CEC's chat API token states.
 *
 * @example
 * ```ts
 * import { VALIDATE_RETCODES } from 'cec-bar-host/protocol';
 * const reply = { retCode: VALIDATE_RETCODES.EXPIRED, message: 'token expired' };
 * ```
 */
export const VALIDATE_RETCODES = {
  /** The token is genuine, unexpired, and was issued for this user and tenant. */
  OK: 0,
  /** `access_token` is empty. */
  EMPTY: 1,
  /** Bad signature or algorithm, malformed, wrong issuer, audience, user or tenant, not yet valid, or already used. */
  INVALID: 2,
  /** The token expired. */
  EXPIRED: 3,
  /** The check itself failed (answered with status 503). */
  SYSTEM_ERROR: 4,
} as const;

/**
 * The verification API's answer, as CEC reads it (`retCode` may arrive as a digit string).
 *
 * @example
 * ```ts
 * import { validateResponseSchema, isValidateSuccess } from 'cec-bar-host/protocol';
 * const parsed = validateResponseSchema.safeParse({ retCode: '0', message: 'validate success' });
 * console.log(parsed.success && isValidateSuccess(parsed.data)); // true
 * ```
 */
export const validateResponseSchema = z.object({
  /** One of {@link VALIDATE_RETCODES}; 0 means valid. */
  retCode: z.union([z.int(), z.string().check(z.regex(/^-?\d+$/))]),
  /** Free text for people, such as `validate success`. */
  message: z.optional(z.string()),
});
/**
 * The answer `createValidateHandler` sends.
 *
 * @example
 * ```ts
 * import { VALIDATE_RETCODES, type ValidateResponse } from 'cec-bar-host/protocol';
 * const reply: ValidateResponse = { retCode: VALIDATE_RETCODES.OK, message: 'validate success' };
 * ```
 */
export type ValidateResponse = {
  /** One of {@link VALIDATE_RETCODES}. */
  retCode: number;
  /** Free text for people. */
  message: string;
};

/**
 * True when the verification API accepted the token (`retCode` 0, as a number or a string).
 *
 * @example
 * ```ts
 * import { isValidateSuccess } from 'cec-bar-host/protocol';
 * isValidateSuccess({ retCode: '2', message: 'invalid' }); // false
 * ```
 */
export function isValidateSuccess(reply: z.infer<typeof validateResponseSchema>): boolean {
  return Number(reply.retCode) === 0;
}
