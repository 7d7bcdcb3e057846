/**
 * `cec-bar-host/protocol`: the shapes every part of cec-bar-host shares. Pure: no DOM, no Node.
 * @packageDocumentation
 */
export { formatIssues } from './zod.js';
export * from './errors.js';
export { BarError, isBarError } from './bar-error.js';
export { FabricError, isFabricError } from './fabric-error.js';
export * from './json.js';
export * from './cec-events.js';
export * from './cec-commands.js';
export * from './gateway.js';
export * from './fabric.js';
export * from './verification.js';
export * from './bridge.js';
export * from './redact.js';
export * from './tenant-config.js';
