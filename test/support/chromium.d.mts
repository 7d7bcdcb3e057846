/** $CHROMIUM_PATH, Debian's real binary, its wrapper; undefined → Playwright's own browser. @example resolveChromium(); */
export function resolveChromium(): string | undefined;
/** Like resolveChromium, but throws a clear error when there is no browser at all. @example requireChromium(); */
export function requireChromium(): string | undefined;
/** Launch flags every run uses. @example chromium.launch({ args: CHROMIUM_ARGS }); */
export const CHROMIUM_ARGS: string[];
