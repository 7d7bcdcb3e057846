/**
 * CEC's tenant configuration APIs on the mock (docs/cec-reference.md §6.7): agents, skill queues
 * and called routes, changed at run time on the running engine, behind the API Fabric's token
 * and `X-APP-Key` checks. The tenant file stays the seed; tenant-export.ts writes the result back.
 */
import type { Engine } from '../engine.js';
import type { FabricRoute } from '../fabric-api.js';
import { agentRoutes } from './agent-api.js';
import { calledRouteRoutes } from './route-api.js';
import { skillRoutes } from './skill-api.js';
import { TenantStore } from './tenant-store.js';

/** The configuration APIs of one engine: its store and the Fabric routes that change it. */
export interface ConfigApi {
  readonly store: TenantStore;
  readonly routes: Readonly<Record<string, FabricRoute>>;
}

/**
 * The configuration APIs over a running engine, for `FabricContext.moreRoutes`.
 *
 * @example
 * const config = createConfigApi(engine);
 * const fabricApi = new FabricApi({ tenant: () => tenant, clock, baseUrl: () => baseUrl, moreRoutes: config.routes });
 */
export function createConfigApi(engine: Engine): ConfigApi {
  const store = new TenantStore(engine);
  // A queue with a call still in it (waiting, ringing, talking) stays: the call would lose its queue.
  const liveCalls = (skillId: number): number => [...engine.centre.calls.values()].filter((call) => call.skillId === skillId && call.state !== 'released').length;
  return { store, routes: { ...agentRoutes(store), ...skillRoutes(store, liveCalls), ...calledRouteRoutes(store) } };
}
