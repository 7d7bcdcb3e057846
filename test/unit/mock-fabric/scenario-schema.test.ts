/** Scenario files: the schema's checks, the builder, and the seeded plan (same traffic every time). */
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioBuilder, ScenarioError } from '../../../src/protocol/scenario.js';
import { planScenario, seededRandom } from '../../../mock-fabric/scenario-plan.js';
import { loadScenarioFile } from '../../../mock-fabric/scenario-file.js';

const minimal = { version: 1, name: 'n', seed: 1, durationMs: 1000, timeline: [], expect: [] };

describe('parseScenario', () => {
  it('accepts the shipped busy hour and resolves its tenant next to it', () => {
    const scenario = loadScenarioFile('mock-fabric/scenarios/busy-hour.json');
    expect(scenario.tenant).toMatch(/mock-fabric\/scenarios\/busy-hour-tenant\.json$/);
    expect((scenario.traffic ?? []).reduce((sum, traffic) => sum + traffic.calls, 0) + scenario.timeline.filter((action) => action.do === 'call').length).toBe(200);
  });

  it.each([
    ['an unknown key', { ...minimal, extra: 1 }, /extra|unrecognized/],
    ['a bad number', { ...minimal, timeline: [{ at: 0, do: 'call', call: 'c1', caller: 'abc', called: '66881' }] }, /timeline\.0/],
    ['a call named twice', { ...minimal, timeline: [{ at: 0, do: 'call', call: 'c1', caller: '1', called: '66881' }, { at: 1, do: 'call', call: 'c1', caller: '2', called: '66881' }] }, /"c1" is named twice/],
    ['a hang-up of a call never made', { ...minimal, timeline: [{ at: 0, do: 'hangUp', call: 'ghost' }] }, /unknown call "ghost"/],
    ['an expectation about a call never made', { ...minimal, expect: [{ expect: 'callEnds', call: 'ghost', outcome: 'completed' }] }, /unknown call "ghost"/],
    ['a negative time', { ...minimal, timeline: [{ at: -1, do: 'advance', ms: 5 }] }, /timeline\.0/],
    ['a device that is not a phone', { ...minimal, timeline: [{ at: 0, do: 'agent', workNo: 102, command: 'deviceDrops', device: 'pager' }] }, /timeline\.0/],
    ['a call with another media', { ...minimal, timeline: [{ at: 0, do: 'call', call: 'c1', caller: '1', called: '66881', media: 'chat' }] }, /timeline\.0/],
  ])('refuses %s, naming it', (_what, value, message) => {
    expect(() => parseScenario(value)).toThrow(ScenarioError);
    expect(() => parseScenario(value)).toThrow(message);
  });

  it('lets actions name generated calls by their prefix', () => {
    const value = { ...minimal, traffic: [{ fromMs: 0, toMs: 1000, calls: 3, called: '66881', namePrefix: 'rush' }], timeline: [{ at: 500, do: 'hangUp', call: 'rush-2' }] };
    expect(parseScenario(value).timeline).toHaveLength(1);
  });
});

describe('ScenarioBuilder', () => {
  it("writes a video call and a device drop (the agent's own phone when no device is named)", () => {
    const scenario = new ScenarioBuilder('media', { seed: 1, durationMs: 60_000 })
      .call(0, { call: 'v1', caller: '13800000001', called: '66881', media: 'video' })
      .deviceDrops(10_000, 102)
      .deviceDrops(20_000, 103, 'deskPhone')
      .build();
    expect(scenario.timeline).toEqual([
      { at: 0, do: 'call', call: 'v1', caller: '13800000001', called: '66881', media: 'video' },
      { at: 10_000, do: 'agent', workNo: 102, command: 'deviceDrops' },
      { at: 20_000, do: 'agent', workNo: 103, command: 'deviceDrops', device: 'deskPhone' },
    ]);
  });

  it('builds what a file would say, validated', () => {
    const built = new ScenarioBuilder('b', { seed: 5, durationMs: 10_000 })
      .call(0, { call: 'c1', caller: '13800000001', called: '66881' })
      .hangUp(5_000, 'c1')
      .advance(6_000, 1_000)
      .faults(7_000, { rules: [] })
      .expect({ expect: 'noEventLost' })
      .build();
    expect(built).toEqual({
      version: 1,
      name: 'b',
      seed: 5,
      durationMs: 10_000,
      timeline: [
        { at: 0, do: 'call', call: 'c1', caller: '13800000001', called: '66881' },
        { at: 5_000, do: 'hangUp', call: 'c1' },
        { at: 6_000, do: 'advance', ms: 1_000 },
        { at: 7_000, do: 'faults', faults: { rules: [] } },
      ],
      expect: [{ expect: 'noEventLost' }],
    });
    expect(() => new ScenarioBuilder('b', { seed: 5, durationMs: 10_000 }).hangUp(0, 'nobody').build()).toThrow(ScenarioError);
  });
});

describe('planScenario', () => {
  it('expands seeded traffic the same way every time, in time order, with the share of abandons asked for', () => {
    const scenario = parseScenario({ ...minimal, seed: 99, durationMs: 600_000, traffic: [{ fromMs: 0, toMs: 600_000, calls: 400, called: '66881', abandonRate: 0.25, abandonAfterMs: [10_000, 20_000] }] });
    const first = planScenario(scenario).actions;
    expect(planScenario(scenario).actions).toEqual(first);
    expect(first).toHaveLength(400);
    expect(first.every((action, index) => index === 0 || action.at >= (first[index - 1]?.at ?? 0))).toBe(true);
    const abandons = first.filter((action) => action.do === 'call' && action.abandonAfterMs !== undefined);
    expect(abandons.length).toBeGreaterThan(60);
    expect(abandons.length).toBeLessThan(140);
    expect(planScenario({ ...scenario, seed: 100 }).actions).not.toEqual(first);
  });

  it('seededRandom is the same sequence for the same seed, within [0, 1)', () => {
    const draw = (seed: number) => Array.from({ length: 1000 }, seededRandom(seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
