/** `cec-bar-host`: mount the CEC connection bar in a sandboxed frame (browser). */
export { BarError, isBarError } from '../protocol/bar-error.js';
export type { BarErrorCode } from '../protocol/errors.js';
