/**
 * How the configuration APIs answer (docs/cec-reference.md §6.7): each in its own envelope,
 * `resultCode`/`resultMessage` (agent APIs) or `returnCode`/`description` (skill and route APIs).
 * A refused request changes nothing and names the field (MOCK_CHOICES.configFailureCode).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONFIG_SUCCESS_CODE, formatIssues } from '../../src/protocol/index.js';
import type { z } from '../../src/protocol/zod.js';
import { readJson, sendJson } from '../../src/server/http-io.js';
import { MOCK_CHOICES } from '../choices.js';
import type { FabricRoute } from '../fabric-api.js';
import { MOCK_JSON_BODY } from '../http-util.js';

/**
 * A configuration request refused before anything changed: `message` starts with the field's path.
 *
 * @example
 * throw new ConfigRejection('requestParam.skills.0.skillId', 'unknown skill 9');
 */
export class ConfigRejection extends Error {
  override readonly name = 'ConfigRejection';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** Which envelope an API answers in. */
export type EnvelopeKind = 'result' | 'return';

/** The success envelope, with the API's own extra fields. */
export function success(kind: EnvelopeKind, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const envelope = kind === 'result' ? { resultCode: CONFIG_SUCCESS_CODE, resultMessage: message } : { returnCode: CONFIG_SUCCESS_CODE, description: message };
  return { ...envelope, ...extra };
}

/** The failure envelope naming what is wrong. */
export function failure(kind: EnvelopeKind, message: string): Record<string, unknown> {
  return kind === 'result' ? { resultCode: MOCK_CHOICES.configFailureCode, resultMessage: message } : { returnCode: MOCK_CHOICES.configFailureCode, description: message };
}

/**
 * The request body checked against the API's schema; a ConfigRejection naming the first bad
 * fields otherwise.
 */
export function parseBody<Output>(schema: z.ZodMiniType<Output>, body: unknown): Output {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const field = first && first.path.length ? first.path.map(String).join('.') : '(body)';
  throw new ConfigRejection(field, formatIssues(result.error.issues).replace(`${field}: `, ''));
}

/**
 * A POST configuration API: reads the JSON body, runs the handler and answers 200 with its
 * envelope; a ConfigRejection is answered in the failure envelope.
 */
export function configRoute(kind: EnvelopeKind, handle: (body: unknown) => Record<string, unknown>): FabricRoute {
  return {
    method: 'POST',
    run: async (req: IncomingMessage, res: ServerResponse) => {
      const body = await readJson(req, MOCK_JSON_BODY);
      try {
        sendJson(res, 200, handle(body));
      } catch (error) {
        if (!(error instanceof ConfigRejection)) throw error;
        sendJson(res, 200, failure(kind, error.message));
      }
    },
  };
}

/** CEC's page of a list: `size` items from `offset`. */
export function page<T>(items: readonly T[], offset: number, size: number): T[] {
  return items.slice(offset, offset + size);
}
