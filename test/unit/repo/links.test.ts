/**
 * Every relative link in the repository's Markdown resolves: the file exists, and a `#anchor`
 * names a heading of that file (GitHub's slug rules) or an `<a id>` in it.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'test-results', 'playwright-report', '.git', '.build']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

/** GitHub's heading anchor: lowercase, punctuation dropped, spaces to dashes, duplicates numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading = ''] of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  for (const [, id = ''] of markdown.matchAll(/<a (?:id|name)="([^"]+)"/g)) anchors.add(id);
  return anchors;
}

/** Relative links `[text](target)` outside code, with their line numbers. */
export function relativeLinks(markdown: string): { target: string; line: number }[] {
  const links: { target: string; line: number }[] = [];
  let inCode = false;
  markdown.split('\n').forEach((text, index) => {
    if (text.startsWith('```')) inCode = !inCode;
    if (inCode) return;
    for (const [, target = ''] of text.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push({ target, line: index + 1 });
    }
  });
  return links;
}

function brokenLinks(file: string): string[] {
  const markdown = readFileSync(file, 'utf8');
  const broken: string[] = [];
  for (const { target, line } of relativeLinks(markdown)) {
    const [pathPart = '', anchor] = target.split('#');
    const resolved = pathPart === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
    const where = `${path.relative(ROOT, file)}:${line} → ${target}`;
    if (!existsSync(resolved)) {
      broken.push(`${where} (no such file)`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md') && statSync(resolved).isFile()) {
      if (!headingAnchors(readFileSync(resolved, 'utf8')).has(anchor)) broken.push(`${where} (no such anchor)`);
    }
  }
  return broken;
}

describe('Markdown links', () => {
  const files = markdownFiles(ROOT);

  it('scans the README and the docs', () => {
    const names = files.map((file) => path.relative(ROOT, file));
    expect(names).toContain('README.md');
    expect(names).toContain('docs/integration.md');
  });

  it('every relative link and #anchor resolves', () => {
    expect(files.flatMap(brokenLinks)).toEqual([]);
  });

  it('the README links every page in docs/', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const pages = readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md'));
    expect(pages.filter((page) => !readme.includes(`](docs/${page}`))).toEqual([]);
  });

  it('finds a broken link and a broken anchor (the checker can fail)', () => {
    expect(headingAnchors('# A title\n## Set-up\n## `cec-bar-host/frame` (shell page)\n')).toEqual(new Set(['a-title', 'set-up', 'cec-bar-hostframe-shell-page']));
    expect(relativeLinks('see [x](docs/none.md#a) and [y](https://example.com) and `[z](q.md)`')).toEqual([{ target: 'docs/none.md#a', line: 1 }]);
  });
});
