/**
 * The one place that decides which zod flavour the shared schemas use.
 * `zod/mini` keeps browser bundles small and never uses `new Function` (CSP-safe).
 * We format issues ourselves (see `formatIssues`) instead of loading zod's English locale.
 *
 * Tree-shaking: a zod builder call (`z.object(…)`, `z.string().check(…)`) is a call whose effects
 * rollup cannot see, so a top-level schema that a bundle never uses would still ship in it (the host
 * imports `bridge.ts` for the shell's messages, not for the commands the shell parses). Such a schema
 * is written `const schema = /* @__PURE__ *\/ (() => z.object({ … }))();`. The mark covers the whole
 * arrow: on `z.object(…)` alone it would not do, because rollup still checks the arguments (more
 * builder calls) for effects. terser keeps a marked call, so each costs a few bytes where it is used.
 *
 * Size: the schemas the host bundles use `z.literal` for fixed values, also for a list of strings
 * (`z.literal(['a', 'b'])`, not `z.enum`), for `null` and for booleans (`z.literal([true, false])`):
 * the same checks, and the host ships one schema class instead of four (figures: the host rows of
 * test/support/size-ceilings.mjs).
 */
export * as z from 'zod/mini';

import type * as zcore from 'zod/v4/core';

/**
 * A readable, one-line description of why a value failed a schema: `path: problem` per issue.
 *
 * @param issues - zod's issues (`result.error.issues`).
 * @param max - How many issues to describe before `…and N more`.
 * @example
 * ```ts
 * import { formatIssues, validateRequestSchema } from 'cec-bar-host/protocol';
 * const result = validateRequestSchema.safeParse({ access_token: '' });
 * if (!result.success) console.warn(formatIssues(result.error.issues)); // 'access_token: too small (min 1); …'
 * ```
 */
export function formatIssues(issues: readonly zcore.$ZodIssue[], max = 4): string {
  const parts = issues.slice(0, max).map((issue) => {
    const where = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    return `${where}: ${describeIssue(issue)}`;
  });
  if (issues.length > max) parts.push(`…and ${issues.length - max} more`);
  return parts.join('; ');
}

function describeIssue(issue: zcore.$ZodIssue): string {
  // zod/mini carries no English messages; the issue's own fields say enough ("too big (max 64)",
  // "invalid value", "expected string"). Kept terse: every byte here ships in the host bundle.
  const i = issue as { code: string; expected?: unknown; maximum?: unknown; minimum?: unknown };
  if (i.code === 'invalid_type') return `expected ${String(i.expected)}`;
  const limit = i.maximum ?? i.minimum;
  return i.code.replace(/_/g, ' ') + (limit === undefined ? '' : ` (${i.maximum === undefined ? 'min' : 'max'} ${String(limit)})`);
}

/**
 * A value built on first use, then kept: for schemas that only the shell needs, and not in its
 * first task. That task ends before the shell's "listening" announcement goes out, so every
 * schema it builds delays the handshake (bench/browser.mjs, mount profile); the handshake's schema
 * is built when the handshake comes, the host commands' while the bar script request is on its way
 * (src/frame/parser-warm-up.ts).
 *
 * An exported schema stays a plain constant, written `/* @__PURE__ *\/ built()`: a bundle that
 * never names the constant leaves it out, and builds on first use (an argument that calls another
 * builder needs the arrow: `/* @__PURE__ *\/ (() => unionOf(built()))()`). Calls of this function
 * are marked free of side effects, so a builder that no code of a bundle calls is left out too:
 * the host's bundle has none of the shell's.
 *
 * @example
 * const pingSchema = builtOnFirstUse(() => z.object({ kind: z.literal('ping') }));
 * const accepted = pingSchema().safeParse(data).success;
 */
/* @__NO_SIDE_EFFECTS__ */
export function builtOnFirstUse<T extends object>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}
