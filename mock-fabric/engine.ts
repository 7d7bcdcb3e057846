/**
 * The CEC call centre the mock simulates, put together from its parts: the shared state
 * (call-centre.ts), agent states (agent-states.ts), routing and queues (routing.ts), call control
 * (call-control.ts); snapshot.ts reads it for the QA control. Transport-free: the gateway, the
 * signalling relay and the QA control drive it.
 */
import type { Clock } from '../src/server/clock.js';
import { AgentStates } from './agent-states.js';
import { CallCentre } from './call-centre.js';
import { CallControl } from './call-control.js';
import { NOT_READY_REASONS } from './mock-state.js';
import { Routing } from './routing.js';
import type { TenantConfig } from './tenant.js';

/**
 * The simulated call centre for one tenant.
 *
 * @example
 * const engine = new Engine(tenant, systemClock);
 * engine.agentStates.signIn(101, false);
 * const { callId } = engine.routing.injectCall({ caller: '13900000000', called: '66881' });
 * engine.callControl.answer(101, callId);
 */
export class Engine {
  readonly centre: CallCentre;
  readonly routing: Routing;
  readonly agentStates: AgentStates;
  readonly callControl: CallControl;

  constructor(tenant: TenantConfig, clock: Clock) {
    this.centre = new CallCentre(tenant, clock, (workNo) => this.agentStates.signOut(workNo, 'no poll for 2 minutes'));
    this.routing = new Routing(this.centre, (call, runtime) => this.agentStates.returnRingingCall(runtime, call, 'no answer', NOT_READY_REASONS.NO_ANSWER));
    this.agentStates = new AgentStates(this.centre, this.routing);
    this.callControl = new CallControl(this.centre, this.routing, this.agentStates);
  }
}
