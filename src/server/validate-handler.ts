/** CEC's verification callback (docs/cec-reference.md §4) as a Node `(req, res)` handler. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { VALIDATE_MAX_BODY_BYTES, VALIDATE_RETCODES, validateRequestSchema, type ValidateResponse } from '../protocol/verification.js';
import type { BarTokenFailure, BarTokenIssuer } from './bar-token.js';
import { HttpError, isJsonContentType, readBody, sendJson } from './http-io.js';
import { safeLog, type ServerLogger } from './logger.js';

/**
 * Options of {@link createValidateHandler}.
 *
 * @example
 * ```ts
 * import { createBarTokenIssuer, createValidateHandler, type ValidateHandlerOptions } from 'cec-bar-host/server';
 * const issuer = createBarTokenIssuer({ key: BAR_TOKEN_SECRET, ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar', oneTimeUse: true });
 * const options: ValidateHandlerOptions = { issuer, maxBodyBytes: 8192, logger: console };
 * const validate = createValidateHandler(options);
 * ```
 */
export interface ValidateHandlerOptions {
  /** Checks the token CEC hands back: a `BarTokenIssuer` (only `verify` is used). */
  readonly issuer: Pick<BarTokenIssuer, 'verify'>;
  /**
   * Larger bodies get 413.
   * @default VALIDATE_MAX_BODY_BYTES (8 KiB)
   */
  readonly maxBodyBytes?: number;
  /**
   * Where each refusal's reason is logged (`token refused: replayed`), never the token.
   * @default none
   */
  readonly logger?: ServerLogger;
}

/**
 * A Node request handler; resolves once the answer is sent. It never rejects.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createBarTokenIssuer, createValidateHandler, type ValidateHandler } from 'cec-bar-host/server';
 * const issuer = createBarTokenIssuer({ key: BAR_TOKEN_SECRET, ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar' });
 * const validate: ValidateHandler = createValidateHandler({ issuer });
 * createServer((req, res) => void validate(req, res)).listen(8443, '127.0.0.1');
 * ```
 */
export type ValidateHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Why a token was refused, in CEC's token-state codes (docs/cec-reference.md §4.2). */
const RETCODE_OF: Record<BarTokenFailure, number> = {
  expired: VALIDATE_RETCODES.EXPIRED,
  not_yet_valid: VALIDATE_RETCODES.INVALID,
  signature: VALIDATE_RETCODES.INVALID,
  algorithm: VALIDATE_RETCODES.INVALID,
  malformed: VALIDATE_RETCODES.INVALID,
  wrong_issuer: VALIDATE_RETCODES.INVALID,
  wrong_audience: VALIDATE_RETCODES.INVALID,
  wrong_user: VALIDATE_RETCODES.INVALID,
  wrong_tenant: VALIDATE_RETCODES.INVALID,
  replayed: VALIDATE_RETCODES.INVALID,
};

/** Answers CEC; `close` ends the connection after an unread (oversized or broken) body. */
function send(res: ServerResponse, status: number, body: ValidateResponse, close = false): void {
  sendJson(res, status, body, {
    ...(status === 405 ? { Allow: 'POST' } : {}),
    ...(close ? { Connection: 'close' } : {}),
  });
}

/**
 * Creates the handler CEC calls with `{ access_token, tenantSpaceId, userAccount }`. It answers
 * `{ retCode: 0, message: 'validate success' }` for a good token, else a non-zero `retCode`
 * (VALIDATE_RETCODES) and the reason. HTTP status: 200 for a verdict on a token, 400 for a body
 * that is not a request, 405 for other methods, 413 for a body over the limit, 415 for a body that
 * is not `application/json` (chosen here; CEC documents only the JSON). The 415 keeps cross-site
 * `text/plain` and form posts, which need no CORS preflight, from using up one-time tokens.
 *
 * @param options - The issuer whose tokens it accepts.
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createBarTokenIssuer, createValidateHandler } from 'cec-bar-host/server';
 * const issuer = createBarTokenIssuer({ key: BAR_TOKEN_SECRET, ttlSeconds: 120, issuer: 'https://crm.example.com', audience: 'cec-bar' });
 * const handler = createValidateHandler({ issuer });
 * createServer((req, res) => {
 *   if (req.url === '/rest/cc-management/v1/thirdparty/thirdPartyValidate') void handler(req, res);
 * }).listen(8443, '127.0.0.1');
 * ```
 */
export function createValidateHandler(options: ValidateHandlerOptions): ValidateHandler {
  if (!options || typeof options.issuer?.verify !== 'function') throw new TypeError('createValidateHandler: issuer is required');
  const maxBytes = options.maxBodyBytes ?? VALIDATE_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes < 64) throw new RangeError('createValidateHandler: maxBodyBytes must be an integer >= 64');
  const log = safeLog(options.logger, () => []);
  const { INVALID, EMPTY, SYSTEM_ERROR, OK } = VALIDATE_RETCODES;

  return async function validateHandler(req, res) {
    try {
      if (req.method !== 'POST') {
        req.resume();
        return send(res, 405, { retCode: INVALID, message: 'method not allowed: use POST' });
      }
      if (!isJsonContentType(req.headers['content-type'])) {
        req.resume();
        return send(res, 415, { retCode: INVALID, message: 'Content-Type must be application/json' });
      }
      let raw: Buffer;
      try {
        raw = await readBody(req, maxBytes);
      } catch (error) {
        const e = error instanceof HttpError ? error : new HttpError(400, 'unreadable body');
        log('warn', 'validate: bad body', { status: e.status, reason: e.message });
        return send(res, e.status, { retCode: INVALID, message: e.message }, true);
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        return send(res, 400, { retCode: INVALID, message: 'body is not JSON' });
      }
      const parsed = validateRequestSchema.safeParse(json);
      if (!parsed.success) {
        const token = (json as { access_token?: unknown } | null)?.access_token;
        const empty = token === undefined || token === null || token === '';
        const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '(body)')))].join(', ');
        return send(res, 400, { retCode: empty ? EMPTY : INVALID, message: empty ? 'access_token is empty' : `invalid fields: ${fields}` });
      }
      const { access_token, tenantSpaceId, userAccount } = parsed.data;
      const result = await options.issuer.verify(access_token, { userAccount, tenantSpaceId });
      if (result.ok) return send(res, 200, { retCode: OK, message: 'validate success' });
      log('info', 'validate: token refused', { reason: result.reason, userAccount, tenantSpaceId });
      return send(res, 200, { retCode: RETCODE_OF[result.reason], message: `token refused: ${result.reason}` });
    } catch (error) {
      // Our own failure, not the caller's: 503 so CEC may try again (chosen here).
      log('error', 'validate: internal error', { error: String(error) });
      return send(res, 503, { retCode: SYSTEM_ERROR, message: 'system error' });
    }
  };
}
