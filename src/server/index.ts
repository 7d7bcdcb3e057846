/** `cec-bar-host/server`: the enterprise backend kit (Node). */
export { FabricError, isFabricError } from '../protocol/fabric-error.js';
export type { FabricErrorCode } from '../protocol/errors.js';
