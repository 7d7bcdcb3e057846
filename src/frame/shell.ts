/** The shell page script (built to dist/frame/shell/shell.js as an IIFE). */
import { startShell } from './shell-app.js';
import { readShellPageConfig } from './page-config.js';

// Inline under the page's CSP nonce (as createBarShellServer serves it), the script hands that
// nonce on for CEC's bar script; loaded as a file it has none.
const scriptNonce = document.currentScript?.nonce || undefined;
startShell({ hostOrigins: readShellPageConfig(document).hostOrigins, ...(scriptNonce ? { scriptNonce } : {}) });
