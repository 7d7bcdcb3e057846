/** Gateway, API Fabric, verification and mock-bar schemas: good samples pass, bad ones fail. */
import { describe, expect, it } from 'vitest';
import * as protocol from '../../../src/protocol/index.js';
import { barFrameConfigSchema } from '../../../mock-fabric/bar-frame-config.js';
import { SERVER_SAMPLES } from '../../fixtures/cec/server.js';

type Schema = { safeParse(v: unknown): { success: boolean } };
const SCHEMAS: Record<string, Schema> = { ...(protocol as unknown as Record<string, Schema>), barFrameConfigSchema };

describe('server-side schemas', () => {
  for (const [name, samples] of Object.entries(SERVER_SAMPLES)) {
    it(`${name}: ${samples.good.length} good accepted, ${samples.bad.length} bad refused`, () => {
      const schema = SCHEMAS[name];
      if (!schema) throw new Error(`${name} is not exported by src/protocol`);
      for (const g of samples.good) expect(schema.safeParse(g).success, JSON.stringify(g)).toBe(true);
      for (const b of samples.bad) expect(schema.safeParse(b).success, JSON.stringify(b).slice(0, 200)).toBe(false);
    });
  }
  it('every exported *Schema of the protocol has samples here (bridge ones in bridge.test.ts)', () => {
    const bridgeOrEvent = /^(shellConfig|hostCommand|shellMessage|ringingContent|talkingContent|incomingCallInfoContent|customerAlertingContent|customerReleaseContent|setNotReadyContent|phoneReleaseContent)Schema$/;
    const exported = Object.keys(protocol).filter((k) => k.endsWith('Schema') && !bridgeOrEvent.test(k));
    for (const name of exported) expect(Object.keys(SERVER_SAMPLES), name).toContain(name);
  });
});

describe('helpers', () => {
  it('isValidateSuccess: retCode 0 or "0" only', () => {
    expect(protocol.isValidateSuccess({ retCode: 0 })).toBe(true);
    expect(protocol.isValidateSuccess({ retCode: '0', message: 'validate success' })).toBe(true);
    for (const retCode of [1, '2', -1]) expect(protocol.isValidateSuccess({ retCode })).toBe(false);
  });
  it('gateway retcodes are strings; token expiry is capped at 3600 s', () => {
    for (const code of Object.values(protocol.GATEWAY_RETCODES)) expect(code).toMatch(/^(0|\d{3}-\d{3})$/);
    expect(protocol.MAX_TOKEN_EXPIRE_SECONDS).toBe(3600);
  });
});
