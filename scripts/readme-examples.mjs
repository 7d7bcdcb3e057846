// Finds the code examples the docs mark as runnable, so the packed-package tier runs them as
// written. A marked block is a fenced `ts` block preceded by a comment such as
//   <!-- example: playwright tests/screen-pop.spec.ts -->
//   <!-- example: script mock-fabric.mts -->
// `playwright` blocks run with `playwright test` in the consumer project, `script` blocks are
// compiled with tsc and run with node. Every other `ts` block of the README and the user-facing
// docs is type-checked against the installed package (`typecheckedExamples`).
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

/** The user-facing pages whose unmarked `ts` blocks must type-check (the contributor notes are not API examples). */
export const USER_DOCS = ['integration.md', 'api.md', 'qa.md', 'tabs.md', 'security.md', 'troubleshooting.md', 'errors.md', 'provisioning.md'];

/** Every unmarked `ts` block of the README and USER_DOCS, with where it is. */
export function typecheckedExamples(readme, docsDir) {
  const files = [readme, ...USER_DOCS.map((name) => path.join(docsDir, name))];
  const blocks = [];
  for (const file of files) {
    const markdown = readFileSync(file, 'utf8');
    for (const match of markdown.matchAll(/(<!-- example: [^>]*-->\s*\n)?```ts\n([\s\S]*?)\n```/g)) {
      if (match[1]) continue;
      blocks.push({ source: path.basename(file), line: markdown.slice(0, match.index).split('\n').length, code: match[2] });
    }
  }
  return blocks;
}

/**
 * The fenced `ts` examples of the TSDoc comments in the published declaration files, each once
 * (the tabs entry repeats the host's), with the file it was first found in.
 */
export function declarationExamples(declarationFiles) {
  const seen = new Set();
  const blocks = [];
  for (const file of declarationFiles) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^\s*\* ```ts\n([\s\S]*?)^\s*\* ```/gm)) {
      const code = match[1].split('\n').map((line) => line.replace(/^\s*\* ?/, '')).join('\n').trimEnd();
      if (seen.has(code)) continue;
      seen.add(code);
      blocks.push({ source: path.basename(path.dirname(file)), line: text.slice(0, match.index).split('\n').length, code });
    }
  }
  return blocks;
}
