/**
 * The browser half of `src/protocol`: what the host and the shell frame ship. The API Fabric,
 * CC-Gateway and verification shapes are server/mock concerns and stay out of browser bundles.
 * This is the entry the 12 KB size budget applies to.
 */
export { formatIssues } from './zod.js';
export * from './errors.js';
export { BarError, isBarError } from './bar-error.js';
export * from './json.js';
export * from './cec-events.js';
export * from './cec-commands.js';
export * from './bridge.js';
export * from './redact.js';
