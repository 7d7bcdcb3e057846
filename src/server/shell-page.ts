/**
 * The shell page as `createBarShellServer` hands it out: the built `shell.html` with the
 * deployment's host origins written in, and its script and stylesheet inlined under a CSP nonce
 * that is new for every response.
 *
 * Why inline: the page then needs no second request before its script runs (a new shell frame
 * otherwise fetched or revalidated `shell.js` and `shell.css` first), and the shell can run the
 * bar script CEC returns as an inline script under the same nonce, at once, instead of loading it
 * from a `blob:` URL (bench/browser.mjs, mount profile). The page is `no-store`, so a nonce is
 * never served twice.
 */
import { randomBytes } from 'node:crypto';
import { FabricError } from '../protocol/fabric-error.js';

/** The built page's references to its own files, replaced by their contents. */
const STYLESHEET_TAG = '<link rel="stylesheet" href="shell.css">';
// At the end of <body> (src/frame/shell.html): inlined, the script runs where the tag was.
const SCRIPT_TAG = '<script src="shell.js"></script>';
const CONFIG_ELEMENT = /(<script type="application\/json" id="cec-shell-config">)[\s\S]*?(<\/script>)/;

/** The built shell's files, as read from its folder. */
export interface BuiltShell {
  readonly html: string;
  readonly script: string;
  readonly stylesheet: string;
}

/** JSON safe to place inside a `<script type="application/json">` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * Text that can sit inside an inline `<script>` or `<style>` element as it is. Refused, not
 * escaped: an escape that is right for every JavaScript context does not exist, and the built
 * shell never contains these.
 */
function checkInlineable(text: string, file: string, closing: RegExp): void {
  if (closing.test(text) || text.includes('<!--')) {
    throw new FabricError('INVALID_OPTIONS', `${file} cannot be inlined: it contains "<!--" or its element's closing tag`);
  }
}

/**
 * Prepares the page once (the host origins written into its config element) and returns what
 * renders it for one response: the script and stylesheet inlined under that response's nonce.
 *
 * @throws FabricError `INVALID_OPTIONS` when the page lacks the config element or the tags that
 *   load `shell.js` and `shell.css` (a renamed build output must fail at start, not in a browser).
 * @example
 * const render = shellPageRenderer({ html, script, stylesheet }, ['https://crm.example.com']);
 * const page = render(newCspNonce());
 */
export function shellPageRenderer(built: BuiltShell, hostOrigins: readonly string[]): (nonce: string) => Buffer {
  const missing = [STYLESHEET_TAG, SCRIPT_TAG].filter((tag) => !built.html.includes(tag));
  if (!CONFIG_ELEMENT.test(built.html)) missing.unshift('the cec-shell-config element');
  if (missing.length > 0) throw new FabricError('INVALID_OPTIONS', `shell.html lacks ${missing.join(', ')}`);
  checkInlineable(built.script, 'shell.js', /<\/script/i);
  checkInlineable(built.stylesheet, 'shell.css', /<\/style/i);
  const page = built.html.replace(CONFIG_ELEMENT, (_match, open: string, close: string) => `${open}${scriptJson({ hostOrigins })}${close}`);
  // Cut once around the two tags; each response joins the pieces with its nonce (nothing in the
  // inlined files is ever searched or replaced, whatever they contain).
  const inlined = [
    { tag: STYLESHEET_TAG, element: (nonce: string) => `<style nonce="${nonce}">${built.stylesheet}</style>` },
    { tag: SCRIPT_TAG, element: (nonce: string) => `<script nonce="${nonce}">${built.script}</script>` },
  ]
    .map((part) => ({ ...part, at: page.indexOf(part.tag) }))
    .sort((first, second) => first.at - second.at);
  const [earlier, later] = inlined as [(typeof inlined)[number], (typeof inlined)[number]];
  const head = page.slice(0, earlier.at);
  const between = page.slice(earlier.at + earlier.tag.length, later.at);
  const tail = page.slice(later.at + later.tag.length);
  return (nonce) => Buffer.from(`${head}${earlier.element(nonce)}${between}${later.element(nonce)}${tail}`);
}

/**
 * A CSP nonce: 128 random bits, base64 (the characters a `'nonce-…'` source allows).
 *
 * @example
 * const nonce = newCspNonce(); // e.g. 'q3Zr0vJ8k1dG2w5mXo9b1A=='
 */
export function newCspNonce(): string {
  return randomBytes(16).toString('base64');
}
