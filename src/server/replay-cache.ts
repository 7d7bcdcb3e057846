/** A bounded set of seen token ids, each kept until its token would have expired anyway. */

export interface ReplayCache {
  /** True the first time `id` is seen (and remembers it until `expiresAtMs`); false on a replay. */
  claim(id: string, expiresAtMs: number, nowMs: number): boolean;
  readonly size: number;
}

/**
 * When full of live ids, the oldest is forgotten (chosen here: availability over a replay of a
 * token that old; size the cache above tokens issued per TTL).
 */
export function createReplayCache(maxEntries: number): ReplayCache {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('replay cache size must be a positive integer');
  const seen = new Map<string, number>();
  function sweep(nowMs: number): void {
    for (const [id, exp] of seen) if (exp <= nowMs) seen.delete(id);
  }
  return {
    claim(id, expiresAtMs, nowMs) {
      const exp = seen.get(id);
      if (exp !== undefined && exp > nowMs) return false;
      if (seen.size >= maxEntries) sweep(nowMs);
      while (seen.size >= maxEntries) seen.delete(seen.keys().next().value as string);
      seen.set(id, expiresAtMs);
      return true;
    },
    get size() {
      return seen.size;
    },
  };
}
