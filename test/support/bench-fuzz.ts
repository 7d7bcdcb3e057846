/**
 * In-page generator for the bridge fuzz suite. `fuzzBatch` is passed to `frame.evaluate`, so it
 * must be self-contained (no closures, no imports): Playwright ships its source text to the page.
 * It posts `count` generated messages to `target` and returns how many of each kind it sent.
 */

/** What the generator needs to forge well-formed but wrong messages. */
export interface FuzzParams {
  /** PRNG seed; the same seed gives the same messages. */
  readonly seed: number;
  readonly count: number;
  /** 'parent' (from the shell: right source and origin), 'self' (the CRM page posts to itself), 'top' (a grandchild posts to the top). */
  readonly target: 'parent' | 'self' | 'top';
  readonly targetOrigin: string;
  /** The real session and shell ids, and the last sequence number the host accepted. */
  readonly sessionId: string;
  readonly shellId: string;
  readonly lastSeq: number;
  /** Send this many well-formed valid `cec` relays too (they advance the sequence). */
  readonly validEvery: number;
}

export interface FuzzResult {
  readonly sent: number;
  readonly byKind: Record<string, number>;
  /** Valid relays sent (each must reach the `cec` callback once). */
  readonly valid: number;
  /** The sequence number of the last valid relay. */
  readonly lastSeq: number;
  /** Forged postmate handshake replies, which the host neither delivers nor counts as rejected. */
  readonly uncounted: number;
}

/** Runs in the browser. */
export function fuzzBatch(p: FuzzParams): FuzzResult {
  let s = p.seed >>> 0 || 1;
  const rnd = (): number => {
    // xorshift32: fast, deterministic.
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const randStr = (n: number): string => {
    let out = '';
    const chars = 'abcXYZ019_-:/{}[]"\\ \u0000\u2028\ud800é';
    for (let i = 0; i < n; i += 1) out += chars[int(chars.length)];
    return out;
  };
  const randJson = (depth: number): unknown => {
    const k = int(depth > 3 ? 4 : 7);
    if (k === 0) return null;
    if (k === 1) return rnd() * 1e6 - 5e5;
    if (k === 2) return randStr(int(20));
    if (k === 3) return rnd() < 0.5;
    if (k === 4) return Array.from({ length: int(5) }, () => randJson(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = 0; i < int(5); i += 1) o[pick(['v', 'kind', 'seq', 'sessionId', 'event', 'data', 'postmate', 'type', 'value', randStr(5)])] = randJson(depth + 1);
    return o;
  };
  // `fuzz: 1` marks forged envelopes so the page can tell them from the shell's own traffic.
  const wrap = (data: unknown): unknown => ({ postmate: 'emit', type: 'application/x-postmate-v1+json', fuzz: 1, value: { name: 'shellMessage', data } });
  let seq = p.lastSeq;
  // Forged relays repeat the last accepted `seq` unless a kind says otherwise: even one the host
  // judged well-formed is then a duplicate, so only the deliberate valid relays advance the sequence.
  const relay = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    v: 1,
    sessionId: p.sessionId,
    shellId: p.shellId,
    seq,
    kind: 'cec',
    at: Date.now(),
    event: { eventType: 'AgentState_Ready', workNo: '101', content: null },
    ...over,
  });
  const deep = (n: number): unknown => {
    let d: unknown = 1;
    for (let i = 0; i < n; i += 1) d = { d };
    return d;
  };
  const kinds: Record<string, () => unknown> = {
    randomJson: () => randJson(0),
    randomInEnvelope: () => wrap(randJson(0)),
    truncated: () => {
      const t = JSON.stringify(wrap(relay()));
      return t.slice(0, int(t.length));
    },
    truncatedData: () => wrap(JSON.stringify(relay()).slice(0, 20 + int(60))),
    huge: () => wrap(relay({ event: { eventType: 'AgentEvent_Talking', workNo: '101', content: { callid: '1-1', caller: 'x'.repeat(70_000 + int(10_000)) } } })),
    hugeString: () => 'x'.repeat(70_000 + int(30_000)),
    hugeEnvelope: () => ({ ...(wrap(relay()) as object), pad: 'x'.repeat(70_000) }),
    deep: () => wrap(relay({ event: { eventType: 'AgentState_Ready', workNo: '101', content: deep(40 + int(200)) } })),
    deepEnvelope: () => wrap(deep(50 + int(500))),
    wrongTypes: () => {
      const field = pick(['seq', 'kind', 'sessionId', 'shellId', 'event', 'v']);
      // None of these is valid for any of the fields (a number like 42 would be a valid `seq`).
      return wrap(relay({ [field]: pick([null, [], {}, true, 1.5, Number.NaN, -3, 0]) }));
    },
    wrongContent: () => wrap(relay({ event: { eventType: pick(['AgentEvent_Talking', 'AgentEvent_Ringing', 'AgentEvent_Call_Release', 'AgentState_SetNotReady_Success']), workNo: pick(['101', 7, null, {}]), content: pick([null, 5, { callid: 5 }, { reason: 'abc' }, []]) } })),
    hostileKeys: () => JSON.parse(`{"fuzz":1,"postmate":"emit","type":"application/x-postmate-v1+json","value":{"name":"shellMessage","data":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"v":1,"sessionId":"${p.sessionId}","shellId":"${p.shellId}","seq":${seq},"kind":"cec","at":1,"event":{"eventType":"AgentState_Ready","workNo":"101","content":{"__proto__":{"polluted":3}}}}}}`),
    wrongSession: () => wrap(relay({ sessionId: pick(['0000000000000000', `${p.sessionId}x`, 'short', randStr(20)]) })),
    wrongSequence: () => wrap(relay({ seq: pick([Math.max(1, seq - int(3)), seq]) })),
    wrongVersion: () => wrap(relay({ v: pick([0, 2, '1', null]) })),
    wrongEnvelope: () => ({ fuzz: 1, postmate: pick(['emit', 'call', 'handshake-reply', 'reply', 'handshake', undefined]), type: pick(['application/x-postmate-v1+json', 'x']), value: { name: pick(['shellMessage', 'other', 5]), data: relay() } }),
    replayFlag: () => wrap(relay({ replay: true, seq: Math.max(1, seq - int(5)) })),
    unknownKind: () => wrap(relay({ kind: pick(['evil', 'status', 'reply', 'stats']) })),
  };
  // Huge messages cost a structured clone of 70-100 KB each: keep them to about 1 in 200.
  const HUGE = ['huge', 'hugeString', 'hugeEnvelope', 'deepEnvelope'];
  const names = Object.keys(kinds).filter((k) => !HUGE.includes(k));
  let uncounted = 0;
  const byKind: Record<string, number> = {};
  const post = (m: unknown): void => {
    if (p.target === 'parent') window.parent.postMessage(m, p.targetOrigin);
    else if (p.target === 'self') window.postMessage(m, p.targetOrigin);
    else window.top?.postMessage(m, p.targetOrigin);
  };
  let valid = 0;
  for (let i = 0; i < p.count; i += 1) {
    if (p.validEvery > 0 && i % p.validEvery === 0) {
      seq += 1;
      post(wrap({ ...relay(), seq, event: { eventType: 'AgentEvent_Talking', workNo: '101', content: { callid: `${1000 + (seq % 7)}-1`, caller: '88880001', called: '6688', feature: 0, mediaAbility: 1 } } }));
      valid += 1;
      byKind.valid = (byKind.valid ?? 0) + 1;
      continue;
    }
    const name = (int(200) === 0 ? pick(HUGE) : pick(names)) as string;
    let m: unknown;
    try {
      m = kinds[name]?.();
    } catch {
      m = null;
    }
    post(m);
    byKind[name] = (byKind[name] ?? 0) + 1;
    // postmate's own handshake replies pass the host's envelope check and are not counted as
    // delivered or rejected (bridge-guard.ts): tally them so the counters can still add up.
    const env = m as { postmate?: unknown; type?: unknown } | null;
    if (p.target === 'parent' && env && typeof env === 'object' && env.type === 'application/x-postmate-v1+json' && (env.postmate === 'handshake-reply' || env.postmate === 'reply')) uncounted += 1;
  }
  return { sent: p.count, byKind, valid, lastSeq: seq, uncounted };
}
