/** Reads the shell page's own configuration, written into the page by `createBarShellServer`. */
import { isExactOrigin } from '../protocol/origin.js';

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

/**
 * The shell page's own configuration.
 *
 * @example
 * ```ts
 * import { readShellPageConfig, type ShellPageConfig } from 'cec-bar-host/frame';
 * const config: ShellPageConfig = readShellPageConfig(document);
 * ```
 */
export interface ShellPageConfig {
  /** The CRM origins that may frame and configure the shell: 1-64 exact origins, `http(s)://host[:port]`. */
  hostOrigins: string[];
}

/** What is wrong with the page's `hostOrigins`, or null. */
function hostOriginsProblem(hostOrigins: unknown): string | null {
  if (!Array.isArray(hostOrigins)) return 'hostOrigins: expected an array';
  if (hostOrigins.length < 1 || hostOrigins.length > 64) return `hostOrigins: expected 1-64 origins, got ${hostOrigins.length}`;
  // The same rule as the server's: the gate compares origins exactly, so nothing else could ever match.
  const bad = hostOrigins.findIndex((origin) => typeof origin !== 'string' || !isExactOrigin(origin));
  return bad === -1 ? null : `hostOrigins.${bad}: not an exact origin`;
}

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
  // Checked by hand, not by a schema: the shell reads it in its first task, which its "listening"
  // announcement waits for (`builtOnFirstUse` in src/protocol/zod.ts says why that task is kept short).
  const hostOrigins = typeof value === 'object' && value !== null ? (value as { hostOrigins?: unknown }).hostOrigins : undefined;
  const problem = hostOriginsProblem(hostOrigins);
  if (problem !== null) throw new TypeError(`#${SHELL_PAGE_CONFIG_ID}: ${problem}`);
  return { hostOrigins: [...(hostOrigins as string[])] };
}
