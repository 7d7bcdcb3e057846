/**
 * A shared bar reports a throwing listener as a plain bar does (README: "a listener that throws is
 * reported as LISTENER_FAILED"), in the owner tab and in a standby tab; the other listeners still
 * run. (The shared bar's emitter used to swallow what a listener threw.)
 */
import { describe, expect, it, vi } from 'vitest';
import { mountSharedConnectionBar, type SharedMountOptions } from '../../../src/tabs/index.js';
import { isBarError, type BarError } from '../../../src/host/index.js';
import type { Call } from '../../../src/host/types.js';
import { fakeEnv } from '../../support/tabs-fakes.js';

const options = { container: 'x', shellUrl: 'u', cecContextPath: 'c', tenantSpaceId: 't', userAccount: 'alice.chen', getAccessToken: async () => 't' } as SharedMountOptions;
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 40));
const ringing = { callId: 'k1', direction: 'inbound', caller: '100', called: '200', media: 'audio', startedAt: 1_000 } as Call;

async function ownerAndStandby(logger = {}) {
  const env = fakeEnv();
  const tabs = [mountSharedConnectionBar({ ...options, logger }, env), mountSharedConnectionBar({ ...options, logger }, env)];
  await tick();
  const owner = tabs.find((tab) => tab.ownership.owner)!;
  const standby = tabs.find((tab) => !tab.ownership.owner)!;
  return { env, owner, standby };
}

describe('a throwing listener on a shared bar', () => {
  it('is reported as LISTENER_FAILED in the owner tab and in a standby tab; the other listeners still run', async () => {
    const { env, owner, standby } = await ownerAndStandby();
    const seen: Record<string, string[]> = { owner: [], standby: [] };
    const errors: Record<string, BarError[]> = { owner: [], standby: [] };
    for (const [name, tab] of [['owner', owner], ['standby', standby]] as const) {
      tab.on('call.ringing', () => {
        throw new Error(`${name} listener broke`);
      });
      tab.on('call.ringing', (call) => seen[name]!.push(call.callId));
      tab.on('error', (error) => errors[name]!.push(error));
    }
    env.cores[0]!.fire('call.ringing', ringing);
    await tick();
    for (const name of ['owner', 'standby']) {
      expect(seen[name]).toEqual(['k1']);
      expect(errors[name]!.map((error) => [isBarError(error), error.code, (error.cause as Error).message])).toEqual([
        [true, 'LISTENER_FAILED', `${name} listener broke`],
      ]);
    }
    for (const tab of [owner, standby]) tab.destroy();
  });

  it('a throwing error listener is logged, not re-emitted', async () => {
    const logger = { error: vi.fn() };
    const { owner, standby } = await ownerAndStandby(logger);
    const broken = new Error('error listener broke');
    owner.on('ownership', () => {
      throw new Error('ownership listener broke');
    });
    const errorListener = vi.fn(() => {
      throw broken;
    });
    owner.on('error', errorListener);
    await standby.takeOver();
    await tick();
    expect(errorListener).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith('cec-bar-host: error listener threw', broken);
    for (const tab of [owner, standby]) tab.destroy();
  });
});
