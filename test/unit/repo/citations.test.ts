/**
 * The repository is self-contained: code, tests and docs cite CEC facts and toolchain traps only in
 * docs/cec-reference.md and docs/toolchain.md, never in notes that live outside the repository, and
 * every section (`§5.7`) or anchor (`#gateway-timing`) they cite exists in the cited file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** This file: its own examples below cite missing sections on purpose. */
const THIS_FILE = path.relative(ROOT, import.meta.filename);
const SCANNED_DIRS = ['src', 'mock-fabric', 'host-demo', 'test', 'bench', 'scripts', 'docs'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'test-results', 'playwright-report']);
const TEXT_FILE = /\.(?:[cm]?[jt]s|json|md|html|css|ya?ml|txt)$/;

/**
 * Names of notes outside the repository: the shared CEC notes, a toolchain notes file other than
 * docs/toolchain.md (a relative Markdown link `](toolchain.md…` inside docs/ is fine), and the
 * shared folder itself. Escaped so that this line does not match itself.
 */
const OUTSIDE_NOTES = /cec\-facts|(?<!docs\/|\]\()toolchain\.md|\/work\/shared|\.\.\/shared/;

/**
 * A citation of an in-repo reference: `docs/cec-reference.md §2.5, §6`, `docs/toolchain.md#postmate`,
 * or a Markdown link `](../docs/cec-reference.md#phones)`. Groups: file, anchor, section list.
 */
const CITATION = /(?:docs\/|\]\((?:\.\.\/)*)(cec-reference|toolchain)\.md(?:#([\w-]+))?((?:,?\s*§\d+(?:\.\d+)*)*)/g;

interface ReferenceTargets {
  readonly sections: ReadonlySet<string>;
  readonly anchors: ReadonlySet<string>;
}

/** Section numbers from numbered headings (`## 5. …`, `### 5.7 …`) and `<a id="…">` anchors. */
function targetsOf(markdown: string): ReferenceTargets {
  const sections = new Set<string>();
  for (const [, number = ''] of markdown.matchAll(/^#{2,6}\s+(\d+(?:\.\d+)*)\.?\s/gm)) sections.add(number);
  const anchors = new Set<string>();
  for (const [, id = ''] of markdown.matchAll(/<a id="([\w-]+)"><\/a>/g)) anchors.add(id);
  return { sections, anchors };
}

function loadTargets(): Record<string, ReferenceTargets> {
  const read = (name: string) => targetsOf(readFileSync(path.join(ROOT, 'docs', `${name}.md`), 'utf8'));
  return { 'cec-reference': read('cec-reference'), toolchain: read('toolchain') };
}

/** What each citation in `text` names that its file lacks, e.g. `docs/cec-reference.md §9`. */
function brokenCitations(text: string, targets: Record<string, ReferenceTargets>): { cited: number; broken: string[] } {
  const broken: string[] = [];
  let cited = 0;
  for (const [, file = '', anchor, sectionList = ''] of text.matchAll(CITATION)) {
    cited += 1;
    const target = targets[file];
    if (!target) {
      broken.push(`docs/${file}.md (not a reference this test knows)`);
      continue;
    }
    if (anchor !== undefined && !target.anchors.has(anchor)) broken.push(`docs/${file}.md#${anchor}`);
    for (const [, section = ''] of sectionList.matchAll(/§(\d+(?:\.\d+)*)/g)) {
      if (!target.sections.has(section)) broken.push(`docs/${file}.md §${section}`);
    }
  }
  return { cited, broken };
}

function scannedFiles(): string[] {
  const files: string[] = [];
  const walk = (relativeDir: string) => {
    for (const entry of readdirSync(path.join(ROOT, relativeDir), { withFileTypes: true })) {
      const relative = path.join(relativeDir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) walk(relative);
      else if (entry.isFile() && TEXT_FILE.test(entry.name)) files.push(relative);
    }
  };
  for (const dir of SCANNED_DIRS) walk(dir);
  return files;
}

/** Every scanned line, as `file:line` and its text. */
function scannedLines(): Array<{ where: string; text: string }> {
  return scannedFiles().flatMap((file) =>
    readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .map((text, index) => ({ where: `${file}:${index + 1}`, text })),
  );
}

describe('citations stay inside the repository', () => {
  const lines = scannedLines();

  it('no file names notes that live outside the repository', () => {
    const offenders = lines.filter((line) => OUTSIDE_NOTES.test(line.text)).map((line) => `${line.where}: ${line.text.trim()}`);
    expect(offenders).toEqual([]);
  });

  it('every cited section and anchor exists in docs/cec-reference.md or docs/toolchain.md', () => {
    const targets = loadTargets();
    let cited = 0;
    const broken: string[] = [];
    for (const line of lines.filter((candidate) => !candidate.where.startsWith(`${THIS_FILE}:`))) {
      const result = brokenCitations(line.text, targets);
      cited += result.cited;
      broken.push(...result.broken.map((what) => `${line.where}: ${what}`));
    }
    expect(broken).toEqual([]);
    // The code cites the references about 60 times; far fewer means the pattern stopped matching.
    expect(cited).toBeGreaterThanOrEqual(50);
  });
});

describe('the checks themselves', () => {
  const targets = { 'cec-reference': targetsOf('## 5. Gateway\n<a id="gateway-timing"></a>\n### 5.7 Timing\n'), toolchain: targetsOf('') };

  it('accept existing sections and anchors, in comments and in Markdown links', () => {
    expect(brokenCitations('(docs/cec-reference.md §5, §5.7)', targets)).toEqual({ cited: 1, broken: [] });
    expect(brokenCitations('[timing](../docs/cec-reference.md#gateway-timing)', targets)).toEqual({ cited: 1, broken: [] });
  });

  it('report a missing section, a missing anchor and a missing file anchor', () => {
    expect(brokenCitations('docs/cec-reference.md §5.8 and docs/cec-reference.md#no-such-place', targets).broken).toEqual([
      'docs/cec-reference.md §5.8',
      'docs/cec-reference.md#no-such-place',
    ]);
    expect(brokenCitations('(docs/toolchain.md §3.2)', targets).broken).toEqual(['docs/toolchain.md §3.2']);
  });

  it('flag the outside notes by name but not docs/toolchain.md', () => {
    expect(OUTSIDE_NOTES.test('(cec\u002dfacts §2)')).toBe(true);
    expect(OUTSIDE_NOTES.test('in the order toolchain\u002emd gives')).toBe(true);
    expect(OUTSIDE_NOTES.test('see docs/toolchain.md §2.2 and [traps](toolchain.md#postmate)')).toBe(false);
  });
});
