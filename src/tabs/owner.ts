/**
 * The owner tab's side of a shared bar: the mounted core bar, the calls inherited from the
 * previous owner, and the relay of the core's events to every tab. The core is a new frame, so it
 * starts out knowing nothing of the agent or the calls: until it reports them itself, what this
 * tab knew when it took over stands in — for `confirmMs` at most: a new bar that says nothing by
 * then did not resume CEC's session (session-check.ts), and every tab is told the agent is offline.
 */
import type { BarError } from '../protocol/bar-error.js';
import { createSessionCheck } from '../host/session-check.js';
import type { AgentSnapshot, AgentStateChange, Call, ConnectionBar, ConnectionState } from '../host/types.js';
import { createCarriedCalls } from './carried-calls.js';
import type { Relayed } from './wire.js';

const CALL_EVENTS = ['call.ringing', 'call.dialing', 'call.connected', 'call.ended'] as const;

/** What the owner needs from the shared bar around it. */
export interface OwnerHooks {
  /** Emit in this tab and relay to the standby tabs. */
  publish(name: Relayed, payload: unknown): void;
  /** The core's connection state is the shared bar's. */
  setState(state: ConnectionState): void;
  /** Tell the standby tabs who owns the bar, with the current snapshot. */
  announce(): void;
  onError(error: BarError): void;
  /** The core is ready: the shared bar's `ready` resolves. */
  onReady(): void;
  /** How long the inherited agent state stands in unconfirmed (`timeouts.callEndConfirmMs`). */
  readonly confirmMs: number;
}

/** @example const owned = ownBar(env.mount(options), { agent, calls }, hooks); owned.release(); */
export interface OwnedBar {
  readonly core: ConnectionBar;
  agent(): AgentSnapshot;
  /** The inherited calls still live, then the core's own. */
  calls(): Call[];
  /** Stops relaying and unmounts the core. The calls go on in the next owner: nothing ends here. */
  release(): void;
}

/**
 * Takes over a freshly mounted `core`. `inherited` is what this tab knew when it became the owner.
 * @example
 * const owned = ownBar(env.mount(options), { agent: lastSnapshot.agent, calls: lastSnapshot.calls }, hooks);
 */
export function ownBar(core: ConnectionBar, inherited: { readonly agent: AgentSnapshot; readonly calls: readonly Call[] }, hooks: OwnerHooks): OwnedBar {
  let released = false;
  let coreReportedAgent = false;
  /** The agent as this tab knows it until the core reports: inherited, then offline if the bar did not resume. */
  let standIn = inherited.agent;
  const carried = createCarriedCalls(inherited.calls, hooks.publish);
  const session = createSessionCheck(hooks.confirmMs, (error) => {
    const at = Date.now();
    const change: AgentStateChange = { state: 'offline', previous: standIn.state, at, error };
    standIn = Object.freeze({ state: 'offline', since: at });
    carried.endAll(); // the carried calls ended unseen, or go on where no tab hears of them
    hooks.publish('agent.state', Object.freeze(change));
    hooks.onError(error);
  });
  if (standIn.state !== 'offline') session.expect();
  /** After a handover the old core's last events (its calls ending as it unmounts) stay in this tab. */
  const whileOwned = <P>(listener: (payload: P) => void) => (payload: P): void => {
    if (!released) listener(payload);
  };

  core.on('cec', whileOwned((event) => {
    session.confirm();
    hooks.publish('cec', event);
    carried.onCec(event);
  }));
  core.on('agent.state', whileOwned((change) => {
    const first = !coreReportedAgent;
    coreReportedAgent = true;
    if (!first) return hooks.publish('agent.state', change);
    // The new frame's model starts offline: tell the tabs only of a real change.
    if (change.state !== standIn.state) hooks.publish('agent.state', Object.freeze({ ...change, previous: standIn.state }));
  }));
  for (const name of CALL_EVENTS) {
    core.on(name, whileOwned((call: Call) => {
      const relayed = carried.fromCore(name, call as never);
      if (relayed) hooks.publish(name, relayed);
    }));
  }
  core.on('connection', whileOwned((change) => {
    hooks.setState(change.state);
    if (change.state === 'failed') carried.endAll();
    if (change.state === 'ready') hooks.announce();
  }));
  core.on('error', whileOwned(hooks.onError));
  void core.ready.then(hooks.onReady, () => {});

  return {
    core,
    agent: () => (coreReportedAgent ? core.agent : standIn),
    calls: () => [...carried.calls, ...core.calls.map((call) => carried.view(call))],
    release() {
      released = true;
      session.stop();
      core.destroy();
    },
  };
}
