/**
 * The pending timers of a `MovableClock`, earliest first: a binary heap, so setting, clearing and
 * firing stay cheap with thousands pending (every long poll re-arms its agent's sign-out timer).
 * A cleared timer stays in the heap, marked, until it reaches the top or the heap is compacted.
 */

/** One pending timer. */
export interface HeapTimer {
  readonly due: number;
  /** Set order: timers due at the same time fire in the order they were set. */
  readonly order: number;
  readonly run: () => void;
  cleared: boolean;
}

function earlier(a: HeapTimer, b: HeapTimer): boolean {
  return a.due < b.due || (a.due === b.due && a.order < b.order);
}

/**
 * @example
 * const heap = new TimerHeap();
 * heap.push({ due: 10, order: 1, run, cleared: false });
 * heap.peek()?.due; // 10
 */
export class TimerHeap {
  #items: HeapTimer[] = [];
  #live = 0;

  /** Timers not cleared or taken. */
  get size(): number {
    return this.#live;
  }

  push(timer: HeapTimer): void {
    this.#items.push(timer);
    this.#live += 1;
    this.#up(this.#items.length - 1);
  }

  /** Mark a timer cleared; the heap is rebuilt when cleared ones outnumber the live ones. */
  clear(timer: HeapTimer): void {
    if (timer.cleared) return;
    timer.cleared = true;
    this.#live -= 1;
    if (this.#items.length > 1024 && this.#items.length > 3 * this.#live) this.#compact();
  }

  /** The earliest live timer, left in place. */
  peek(): HeapTimer | undefined {
    while (this.#items[0]?.cleared) this.#removeTop();
    return this.#items[0];
  }

  /** Take the earliest live timer out. */
  take(): HeapTimer | undefined {
    const top = this.peek();
    if (!top) return undefined;
    this.#removeTop();
    top.cleared = true;
    this.#live -= 1;
    return top;
  }

  #removeTop(): void {
    const last = this.#items.pop();
    if (last && this.#items.length > 0) {
      this.#items[0] = last;
      this.#down(0);
    }
  }

  #compact(): void {
    this.#items = this.#items.filter((timer) => !timer.cleared);
    for (let index = (this.#items.length >> 1) - 1; index >= 0; index -= 1) this.#down(index);
  }

  #up(index: number): void {
    const items = this.#items;
    for (let child = index; child > 0; ) {
      const parent = (child - 1) >> 1;
      const childTimer = items[child];
      const parentTimer = items[parent];
      if (!childTimer || !parentTimer || !earlier(childTimer, parentTimer)) return;
      items[child] = parentTimer;
      items[parent] = childTimer;
      child = parent;
    }
  }

  #down(index: number): void {
    const items = this.#items;
    for (let parent = index; ; ) {
      let smallest = parent;
      for (const child of [2 * parent + 1, 2 * parent + 2]) {
        const childTimer = items[child];
        const smallestTimer = items[smallest];
        if (childTimer && smallestTimer && earlier(childTimer, smallestTimer)) smallest = child;
      }
      if (smallest === parent) return;
      const parentTimer = items[parent];
      const smallestTimer = items[smallest];
      if (!parentTimer || !smallestTimer) return;
      items[parent] = smallestTimer;
      items[smallest] = parentTimer;
      parent = smallest;
    }
  }
}
