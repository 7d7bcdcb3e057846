// The mock's connection faults seen from the host: the bar's event polls are reset mid-answer or
// stall after their headers while the customer hangs up; once the network recovers the page gets
// exactly one call.ended for the call.
import { test, expect, signInAgent, injectCall, barFrame, barEvents, hangUpAsCustomer } from '../../../src/testing/index.js';

for (const connection of ['reset', 'stall'] as const) {
  test(`event polls ${connection === 'reset' ? 'reset mid-answer' : 'stalled after the headers'} during a hang-up: one call.ended once they recover`, async ({ barPage, mockFabric }) => {
    await signInAgent(barPage);
    const { callId } = await injectCall(mockFabric, { caller: '13800138001' });
    await expect.poll(() => barEvents(barPage, 'call.ringing')).toHaveLength(1);
    await barFrame(barPage).getByTestId('bar-answer').click();
    await expect.poll(() => barEvents(barPage, 'call.connected')).toHaveLength(1);
    mockFabric.control.setFaults({ rules: [{ path: '/agentevent/', connection }] });
    // The poll waiting now came in before the rule: once it runs out (~10 s), every next one meets the fault.
    const polling = () => mockFabric.control.state().agents.find((agent) => agent.workNo === 101)?.polling;
    await expect.poll(polling, { timeout: 15_000 }).toBe(false);
    await hangUpAsCustomer(mockFabric, callId);
    await barPage.waitForTimeout(2_000);
    expect(await barEvents(barPage, 'call.ended')).toHaveLength(0);
    mockFabric.control.setFaults({ rules: [] });
    await expect.poll(() => barEvents(barPage, 'call.ended'), { timeout: 20_000 }).toHaveLength(1);
    const [ended] = await barEvents(barPage, 'call.ended');
    expect(ended?.payload).toMatchObject({ callId, endedBy: 'customer' });
    await barPage.waitForTimeout(1_500);
    expect(await barEvents(barPage, 'call.ended')).toHaveLength(1);
  });
}
