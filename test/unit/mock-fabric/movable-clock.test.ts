/** MovableClock: jumps fire due timers in order at their own times; a time scale speeds the wall clock up. */
import { describe, expect, it } from 'vitest';
import { MovableClock, type WallClock } from '../../../mock-fabric/movable-clock.js';
import { seededRandom } from '../../../mock-fabric/scenario-plan.js';
import { TimerHeap, type HeapTimer } from '../../../mock-fabric/timer-heap.js';

/** A wall clock the test moves by hand, so time scale and wake-ups are checked without waiting. */
function handWall(): WallClock & { move(ms: number): void; wakeDelays: number[] } {
  let now = 0;
  const wakes = new Map<number, { at: number; run: () => void }>();
  let nextId = 0;
  const wall = {
    wakeDelays: [] as number[],
    now: () => now,
    setTimeout: (run: () => void, ms: number) => {
      nextId += 1;
      wakes.set(nextId, { at: now + ms, run });
      wall.wakeDelays.push(ms);
      return nextId;
    },
    clearTimeout: (handle: unknown) => void wakes.delete(handle as number),
    move: (ms: number) => {
      now += ms;
      for (const [id, wake] of [...wakes]) {
        if (wake.at > now) continue;
        wakes.delete(id);
        wake.run();
      }
    },
  };
  return wall;
}

describe('MovableClock', () => {
  it('advance fires every due timer in time order, each seeing now() at its own due time', () => {
    const clock = new MovableClock({ start: 1_000_000, wall: handWall() });
    const fired: Array<[string, number]> = [];
    clock.setTimeout(() => fired.push(['late', clock.now()]), 90_000);
    clock.setTimeout(() => {
      fired.push(['early', clock.now()]);
      // Started inside the jump and due inside it: fires in the same jump.
      clock.setTimeout(() => fired.push(['chained', clock.now()]), 40_000);
    }, 10_000);
    const cancelled = clock.setTimeout(() => fired.push(['cancelled', clock.now()]), 20_000);
    clock.clearTimeout(cancelled);
    clock.setTimeout(() => fired.push(['after the jump', clock.now()]), 200_000);
    clock.advance(120_000);
    expect(fired).toEqual([
      ['early', 1_010_000],
      ['chained', 1_050_000],
      ['late', 1_090_000],
    ]);
    expect(clock.now()).toBe(1_120_000);
    expect(clock.pendingTimers).toBe(1);
  });

  it('a time scale runs simulated time faster and wakes its timers early on the wall clock', () => {
    const wall = handWall();
    const clock = new MovableClock({ start: 0, timeScale: 20, wall });
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 15_000);
    expect(wall.wakeDelays.at(-1)).toBe(750);
    wall.move(749);
    expect(fired).toEqual([]);
    wall.move(1);
    expect(fired).toEqual([15_000]);
    clock.setTimeScale(1);
    wall.move(1000);
    expect(clock.now()).toBe(16_000);
  });

  it('refuses a negative jump and a time scale out of range', () => {
    const clock = new MovableClock({ wall: handWall() });
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => new MovableClock({ timeScale: 0 })).toThrow(RangeError);
    expect(() => clock.setTimeScale(5000)).toThrow(RangeError);
  });
});

describe('MovableClock paused', () => {
  it('holds simulated time while the wall clock runs; advance still fires timers; resume follows the wall again', () => {
    const wall = handWall();
    const clock = new MovableClock({ start: 0, wall });
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 500);
    clock.pause();
    wall.move(10_000);
    expect(clock.now()).toBe(0);
    expect(fired).toEqual([]);
    clock.advance(600);
    expect(fired).toEqual([500]);
    clock.resume();
    wall.move(400);
    expect(clock.now()).toBe(1000);
  });
});

describe('TimerHeap', () => {
  it('takes live timers earliest first (set order breaking ties), skipping cleared ones, through compaction', () => {
    const heap = new TimerHeap();
    const random = seededRandom(11);
    const all: HeapTimer[] = [];
    for (let order = 1; order <= 5000; order += 1) {
      const timer: HeapTimer = { due: Math.floor(random() * 500), order, run: () => undefined, cleared: false };
      heap.push(timer);
      all.push(timer);
      // Clear most of them on the way, as re-armed sign-out timers are, so the heap compacts.
      if (random() < 0.8) heap.clear(timer);
    }
    const live = all.filter((timer) => !timer.cleared).sort((a, b) => a.due - b.due || a.order - b.order);
    expect(heap.size).toBe(live.length);
    const taken: HeapTimer[] = [];
    for (let timer = heap.take(); timer; timer = heap.take()) taken.push(timer);
    expect(taken).toEqual(live);
    expect(heap.size).toBe(0);
  });
});
