/**
 * Loads CEC's bar into the shell page exactly as CEC's integration guide does (docs/cec-reference.md §1.5):
 * set `$aicc_ContextPath`, POST the token to the bar script URL, run the returned JavaScript. The
 * script runs inline under the shell page's CSP nonce when the page has one (as
 * `createBarShellServer` serves it: it runs at once, with no further fetch), else from a `blob:`
 * URL (the built page served as files; its CSP allows `'self' blob:`). Never `'unsafe-inline'`.
 */
import type { ShellConfig } from '../protocol/bridge.js';

/**
 * What {@link loadBarScript} resolves with.
 *
 * @example
 * ```ts
 * import { loadBarScript, type BarLoadResult } from 'cec-bar-host/frame';
 * import { parseShellConfig } from 'cec-bar-host/protocol';
 * const parsed = parseShellConfig(message.data);
 * const result: BarLoadResult | undefined = parsed.ok ? await loadBarScript(parsed.config, window) : undefined;
 * ```
 */
export type BarLoadResult =
  | {
      /** The script ran. */
      readonly ok: true;
    }
  | {
      /** It did not. */
      readonly ok: false;
      /** `token-rejected`: CEC answered 401 or 403; `bar-failed`: anything else. */
      readonly status: 'token-rejected' | 'bar-failed';
      /** What happened, for people (never the token). */
      readonly detail: string;
    };

declare global {
  interface Window {
    $aicc_ContextPath?: string;
  }
}

/**
 * Largest bar script accepted (4 MiB). Not documented by CEC; chosen here.
 *
 * @example
 * ```ts
 * import { MAX_BAR_SCRIPT_BYTES } from 'cec-bar-host/frame';
 * console.log(`bar scripts over ${MAX_BAR_SCRIPT_BYTES} bytes are refused as bar-failed`);
 * ```
 */
export const MAX_BAR_SCRIPT_BYTES = 4 * 1024 * 1024;

/** Reads `{ retCode, message }` from a refusal body, if it is one (the mock's shape; chosen here). */
async function refusalDetail(res: Response): Promise<string> {
  try {
    const text = (await res.text()).slice(0, 2048);
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null) {
      const { retCode, message } = body as { retCode?: unknown; message?: unknown };
      return `HTTP ${res.status}, retCode ${String(retCode)}: ${typeof message === 'string' ? message.slice(0, 256) : ''}`;
    }
  } catch {
    // not JSON: the status alone says enough
  }
  return `HTTP ${res.status}`;
}

/**
 * Load CEC's bar as its integration guide does: set `$aicc_ContextPath`, POST the token to the bar
 * script URL, run the returned script (inline under `scriptNonce`, else from a `blob:` URL).
 * Resolves once the script has run (or failed); never rejects.
 *
 * @param config - The handshake config (context path, script path, token, tenant, user).
 * @param win - The shell's window.
 * @param fetchImpl - The `fetch` to use.
 * @param scriptNonce - The shell page's CSP nonce (the `nonce` of its own script), if it has one;
 *   without one the script runs from a `blob:` URL.
 * @example
 * ```ts
 * import { loadBarScript } from 'cec-bar-host/frame';
 * import { parseShellConfig } from 'cec-bar-host/protocol';
 * const parsed = parseShellConfig(message.data);
 * if (parsed.ok) {
 *   const result = await loadBarScript(parsed.config, window, fetch, document.currentScript?.nonce);
 *   if (!result.ok) console.warn(result.status, result.detail);
 * }
 * ```
 */
export async function loadBarScript(config: ShellConfig, win: Window, fetchImpl: typeof fetch = win.fetch.bind(win), scriptNonce?: string): Promise<BarLoadResult> {
  win.$aicc_ContextPath = config.cecContextPath;
  let res: Response;
  try {
    res = await fetchImpl(new URL(config.scriptPath, config.cecContextPath).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'include',
      cache: 'no-store',
      body: JSON.stringify({ access_token: config.accessToken, tenantSpaceId: config.tenantSpaceId, userAccount: config.userAccount }),
    });
  } catch (err) {
    return { ok: false, status: 'bar-failed', detail: `bar script request failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (res.status === 401 || res.status === 403) return { ok: false, status: 'token-rejected', detail: await refusalDetail(res) };
  if (res.status !== 200) return { ok: false, status: 'bar-failed', detail: `bar script: ${await refusalDetail(res)}` };
  const source = await res.text();
  if (source.length > MAX_BAR_SCRIPT_BYTES) return { ok: false, status: 'bar-failed', detail: 'bar script too large' };
  return scriptNonce ? runInlineScript(source, win, scriptNonce) : runBlobScript(source, win);
}

/** The attribute the inline bar script sets on its own element as its last statement. */
const RAN_MARK = 'data-cec-bar-ran';

/**
 * Run JavaScript source as an inline script under the page's nonce. It runs synchronously while
 * the element is inserted, so an `error` event meanwhile is its own. A script the CSP refused
 * raises no error event (the violation is reported later): the mark its last line sets tells.
 */
function runInlineScript(source: string, win: Window, nonce: string): BarLoadResult {
  const doc = win.document;
  let runtimeError: string | null = null;
  const onError = (e: ErrorEvent): void => {
    runtimeError ??= e.message || 'script error';
  };
  const script = doc.createElement('script');
  script.nonce = nonce;
  // On a line of its own: a source that ends in a line comment cannot swallow it.
  script.textContent = `${source}\n;document.currentScript.setAttribute(${JSON.stringify(RAN_MARK)}, '');`;
  win.addEventListener('error', onError);
  try {
    (doc.head ?? doc.documentElement).appendChild(script);
  } finally {
    win.removeEventListener('error', onError);
    script.remove();
  }
  if (runtimeError !== null) return { ok: false, status: 'bar-failed', detail: `bar script threw: ${runtimeError}` };
  if (!script.hasAttribute(RAN_MARK)) return { ok: false, status: 'bar-failed', detail: 'bar script could not run (refused by the shell page\'s CSP?)' };
  return { ok: true };
}

/** Run JavaScript source from a `blob:` URL script element; a load or runtime error is a failure. */
function runBlobScript(source: string, win: Window): Promise<BarLoadResult> {
  const doc = win.document;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return new Promise((resolve) => {
    let runtimeError: string | null = null;
    const onError = (e: ErrorEvent): void => {
      if (e.filename === url) runtimeError = e.message || 'script error';
    };
    const done = (result: BarLoadResult): void => {
      win.removeEventListener('error', onError);
      URL.revokeObjectURL(url);
      script.remove();
      resolve(result);
    };
    win.addEventListener('error', onError);
    const script = doc.createElement('script');
    script.src = url;
    // `load` fires after the script ran; a runtime error was reported to window first.
    script.onload = () => done(runtimeError ? { ok: false, status: 'bar-failed', detail: `bar script threw: ${runtimeError}` } : { ok: true });
    script.onerror = () => done({ ok: false, status: 'bar-failed', detail: 'bar script could not run' });
    (doc.head ?? doc.documentElement).appendChild(script);
  });
}
