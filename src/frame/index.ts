/** `cec-bar-host/frame`: the shell page that runs inside the sandboxed frame (origin B). */
export type { ShellConfig, ShellStatus } from '../protocol/bridge.js';
