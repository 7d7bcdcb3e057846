// The one emitter the host and the server kit share (src/protocol/emitter.ts); the host's own cases are in test/unit/host/emitter-backoff.test.ts.
import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../../src/protocol/emitter.js';

describe('shared emitter', () => {
  it('registers a function once per name: on() or once() again with it replaces the first', () => {
    const e = createEmitter<{ a: number }>(() => {});
    const got: number[] = [];
    const listener = (n: number) => got.push(n);
    e.on('a', listener);
    e.on('a', listener);
    e.emit('a', 1);
    e.once('a', listener);
    e.emit('a', 2);
    e.emit('a', 3);
    expect(got).toEqual([1, 2]);
  });

  it('keeps names apart, and off() of one name leaves the other', () => {
    const e = createEmitter<{ a: number; b: number }>(() => {});
    const got: string[] = [];
    const listener = (n: number) => got.push(String(n));
    e.on('a', listener);
    e.on('b', listener);
    e.off('a', listener);
    e.emit('a', 1);
    e.emit('b', 2);
    expect(got).toEqual(['2']);
  });

  it('a listener added during an emit runs from the next emit on; one removed during an emit still gets that emit', () => {
    const e = createEmitter<{ a: number }>(() => {});
    const got: string[] = [];
    const late = (n: number) => got.push(`late:${n}`);
    const second = (n: number) => got.push(`second:${n}`);
    e.on('a', (n) => {
      got.push(`first:${n}`);
      e.on('a', late);
      e.off('a', second);
    });
    e.on('a', second);
    e.emit('a', 1);
    e.emit('a', 2);
    expect(got).toEqual(['first:1', 'second:1', 'first:2', 'late:2']);
  });

  it('reports every throwing listener with its event name and still runs the rest', () => {
    const errors: [string, string][] = [];
    const e = createEmitter<{ a: number }>((error, name) => errors.push([(error as Error).message, String(name)]));
    const got: number[] = [];
    e.on('a', () => { throw new Error('one'); });
    e.once('a', () => { throw new Error('two'); });
    e.on('a', (n) => got.push(n));
    e.emit('a', 5);
    e.emit('a', 6);
    expect(got).toEqual([5, 6]);
    expect(errors).toEqual([['one', 'a'], ['two', 'a'], ['one', 'a']]);
  });
});
