/**
 * The mock forgets what it must, over HTTP: ended calls are kept in a bounded history (the
 * newest), live calls never leave it, so a long QA or load run does not grow `/__mock/state`.
 * (The event log and GUID bounds: test/unit/mock-fabric/history.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MOCK_CHOICES, startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { GatewayAgent, request } from '../../support/mock-client.js';

let fabric: MockFabric | undefined;
afterEach(async () => {
  await fabric?.close();
  fabric = undefined;
});

/** Calls that end at once: nobody is signed in, so skill 1's "no agents" overflow releases them. */
function injectEndedCalls(target: MockFabric, count: number): string[] {
  return Array.from({ length: count }, (_, index) => target.control.injectCall({ caller: `139${String(index).padStart(8, '0')}`, called: '66881' }).callId);
}

describe('ended-call history', () => {
  it('keeps only the newest endedCallHistory ended calls, oldest first', async () => {
    fabric = await startMockFabric({ trustTokens: true, endedCallHistory: 50 });
    const ids = injectEndedCalls(fabric, 200);
    const calls = fabric.control.state().calls;
    expect(calls.every((call) => call.state === 'released')).toBe(true);
    expect(calls.map((call) => call.callId)).toEqual(ids.slice(-50));
  });

  it('bounds GET /__mock/state by default (MOCK_CHOICES.endedCallHistory): its size stops growing', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    injectEndedCalls(fabric, 600);
    const sizeAfter600 = (await request(fabric.url, 'GET', '/__mock/state')).text.length;
    const newest = injectEndedCalls(fabric, 2_400);
    const reply = await request(fabric.url, 'GET', '/__mock/state');
    const calls = (reply.json as { calls: { callId: string }[] }).calls;
    expect(calls.map((call) => call.callId)).toEqual(newest.slice(-500));
    expect(reply.text.length).toBeLessThan(sizeAfter600 * 1.05);
    expect(reply.text.length).toBeLessThan(200 * 1024);
    expect(MOCK_CHOICES.endedCallHistory).toBe(500);
  });

  it('never forgets a live call, however many calls end after it', async () => {
    fabric = await startMockFabric({ trustTokens: true, endedCallHistory: 5 });
    await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77');
    const { callId: ringing } = fabric.control.injectCall({ caller: '13900000001', called: '66881' });
    const ended = Array.from({ length: 20 }, (_, index) => {
      const { callId } = fabric!.control.injectCall({ caller: `1380000${String(index).padStart(4, '0')}`, called: '66881' });
      fabric!.control.hangupCall(callId); // queued behind the ringing call, then the customer gives up
      return callId;
    });
    const calls = fabric.control.state().calls;
    expect(calls.find((call) => call.callId === ringing)?.state).toBe('ringing');
    expect(calls.filter((call) => call.state === 'released').map((call) => call.callId)).toEqual(ended.slice(-5));
  });

  it('refuses a history bound that is not a positive integer', async () => {
    await expect(startMockFabric({ endedCallHistory: 0 })).rejects.toThrow(/endedCallHistory/);
    await expect(startMockFabric({ endedCallHistory: 1.5 })).rejects.toThrow(/endedCallHistory/);
  });
});
