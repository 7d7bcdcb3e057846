/** Reads the shell page's own configuration, written into the page by `createBarShellServer`. */
import { isExactOrigin } from '../protocol/origin.js';
import { z, formatIssues } from '../protocol/zod.js';

/**
 * The id of the `<script type="application/json">` element that carries the shell page's config.
 *
 * @example
 * ```ts
 * import { SHELL_PAGE_CONFIG_ID } from 'cec-bar-host/frame';
 * const html = `<script type="application/json" id="${SHELL_PAGE_CONFIG_ID}">${JSON.stringify({ hostOrigins: ['https://crm.example.com'] })}</script>`;
 * ```
 */
export const SHELL_PAGE_CONFIG_ID = 'cec-shell-config';

const pageConfigSchema = z.object({
  /** The CRM origins that may frame and configure the shell: 1-64 exact origins, `http(s)://host[:port]`. */
  // The same rule as the server's: the gate compares origins exactly, so nothing else could ever match.
  hostOrigins: z.array(z.string().check(z.refine(isExactOrigin, 'not an exact origin'))).check(z.minLength(1), z.maxLength(64)),
});
/**
 * The shell page's own configuration.
 * @interface
 */
export type ShellPageConfig = z.infer<typeof pageConfigSchema>;

/**
 * Reads the shell page's own configuration, written into the page by `createBarShellServer`.
 *
 * @param doc - The shell page's document.
 * @throws TypeError when the element is missing, is not JSON, or lists no valid origin.
 * @example
 * ```ts
 * import { readShellPageConfig } from 'cec-bar-host/frame';
 * const { hostOrigins } = readShellPageConfig(document);
 * ```
 */
export function readShellPageConfig(doc: Document): ShellPageConfig {
  const el = doc.getElementById(SHELL_PAGE_CONFIG_ID);
  if (!el) throw new TypeError(`shell page has no #${SHELL_PAGE_CONFIG_ID} element`);
  let value: unknown;
  try {
    value = JSON.parse(el.textContent ?? '');
  } catch {
    throw new TypeError(`#${SHELL_PAGE_CONFIG_ID} is not JSON`);
  }
  const r = pageConfigSchema.safeParse(value);
  if (!r.success) throw new TypeError(`#${SHELL_PAGE_CONFIG_ID}: ${formatIssues(r.error.issues)}`);
  return r.data;
}
