/**
 * A scenario made concrete before it plays: seeded traffic expanded into call actions, the
 * timeline sorted (stable), and the random source every later draw uses.
 */
import type { Scenario, ScenarioAction, ScenarioTraffic } from '../src/protocol/scenario.js';

/** A seeded random source in [0, 1) (mulberry32: small, fast, and the same on every machine). */
export type Random = () => number;

/**
 * @example
 * const random = seededRandom(42);
 * random(); // the same first number on every run
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A whole number drawn uniformly from `[min, max]`. */
export function drawBetween(random: Random, range: readonly [number, number]): number {
  const [low, high] = range[0] <= range[1] ? range : [range[1], range[0]];
  return Math.floor(low + random() * (high - low + 1));
}

/** The call actions one traffic entry stands for, in time order. */
function expandTraffic(traffic: ScenarioTraffic, random: Random): ScenarioAction[] {
  const span = Math.max(1, traffic.toMs - traffic.fromMs);
  const times = Array.from({ length: traffic.calls }, () => traffic.fromMs + Math.floor(random() * span)).sort((a, b) => a - b);
  const prefix = traffic.namePrefix ?? traffic.called;
  return times.map((at, index) => {
    const abandons = traffic.abandonAfterMs !== undefined && random() < (traffic.abandonRate ?? 0);
    const caller = (traffic.callerPrefix ?? '139') + String(index + 1).padStart(11 - (traffic.callerPrefix ?? '139').length, '0');
    const action: ScenarioAction = { at, do: 'call', call: `${prefix}-${index + 1}`, caller, called: traffic.called };
    if (abandons && traffic.abandonAfterMs) action.abandonAfterMs = drawBetween(random, traffic.abandonAfterMs);
    return action;
  });
}

/** What the player runs: every action in time order (ties keep file order), and the random source. */
export interface ScenarioPlan {
  readonly actions: readonly ScenarioAction[];
  readonly random: Random;
}

/**
 * @example
 * const plan = planScenario(parseScenario(json));
 * plan.actions.length; // timeline + generated calls
 */
export function planScenario(scenario: Scenario): ScenarioPlan {
  const random = seededRandom(scenario.seed);
  const generated = (scenario.traffic ?? []).flatMap((traffic) => expandTraffic(traffic, random));
  const actions = [...scenario.timeline, ...generated].map((action, order) => ({ action, order }));
  actions.sort((a, b) => a.action.at - b.action.at || a.order - b.order);
  return { actions: actions.map((entry) => entry.action), random };
}
