/**
 * Property tests (fast-check) over every exported protocol schema and parser:
 *  - never throws, whatever it is given;
 *  - never accepts a valid fixture once any one of its fields is replaced by a wrong-typed value;
 *  - round-trips what the builders build.
 * Run count is kept modest (a few seconds in all).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as protocol from '../../../src/protocol/index.js';
import {
  buildCallout,
  buildEventpost,
  cecEventEnvelope,
  depthOf,
  isBarError,
  isFabricError,
  parseBarCommand,
  parseCecEvent,
  parseHostCommand,
  parseJsonBounded,
  parseShellConfig,
  parseShellMessage,
  redact,
  REDACTED,
} from '../../../src/protocol/index.js';
import { barFrameConfigSchema } from '../../../mock-fabric/bar-frame-config.js';
import { VALID_EVENTS } from '../../fixtures/cec/events.js';
import { HOST_COMMANDS, SHELL_CONFIG, SHELL_MESSAGES } from '../../fixtures/cec/bridge.js';
import { SERVER_SAMPLES } from '../../fixtures/cec/server.js';
import { hostile } from '../../support/bench-arbitraries.js';

const RUNS = { numRuns: 200 };

type Schema = { safeParse(v: unknown): { success: boolean } };
const SCHEMAS: [string, Schema][] = Object.entries({ ...(protocol as unknown as Record<string, unknown>), barFrameConfigSchema })
  .filter(([name, s]) => name.endsWith('Schema') && typeof (s as Partial<Schema>).safeParse === 'function')
  .map(([name, s]) => [name, s as Schema]);

const anything = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }),
  fc.json(),
  fc.string(),
  fc.json().map((j) => j.slice(0, Math.max(0, j.length - 2))),
  hostile, // __proto__/constructor keys, deep nesting
);

describe('never throws', () => {
  const parsers: Record<string, (x: unknown) => unknown> = { parseCecEvent, parseBarCommand, parseShellMessage, parseHostCommand, parseShellConfig, isBarError, isFabricError, redact: (x) => redact(x, { phones: true, secrets: ['secret'] }), depthOf: (x) => depthOf(x, 0) };
  for (const [name, fn] of Object.entries(parsers)) {
    it(name, () => {
      fc.assert(fc.property(anything, (x) => { fn(x); }), RUNS);
    });
  }
  it('parseJsonBounded on any text', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (t) => { expect(typeof parseJsonBounded(t, 1000).ok).toBe('boolean'); }), RUNS);
  });
  it(`safeParse of all ${SCHEMAS.length} exported schemas`, () => {
    expect(SCHEMAS.length).toBeGreaterThan(20);
    fc.assert(fc.property(anything, (x) => { for (const [, s] of SCHEMAS) s.safeParse(x); }), { numRuns: 100 });
  });
  it('parsers fed JSON of anything, and envelopes around anything', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (v, t) => {
        for (const r of [parseCecEvent(JSON.stringify(v)), parseCecEvent({ event: { eventType: t, content: v }, message: t }), parseShellMessage({ ...SHELL_MESSAGES.cec, event: { eventType: t, content: v } })]) {
          expect(typeof r.ok).toBe('boolean');
        }
      }),
      RUNS,
    );
  });
});

// --- refusal by mutation ----------------------------------------------------------------------

/** Values no field of a valid fixture accepts (every field is a scalar, an array of scalars/objects, or a flat record). */
const wrongValue = fc.oneof(
  fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({ [k]: { nested: v } })),
  fc.array(fc.jsonValue({ maxDepth: 2 }).map((v) => ({ deep: { v } })), { minLength: 1, maxLength: 3 }),
);

type Path = readonly (string | number)[];
/** Every path into a value: its fields and their fields. */
function pathsOf(value: unknown, skip: ReadonlySet<string>, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const out: Path[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (skip.has(k)) continue;
    const key = Array.isArray(value) ? Number(k) : k;
    out.push([...prefix, key], ...pathsOf(v, skip, [...prefix, key]));
  }
  return out;
}
function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[head] = setAt(copy[head], rest, replacement);
  return copy;
}

/** Fixture name → (valid value, accepts?, paths that may be mutated). */
interface Target { readonly sample: unknown; readonly accepts: (x: unknown) => boolean; readonly paths: Path[] }
const NO_SKIP = new Set<string>();
const targets: Record<string, Target> = {};
for (const [type, f] of Object.entries(VALID_EVENTS)) {
  targets[`event ${type}`] = { sample: f.wire, accepts: (x) => parseCecEvent(x).ok, paths: pathsOf(f.wire, NO_SKIP) };
}
for (const [kind, m] of Object.entries(SHELL_MESSAGES)) {
  targets[`shell ${kind}`] = { sample: m, accepts: (x) => parseShellMessage(x).ok, paths: pathsOf(m, new Set(['result'])) };
}
for (const [kind, c] of Object.entries(HOST_COMMANDS)) {
  targets[`command ${kind}`] = { sample: c, accepts: (x) => parseHostCommand(x).ok, paths: pathsOf(c, NO_SKIP) };
}
targets['shell config'] = { sample: SHELL_CONFIG, accepts: (x) => parseShellConfig(x).ok, paths: pathsOf(SHELL_CONFIG, NO_SKIP) };
targets['eventpost'] = { sample: JSON.parse(buildEventpost(['AgentState_Ready'])), accepts: (x) => parseBarCommand(x).ok, paths: [['name'], ['param'], ['param', 0]] };
targets['callout'] = { sample: JSON.parse(buildCallout('88889007', 'video', 'object')), accepts: (x) => parseBarCommand(x).ok, paths: [['name'], ['param'], ['param', 'number'], ['param', 'mode']] };
/**
 * Top-level fields that are objects of optional fields only: any object is a right-typed value there
 * (an empty query, a delete answer without detail), so only their own fields are mutated.
 */
const OPTIONAL_ONLY_OBJECTS: Readonly<Record<string, readonly string[]>> = {
  queryAgentsRequestSchema: ['requestParams'],
  deleteCalledRouteResponseSchema: ['data'],
};
for (const [name, s] of Object.entries(SERVER_SAMPLES)) {
  const schema = SCHEMAS.find(([n]) => n === name)?.[1];
  if (!schema) throw new Error(`no schema ${name}`);
  const looseFields = OPTIONAL_ONLY_OBJECTS[name] ?? [];
  s.good.forEach((g, i) => {
    const paths = pathsOf(g, new Set(['result', 'content'])).filter((path) => !(path.length === 1 && looseFields.includes(String(path[0]))));
    targets[`${name}[${i}]`] = { sample: g, accepts: (x) => schema.safeParse(x).success, paths };
  });
}

describe('never accepts a wrong-typed field', () => {
  for (const [name, t] of Object.entries(targets)) {
    it(name, () => {
      expect(t.accepts(t.sample)).toBe(true); // the unmutated sample is valid, so a refusal below is the mutation's doing
      if (t.paths.length === 0) return;
      fc.assert(
        fc.property(fc.constantFrom(...t.paths), wrongValue, (path, wrong) => {
          expect(t.accepts(setAt(t.sample, path, wrong)), `${path.join('.')} = ${JSON.stringify(wrong)}`).toBe(false);
        }),
        { numRuns: 40 },
      );
    });
  }
  it('a shell message with any base field of the wrong type is refused', () => {
    const scalarsOfWrongType = { v: fc.constantFrom(2, '1', true), sessionId: fc.oneof(fc.integer(), fc.string({ maxLength: 15 })), shellId: fc.oneof(fc.integer(), fc.constant('')), seq: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 0.9 }), fc.string()) };
    for (const [key, arb] of Object.entries(scalarsOfWrongType)) {
      fc.assert(fc.property(fc.constantFrom(...Object.values(SHELL_MESSAGES)), arb, (msg, v) => {
        expect(parseShellMessage({ ...msg, [key]: v }).ok, `${key}=${String(v)}`).toBe(false);
      }), { numRuns: 50 });
    }
  });
});

// --- round trips ------------------------------------------------------------------------------

const dialable = fc.stringMatching(/^[0-9*#]{1,24}$/);
const media = fc.constantFrom('audio' as const, 'video' as const);
const eventName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,40}$/);
const callId = fc.tuple(fc.integer({ min: 1_000_000_000, max: 1_999_999_999 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}-${b}`);
const intOrDigits = fc.integer({ min: 0, max: 250 }).chain((n) => fc.constantFrom<{ wire: number | string; n: number }>({ wire: n, n }, { wire: String(n), n }));

describe('round-trips what the builders build', () => {
  it('buildCallout → parseBarCommand, both forms, string and object data', () => {
    fc.assert(fc.property(dialable, media, fc.constantFrom('array' as const, 'object' as const), (number, mode, form) => {
      const wire = buildCallout(number, mode, form);
      const expected = { ok: true, command: { name: 'callout', number, mode, form } };
      expect(parseBarCommand(wire)).toEqual(expected);
      expect(parseBarCommand(JSON.parse(wire))).toEqual(expected);
    }), RUNS);
  });
  it('buildEventpost → parseBarCommand', () => {
    fc.assert(fc.property(fc.array(eventName, { maxLength: 30 }), (events) => {
      expect(parseBarCommand(buildEventpost(events))).toEqual({ ok: true, command: { name: 'eventpost', events } });
    }), RUNS);
  });
  it('cecEventEnvelope(Talking) → JSON → parseCecEvent gives the same content, digit strings as numbers', () => {
    fc.assert(fc.property(callId, dialable, dialable, intOrDigits, intOrDigits, fc.integer({ min: 101, max: 59999 }), (callid, caller, called, feature, mediaAbility, workNo) => {
      const wire = cecEventEnvelope('AgentEvent_Talking', String(workNo), { callid, caller, called, feature: feature.wire, mediaAbility: mediaAbility.wire });
      const r = parseCecEvent(JSON.stringify(wire));
      if (!r.ok) throw new Error(r.error);
      expect(r.event).toEqual({ eventType: 'AgentEvent_Talking', workNo: String(workNo), content: { callid, caller, called, feature: feature.n, mediaAbility: mediaAbility.n }, message: 'success' });
    }), RUNS);
  });
  it('every known type: its fixture content re-wrapped by cecEventEnvelope parses to the same event', () => {
    fc.assert(fc.property(fc.constantFrom(...protocol.KNOWN_CEC_EVENT_TYPES), fc.integer({ min: 101, max: 59999 }), (type, workNo) => {
      const f = VALID_EVENTS[type];
      const wire = cecEventEnvelope(type, String(workNo), f.wire.event.content as never);
      const r = parseCecEvent(wire);
      if (!r.ok) throw new Error(r.error);
      expect(r.event.content).toEqual(f.content);
      expect(r.event.workNo).toBe(String(workNo));
    }), { numRuns: 100 });
  });
  it('host commands and shell messages survive a JSON round trip unchanged', () => {
    fc.assert(fc.property(fc.constantFrom(...Object.values(HOST_COMMANDS)), fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), (cmd, id) => {
      const c = { ...cmd, id };
      expect(parseHostCommand(JSON.parse(JSON.stringify(c)))).toEqual({ ok: true, command: c });
    }), RUNS);
    fc.assert(fc.property(fc.constantFrom(SHELL_MESSAGES.status, SHELL_MESSAGES.log, SHELL_MESSAGES.reply, SHELL_MESSAGES.stats), fc.integer({ min: 1, max: 2 ** 31 }), (msg, seq) => {
      const m = { ...msg, seq };
      expect(parseShellMessage(JSON.parse(JSON.stringify(m)))).toEqual({ ok: true, message: m });
    }), RUNS);
  });
  it('redact: no value under a secret key survives, at any depth', () => {
    const secretKey = fc.constantFrom('access_token', 'AccessToken', 'accessToken', 'token', 'app_secret', 'appSecret', 'password', 'Authorization', 'sipPwd', 'guid', 'cookie');
    fc.assert(fc.property(secretKey, fc.string({ minLength: 6 }).map((s) => `S3CR3T${s}`), fc.array(fc.constantFrom('a', 'b', 'list'), { maxLength: 6 }), (key, secret, path) => {
      let v: unknown = { [key]: secret, other: 'visible' };
      for (const p of path) v = p === 'list' ? [v] : { [p]: v };
      const out = JSON.stringify(redact(v));
      expect(out).not.toContain(secret);
      expect(out).toContain(REDACTED);
      expect(out).toContain('visible');
    }), RUNS);
  });
});
