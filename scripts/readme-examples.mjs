// Finds the code examples the docs mark as runnable, so the packed-package tier runs them as
// written. A marked block is a fenced `ts` block preceded by a comment such as
//   <!-- example: playwright tests/screen-pop.spec.ts -->
//   <!-- example: script mock-fabric.mts -->
// `playwright` blocks run with `playwright test` in the consumer project, `script` blocks are
// compiled with tsc and run with node.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const MARKER = /<!-- example: (playwright|script) (\S+) -->\s*\n```ts\n([\s\S]*?)\n```/g;

/** Every marked example in `readme` and the Markdown files of `docsDir`. */
export function readmeExamples(readme, docsDir) {
  const files = [readme, ...readdirSync(docsDir).filter((name) => name.endsWith('.md')).map((name) => path.join(docsDir, name))];
  const examples = [];
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(MARKER)) {
      examples.push({ kind: match[1], file: match[2], code: `${match[3]}\n`, source: path.basename(file) });
    }
  }
  return examples;
}
