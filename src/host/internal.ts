/** Package-internal hooks on a mounted bar (not public API). */
import type { BarError } from '../protocol/bar-error.js';

/** Routes an error to a bar's `error` event (used by `screenPop`). */
export const errorSinks = new WeakMap<object, (error: BarError) => void>();
