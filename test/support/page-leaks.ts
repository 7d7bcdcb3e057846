/**
 * Counts, in a browser page, the `message` listeners on `window` and the timers still pending, so a
 * test can check that work leaves nothing behind. Install before the page loads (an init script).
 */
import type { Page } from '@playwright/test';

/** What is live in the page now. */
export interface LeakCounts {
  readonly listeners: number;
  readonly timers: number;
}

type LeakWindow = { __leak: { listeners: number; timers: Set<unknown> } };

/**
 * Wraps the page's addEventListener/removeEventListener and timer functions (main frame and every
 * frame of its origin).
 * @example
 * await trackLeaks(page);
 * await page.goto(url);
 * const before = await leakCounts(page);
 */
export async function trackLeaks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const leak = ((window as unknown as LeakWindow).__leak = { listeners: 0, timers: new Set<unknown>() });
    const addListener = window.addEventListener.bind(window);
    const removeListener = window.removeEventListener.bind(window);
    const live = new Set<unknown>();
    window.addEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: unknown) => {
      if (type === 'message' && !live.has(listener)) {
        live.add(listener);
        leak.listeners++;
      }
      return addListener(type, listener, options as boolean);
    }) as typeof window.addEventListener;
    window.removeEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: unknown) => {
      if (type === 'message' && live.delete(listener)) leak.listeners--;
      return removeListener(type, listener, options as boolean);
    }) as typeof window.removeEventListener;
    const setTimer = window.setTimeout.bind(window);
    const clearTimer = window.clearTimeout.bind(window);
    const setRepeating = window.setInterval.bind(window);
    const clearRepeating = window.clearInterval.bind(window);
    window.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const id = setTimer(() => {
        leak.timers.delete(id);
        callback(...args);
      }, ms);
      leak.timers.add(id);
      return id;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((id: number) => {
      leak.timers.delete(id);
      clearTimer(id);
    }) as typeof window.clearTimeout;
    window.setInterval = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const id = setRepeating(callback, ms, ...args);
      leak.timers.add(id);
      return id;
    }) as typeof window.setInterval;
    window.clearInterval = ((id: number) => {
      leak.timers.delete(id);
      clearRepeating(id);
    }) as typeof window.clearInterval;
  });
}

/** @example expect(await leakCounts(page)).toEqual(before); */
export function leakCounts(page: Page): Promise<LeakCounts> {
  return page.evaluate(() => {
    const leak = (window as unknown as LeakWindow).__leak;
    return { listeners: leak.listeners, timers: leak.timers.size };
  });
}
