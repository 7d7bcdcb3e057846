import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../../src/host/emitter.js';
import { backoffDelay } from '../../../src/host/backoff.js';

describe('emitter', () => {
  it('many listeners, on() unsubscribes, once fires once, off removes a once listener', () => {
    const errors: unknown[] = [];
    const e = createEmitter<{ a: number }>((err) => errors.push(err));
    const got: string[] = [];
    const off1 = e.on('a', (n) => got.push(`1:${n}`));
    e.on('a', (n) => got.push(`2:${n}`));
    e.once('a', (n) => got.push(`once:${n}`));
    const never = (n: number) => got.push(`never:${n}`);
    e.once('a', never);
    e.off('a', never);
    e.emit('a', 1);
    off1();
    e.emit('a', 2);
    expect(got).toEqual(['1:1', '2:1', 'once:1', '2:2']);
    expect(errors).toEqual([]);
  });
  it('a throwing listener never stops the others; its error goes to onError with the event name', () => {
    const errors: [unknown, string][] = [];
    const e = createEmitter<{ a: number }>((err, name) => errors.push([err, String(name)]));
    const got: number[] = [];
    e.on('a', () => {
      throw new Error('boom');
    });
    e.on('a', (n) => got.push(n));
    e.emit('a', 7);
    expect(got).toEqual([7]);
    expect(errors.map(([err, n]) => [(err as Error).message, n])).toEqual([['boom', 'a']]);
  });
  it('rejects a non-function listener; clear() drops everything', () => {
    const e = createEmitter<{ a: number }>(() => {});
    expect(() => e.on('a', 5 as unknown as () => void)).toThrow(TypeError);
    let n = 0;
    e.on('a', () => n++);
    e.clear();
    e.emit('a', 1);
    expect(n).toBe(0);
  });
});

describe('backoffDelay', () => {
  const p = { baseDelayMs: 500, maxDelayMs: 10_000, jitter: 0 };
  it('doubles from the base and caps at the max', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, p))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
  it('spreads by ±jitter and never exceeds the max', () => {
    const j = { ...p, jitter: 0.5 };
    expect(backoffDelay(1, j, () => 0)).toBe(500);
    expect(backoffDelay(1, j, () => 1)).toBe(1500);
    expect(backoffDelay(10, j, () => 1)).toBe(10_000);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(2, j);
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(3000);
    }
  });
});
