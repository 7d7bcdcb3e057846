/**
 * The API reference is generated from the types with no TypeDoc warning (typedoc.json turns on
 * `notDocumented`, so every public symbol needs a summary), and every error code has its entry in
 * docs/errors.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAR_ERROR_CODES, FABRIC_ERROR_CODES } from '../../../src/protocol/errors.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** typedoc's package exports leave its bin out, so it is found by path. */
const TYPEDOC_BIN = path.join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');
/** TypeDoc colours its output even into a pipe. */
const ANSI_ESCAPE = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g');

/** Runs TypeDoc with typedoc.json, writing nothing; its exit code and every warning or error line. */
function runTypedoc(): { readonly status: number | null; readonly problems: string[]; readonly output: string } {
  const run = spawnSync(process.execPath, [TYPEDOC_BIN, '--emit', 'none'], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
  const output = `${run.stdout}${run.stderr}`.replace(ANSI_ESCAPE, '');
  const problems = output.split('\n').filter((line) => /^\[(warning|error)\]/.test(line));
  return { status: run.status, problems, output };
}

describe('the API reference (TypeDoc)', () => {
  it('builds from typedoc.json with no warning and no error', { timeout: 180_000 }, () => {
    const { status, problems, output } = runTypedoc();
    expect(problems, output).toEqual([]);
    expect(status, output).toBe(0);
  });
});

describe('docs/errors.md', () => {
  const markdown = readFileSync(path.join(ROOT, 'docs', 'errors.md'), 'utf8');
  /** The `### \`CODE\`` headings under one `## ` section, whose title contains `sectionTitle`. */
  function headingsUnder(sectionTitle: string): string[] {
    const sections = markdown.split(/^## /m).filter((section) => section.split('\n')[0]!.includes(sectionTitle));
    expect(sections, `one "## …${sectionTitle}…" section`).toHaveLength(1);
    return [...sections[0]!.matchAll(/^### `([A-Z_]+)`$/gm)].map((match) => match[1]!);
  }

  it('has a "When" and a "What to do" for every code', () => {
    for (const entry of markdown.split(/^### /m).slice(1)) {
      expect(entry, entry.split('\n')[0]).toMatch(/\*\*When:\*\*[^\n]*\S/);
      expect(entry, entry.split('\n')[0]).toMatch(/\*\*What to do:\*\*[^\n]*\S/);
    }
  });

  it('lists every BarError code once, in the order of BAR_ERROR_CODES', () => {
    expect(headingsUnder('`BarError` codes')).toEqual([...BAR_ERROR_CODES]);
  });

  it('lists every FabricError code once, in the order of FABRIC_ERROR_CODES', () => {
    expect(headingsUnder('`FabricError` codes')).toEqual([...FABRIC_ERROR_CODES]);
  });
});
