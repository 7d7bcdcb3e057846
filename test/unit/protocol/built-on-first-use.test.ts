/** `builtOnFirstUse`: nothing is built until asked for, then the same value every time. */
import { describe, expect, it, vi } from 'vitest';
import { builtOnFirstUse, z } from '../../../src/protocol/zod.js';

describe('builtOnFirstUse', () => {
  it('builds nothing until first asked', () => {
    const build = vi.fn(() => z.object({ kind: z.literal('ping') }));
    builtOnFirstUse(build);
    expect(build).not.toHaveBeenCalled();
  });
  it('builds once, and hands out that one value', () => {
    const build = vi.fn(() => z.object({ kind: z.literal('ping') }));
    const schema = builtOnFirstUse(build);
    const first = schema();
    expect(schema()).toBe(first);
    expect(schema()).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
    expect(first.safeParse({ kind: 'ping' }).success).toBe(true);
  });
  it('tries again after a build that threw, and keeps nothing of it', () => {
    let fail = true;
    const schema = builtOnFirstUse(() => {
      if (fail) throw new Error('not yet');
      return { built: true };
    });
    expect(() => schema()).toThrow('not yet');
    fail = false;
    expect(schema()).toEqual({ built: true });
  });
});
