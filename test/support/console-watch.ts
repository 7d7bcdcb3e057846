/**
 * Collects what a page and every frame in it (cross-origin frames included) write to the console,
 * plus uncaught errors, so a test can demand a quiet console. Popups opened by the page are
 * watched too. Console levels at or above `warning` count; `log`, `info` and `debug` do not.
 */
import type { Page } from '@playwright/test';

/** One console entry or uncaught error, with the URL of the frame or page it came from. */
export interface ConsoleEntry {
  /** `warning`, `error`, `assert`, or `pageerror` for an uncaught exception. */
  readonly level: string;
  readonly text: string;
  /** Where the message was logged (a script URL, or the page URL for a network error). */
  readonly url: string;
}

/** An entry the test expects, with the reason written next to it. */
export interface ExpectedEntry {
  readonly pattern: RegExp;
  readonly why: string;
}

/** Console message types at warning level or above (Playwright's names for them). */
const LOUD_TYPES = new Set(['warning', 'error', 'assert']);

/** @example const watch = watchConsole(page); …; expect(watch.unexpected([])).toEqual([]); */
export interface ConsoleWatch {
  /** Every loud entry so far, in order. */
  readonly entries: readonly ConsoleEntry[];
  /** The loud entries that match none of `expected`. */
  unexpected(expected: readonly ExpectedEntry[]): ConsoleEntry[];
}

/**
 * Start watching before the page navigates: a message logged before the listener exists is lost.
 * @example
 * const watch = watchConsole(page);
 * await page.goto(url);
 * expect(watch.unexpected(EXPECTED)).toEqual([]);
 */
export function watchConsole(page: Page): ConsoleWatch {
  const entries: ConsoleEntry[] = [];
  const attach = (target: Page): void => {
    // page.on('console') reports messages of every frame of the page, out-of-process frames too.
    target.on('console', (message) => {
      if (!LOUD_TYPES.has(message.type())) return;
      entries.push({ level: message.type(), text: message.text(), url: message.location().url });
    });
    target.on('pageerror', (error) => entries.push({ level: 'pageerror', text: `${error.name}: ${error.message}`, url: target.url() }));
    target.on('popup', attach);
  };
  attach(page);
  return {
    entries,
    unexpected: (expected) => entries.filter((entry) => !expected.some((allowed) => allowed.pattern.test(entry.text))),
  };
}
