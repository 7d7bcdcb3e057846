/**
 * The mock forgets what it must: the event log has a bound across all agents, and gateway
 * sessions forget rotated GUIDs, so a long run stays flat. (The ended-call history over HTTP:
 * test/integration/mock-fabric/history.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { MOCK_CHOICES } from '../../../mock-fabric/index.js';
import { Engine } from '../../../mock-fabric/engine.js';
import { eventLog } from '../../../mock-fabric/snapshot.js';
import { loadTenant, type TenantConfig } from '../../../mock-fabric/tenant.js';
import { FakeClock } from '../../support/mock-clock.js';

/** A tenant with `count` agents (workNo 101…) on the default tenant's skills and routes. */
function manyAgentsTenant(count: number): TenantConfig {
  const base = loadTenant('mock-fabric/tenants/default.json');
  const model = base.agents[0]!;
  const agents = Array.from({ length: count }, (_, index) => ({ ...model, workNo: 101 + index, accountCode: `agent${101 + index}` }));
  return loadTenant({ ...base, agents });
}

describe('event log', () => {
  it('keeps at most MOCK_CHOICES.eventLogTotal events across all agents, the newest', () => {
    const engine = new Engine(manyAgentsTenant(100), new FakeClock());
    const total = 20_000;
    // 40,000 events over 100 agents: 400 each, far below one agent's own bound (eventLogPerAgent).
    for (let index = 0; index < total * 2; index++) engine.centre.emit(101 + (index % 100), 'AgentState_Ready', null);
    const log = eventLog(engine.centre);
    expect(log).toHaveLength(total);
    expect(log.at(-1)?.seq).toBe(total * 2);
    expect(log[0]?.seq).toBe(total + 1);
    expect(MOCK_CHOICES.eventLogTotal).toBe(total);
    engine.centre.dispose();
  });
});

describe('gateway sessions', () => {
  it('forget rotated GUIDs once their grace is over (an agent polling for hours holds a few, not hundreds)', async () => {
    const clock = new FakeClock();
    const engine = new Engine(loadTenant('mock-fabric/tenants/default.json'), clock);
    engine.agentStates.signIn(101, false);
    const session = engine.centre.sessions.get(101)!;
    for (let rotation = 0; rotation < 50; rotation++) {
      clock.advance(MOCK_CHOICES.guidRotateMs);
      engine.centre.emit(101, 'AgentState_Ready', null);
      while (session.queue.length > 0) await engine.centre.sessions.poll(session).promise;
    }
    // The current GUID plus the ones still within their grace (guidGraceMs / guidRotateMs of them).
    expect(engine.centre.sessions.guidCount).toBeLessThanOrEqual(1 + Math.ceil(MOCK_CHOICES.guidGraceMs / MOCK_CHOICES.guidRotateMs));
    expect(engine.centre.sessions.check(session.guid, 101).ok).toBe(true);
    engine.centre.dispose();
  });
});
