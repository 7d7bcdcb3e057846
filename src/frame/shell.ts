/** The shell page script (built to dist/frame/shell/shell.js as an IIFE). */
import { startShell } from './shell-app.js';
import { readShellPageConfig } from './page-config.js';

startShell({ hostOrigins: readShellPageConfig(document).hostOrigins });
