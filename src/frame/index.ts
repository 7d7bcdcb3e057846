/**
 * `cec-bar-host/frame`: the shell page that runs inside the sandboxed frame (origin B). The built
 * page (`dist/frame/shell/`) is what `createBarShellServer` serves; these parts are for a shell
 * page of your own.
 *
 * @example
 * ```ts
 * import { readShellPageConfig, startShell } from 'cec-bar-host/frame';
 * const shell = startShell({ hostOrigins: readShellPageConfig(document).hostOrigins });
 * shell.configured.then((config) => console.log('bar for', config.userAccount));
 * ```
 * @packageDocumentation
 */
export type { ShellConfig, ShellStatus } from '../protocol/bridge.js';
export { startShell, type StartShellOptions, type ShellHandle } from './shell-app.js';
export { readShellPageConfig, SHELL_PAGE_CONFIG_ID, type ShellPageConfig } from './page-config.js';
export { createShellSequencer, type ShellSequencer, type SequencerOptions, type ShellMessageBody } from './sequencer.js';
export { installParentGate, checkHandshakeModel, type ParentGate, type ParentGateOptions, type GateRejectReason } from './parent-gate.js';
export { linkToParent, type ParentLink, type ParentLinkOptions } from './parent-link.js';
export { loadBarScript, MAX_BAR_SCRIPT_BYTES, type BarLoadResult } from './bar-loader.js';
export { watchBarFrame, allowsBarFeatures, BAR_FRAME_ALLOW, BAR_FRAME_NAME, type BarFrameWatch } from './bar-frame.js';
export { listenToBar, type BarRelayOptions, type BarRejectReason } from './bar-relay.js';
