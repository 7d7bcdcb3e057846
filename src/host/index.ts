/**
 * `cec-bar-host`: mount the CEC stock connection bar in a sandboxed frame on an origin of its own
 * and receive typed, validated events (browser).
 * @packageDocumentation
 */
export { mountConnectionBar } from './mount.js';
export { preloadConnectionBar } from './preload.js';
export { screenPop, type ScreenPopOptions } from './screen-pop.js';
// replayRecording (./recorder.ts) is for tests and QA tools: kept out of this entry for the size budget.
export { DEFAULT_SANDBOX, DEFAULT_ALLOW } from './options.js';
export { BarError, isBarError } from '../protocol/bar-error.js';
export type { BarErrorCode } from '../protocol/errors.js';
export type { CecEvent, CecEventContent, KnownCecEvent, KnownCecEventType, UnknownCecEvent, CecEventOf } from '../protocol/cec-events.js';
export type { CallMedia } from '../protocol/cec-commands.js';
export type { RejectReason } from '../protocol/bridge.js';
export type * from './types.js';
