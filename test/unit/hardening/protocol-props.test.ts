/**
 * Property tests (fast-check) of what the protocol must refuse, and of the round trips the
 * hardening relies on (events of every type, bridge messages, server schemas). "Never throws",
 * the builders' round trips and redaction are in test/unit/protocol/props.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BRIDGE_VERSION,
  CEC_EVENT_CONTENT,
  DEFAULT_SCRIPT_PATH,
  KNOWN_CEC_EVENT_TYPES,
  MAX_BRIDGE_MESSAGE_CHARS,
  MAX_JSON_DEPTH,
  buildCallout,
  calloutBodySchema,
  cecEventEnvelope,
  parseBarCommand,
  parseCecEvent,
  parseHostCommand,
  parseShellConfig,
  parseShellMessage,
  queryAgentInfoResponseSchema,
  tokenByAkSkResponseSchema,
  validateRequestSchema,
  validateResponseSchema,
} from '../../../src/protocol/index.js';
import { genCallId, genContent, genHostCommand, genSessionId, genShellMessage, hostile } from '../../support/bench-arbitraries.js';

const RUNS = { numRuns: 400 };
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

describe('CEC events', () => {
  it('every known event type: a built envelope parses, as an object and as a JSON string, to the same event', () => {
    fc.assert(fc.property(fc.constantFrom(...KNOWN_CEC_EVENT_TYPES).chain((t) => genContent(t).map((c) => [t, c] as const)), fc.integer({ min: 101, max: 59999 }), ([type, content], workNo) => {
      const env = cecEventEnvelope(type, String(workNo), content as never);
      const a = parseCecEvent(env);
      const b = parseCecEvent(JSON.stringify(env));
      expect(a.ok, a.ok ? '' : a.error).toBe(true);
      expect(b).toEqual(a);
      if (a.ok) {
        expect(a.event.eventType).toBe(type);
        expect(a.event.workNo).toBe(String(workNo));
        // Parsing what we produced again changes nothing (idempotent normalisation).
        const again = parseCecEvent({ event: { eventType: a.event.eventType, workNo: a.event.workNo, content: a.event.content }, message: a.event.message });
        expect(again).toEqual(a);
      }
    }), RUNS);
  });

  it('refuses a call event without its call id, whatever else it carries', () => {
    const callTypes = ['AgentEvent_Ringing', 'AgentEvent_Talking', 'AgentOther_PhoneAlerting', 'AgentEvent_Customer_Alerting', 'AgentEvent_Customer_Release'] as const;
    fc.assert(fc.property(fc.constantFrom(...callTypes), fc.dictionary(fc.constantFrom('caller', 'called', 'type', 'feature'), fc.string({ maxLength: 8 })), (type, extra) => {
      const r = parseCecEvent({ event: { eventType: type, workNo: '101', content: { ...extra } }, message: 'x' });
      expect(r.ok).toBe(false);
    }), RUNS);
  });

  it('refuses event types that are not identifiers', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40 }).filter((t) => !IDENTIFIER.test(t)), (t) => {
      expect(parseCecEvent({ event: { eventType: t, workNo: '1', content: null } }).ok).toBe(false);
    }), RUNS);
  });

  it('keeps unknown identifiers as `unknown`, with the raw type and content', () => {
    const unknownType = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,39}$/).filter((t) => !Object.prototype.hasOwnProperty.call(CEC_EVENT_CONTENT, t));
    fc.assert(fc.property(unknownType, fc.constantFrom(null, 'x', { a: 1 }), (t, content) => {
      const r = parseCecEvent({ event: { eventType: t, workNo: '1', content } });
      expect(r).toEqual({ ok: true, known: false, event: { eventType: 'unknown', rawEventType: t, workNo: '1', content } });
    }), RUNS);
  });

  it('refuses wrong types in call ids and numbers', () => {
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.object(), fc.constant('')), (bad) => {
      expect(parseCecEvent({ event: { eventType: 'AgentEvent_Talking', workNo: '101', content: { callid: bad } } }).ok).toBe(false);
      expect(parseCecEvent({ event: { eventType: 'AgentEvent_Call_Release', workNo: '101', content: bad } }).ok).toBe(false);
    }), RUNS);
  });

  it('hostile keys never pollute Object.prototype', () => {
    fc.assert(fc.property(genCallId, (id) => {
      parseCecEvent(`{"event":{"eventType":"AgentEvent_Talking","workNo":"1","content":{"callid":"${id}","__proto__":{"polluted":1}}},"__proto__":{"polluted":2}}`);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }), RUNS);
  });
});

describe('CEC commands', () => {
  it('refuses numbers that are not dialable, in the builder and the parser', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }).filter((s) => !/^[0-9*#]{1,24}$/.test(s)), (n) => {
      expect(() => buildCallout(n)).toThrow(TypeError);
      expect(parseBarCommand({ name: 'callout', param: [n, 'audio'] }).ok).toBe(false);
      expect(parseBarCommand({ name: 'callout', param: { number: n } }).ok).toBe(false);
    }), RUNS);
  });
});

describe('bridge messages', () => {
  it('every generated shell message parses, and again after a JSON round trip', () => {
    fc.assert(fc.property(genShellMessage, (m) => {
      const a = parseShellMessage(m);
      expect(a.ok, a.ok ? '' : `${a.reason}: ${a.error}`).toBe(true);
      expect(parseShellMessage(JSON.parse(JSON.stringify(m)))).toEqual(a);
    }), RUNS);
  });

  it('wrong version → version; any missing base field → shape', () => {
    fc.assert(fc.property(genShellMessage, fc.constantFrom('sessionId', 'shellId', 'seq', 'kind'), fc.oneof(fc.integer(), fc.string(), fc.constant(undefined)), (m, key, v) => {
      if (v !== BRIDGE_VERSION) expect(parseShellMessage({ ...m, v })).toMatchObject({ ok: false, reason: 'version' });
      const { [key]: _dropped, ...rest } = m as Record<string, unknown>;
      expect(parseShellMessage(rest)).toMatchObject({ ok: false, reason: 'shape' });
    }), RUNS);
  });

  it('oversized and too-deep messages → size', () => {
    fc.assert(fc.property(genShellMessage, fc.integer({ min: 1, max: 3 }), (m, k) => {
      expect(parseShellMessage({ ...m, pad: 'x'.repeat(MAX_BRIDGE_MESSAGE_CHARS * k) })).toMatchObject({ ok: false, reason: 'size' });
      let deep: unknown = 1;
      for (let i = 0; i < MAX_JSON_DEPTH + k; i += 1) deep = { d: deep };
      expect(parseShellMessage({ ...m, deep })).toMatchObject({ ok: false, reason: 'size' });
    }), { numRuns: 50 });
  });

  it('host commands round-trip; a bad session id is refused', () => {
    fc.assert(fc.property(genHostCommand, fc.string({ maxLength: 15 }), (c, badSession) => {
      expect(parseHostCommand(JSON.parse(JSON.stringify(c)))).toEqual({ ok: true, command: c });
      expect(parseHostCommand({ ...c, sessionId: badSession }).ok).toBe(false);
    }), RUNS);
  });

  it('shell config: a complete one parses; a missing token or a non-/ context path is refused', () => {
    fc.assert(fc.property(genSessionId, fc.stringMatching(/^[a-z]{1,10}$/), (sessionId, user) => {
      const cfg = { v: 1, sessionId, hostOrigin: 'http://127.0.0.1:8080', cecContextPath: 'http://localhost:8081/service-cloud/', scriptPath: DEFAULT_SCRIPT_PATH, tenantSpaceId: 't1', userAccount: user, accessToken: 'tok', events: ['AgentEvent_Talking'], barLoadTimeoutMs: 10_000 };
      expect(parseShellConfig(cfg)).toEqual({ ok: true, config: cfg });
      expect(parseShellConfig({ ...cfg, accessToken: '' }).ok).toBe(false);
      expect(parseShellConfig({ ...cfg, cecContextPath: 'http://localhost:8081/service-cloud' }).ok).toBe(false);
    }), RUNS);
  });
});

describe('server-side schemas', () => {
  it('tokenByAkSk response: all-string fields accepted, numbers refused', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3600 }), fc.string({ minLength: 1, maxLength: 60 }), (ttl, tok) => {
      const ok = { AccessToken: tok, ApplyType: 'Bearer', CreateTime: '1700000000', Expires: String(ttl), Scope: 'default', AppKey: 'k', UserID: 'Anonymous' };
      expect(tokenByAkSkResponseSchema.safeParse(JSON.parse(JSON.stringify(ok))).success).toBe(true);
      expect(tokenByAkSkResponseSchema.safeParse({ ...ok, Expires: ttl }).success).toBe(false);
    }), RUNS);
  });

  it('validate request/response: round-trip; retCode as number or digit string', () => {
    fc.assert(fc.property(fc.integer({ min: -5, max: 5 }), fc.boolean(), (code, asString) => {
      const r = validateResponseSchema.safeParse({ retCode: asString ? String(code) : code, message: 'm' });
      expect(r.success).toBe(true);
      expect(validateRequestSchema.safeParse({ access_token: '', tenantSpaceId: 't', userAccount: 'u' }).success).toBe(false);
    }), RUNS);
  });

  it('fabric agents: workNo outside 101..59999 is refused', () => {
    fc.assert(fc.property(fc.integer(), (w) => {
      const r = queryAgentInfoResponseSchema.safeParse({ sipServiceIp: '1.2.3.4', sipServicePort: 5060, agents: [{ workNo: w, sipAccount: 's', sipPwd: 'p', accountCode: 'a' }] });
      expect(r.success).toBe(w >= 101 && w <= 59999);
    }), RUNS);
  });

  it('gateway callout body: callappdata over 16 KB is refused', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), (extra) => {
      expect(calloutBodySchema.safeParse({ called: '123', callappdata: 'x'.repeat(16 * 1024 + extra) }).success).toBe(false);
      expect(calloutBodySchema.safeParse({ called: '123', callappdata: 'x'.repeat(extra) }).success).toBe(true);
    }), { numRuns: 50 });
  });
});
