/**
 * What the QA control reports about the simulated call centre: `GET /__mock/state` and
 * `GET /__mock/events`. Shapes only, browser-safe (the control panel page reads them); the engine
 * fills them in snapshot.ts.
 */
import { AGENT_STATE_CODES } from '../src/protocol/gateway.js';

/**
 * Where an agent is in the mock. `ringing`/`dialing`/`talking` mean a call is attached.
 *
 * @example
 * ```ts
 * import { startMockFabric } from 'cec-bar-host/mock-fabric';
 * const fabric = await startMockFabric({ trustTokens: true });
 * const idle = fabric.control.state().agents.filter((agent) => agent.phase === 'idle');
 * ```
 */
export type AgentPhase =
  /** Not signed in. */
  | 'signedOut'
  /** Idle: calls may be offered. */
  | 'idle'
  /** Busy (not ready). */
  | 'busy'
  /** Resting. */
  | 'rest'
  /** Wrap-up after a call. */
  | 'wrapUp'
  /** An offered call rings at the agent. */
  | 'ringing'
  /** The agent's call-out rings at the customer. */
  | 'dialing'
  /** On a connected call. */
  | 'talking';

/** CEC's not-ready reasons the mock itself sets (`AgentState_SetNotReady_Success`, docs/cec-reference.md §2.4). */
export const NOT_READY_REASONS = {
  /** The agent let an offered call ring out. */
  NO_ANSWER: 2,
  /** The agent's phone cannot take calls. */
  PHONE_UNAVAILABLE: 5,
  /** The agent rejected an offered call. */
  REJECTED: 7,
} as const;

/**
 * Every state a simulated call goes through, in order (`queued` and `ringing` are inbound only,
 * `dialing` outbound only).
 *
 * @example
 * ```ts
 * import { CALL_STATES } from 'cec-bar-host/mock-fabric';
 * const live = CALL_STATES.filter((state) => state !== 'released');
 * ```
 */
export const CALL_STATES = ['queued', 'ringing', 'dialing', 'talking', 'released'] as const;
/**
 * One of {@link CALL_STATES}.
 *
 * @example
 * ```ts
 * import { startMockFabric, type CallState } from 'cec-bar-host/mock-fabric';
 * const fabric = await startMockFabric({ trustTokens: true });
 * const stateOf = (callId: string): CallState | undefined => fabric.control.state().calls.find((call) => call.callId === callId)?.state;
 * ```
 */
export type CallState = (typeof CALL_STATES)[number];

/**
 * One event the mock sent an agent, with its time (`GET /__mock/events`, `control.events()`).
 *
 * @example
 * ```ts
 * import { startMockFabric } from 'cec-bar-host/mock-fabric';
 * const fabric = await startMockFabric({ trustTokens: true });
 * const types = fabric.control.events(101).map((logged) => logged.envelope.event.eventType);
 * ```
 */
export interface LoggedEvent {
  /** 1, 2, 3… across the mock. */
  readonly seq: number;
  /** When it was sent (the mock's clock, ms). */
  readonly at: number;
  /** The agent it was sent to. */
  readonly workNo: number;
  /** The event exactly as the bar got it (docs/cec-reference.md §2.2). */
  readonly envelope: {
    /** The event. */
    event: {
      /** The CEC event type. */
      eventType: string;
      /** The agent's work number, as a string. */
      workNo: string;
      /** The event's content. */
      content: unknown;
    };
    /** CEC's free-text message. */
    message: string;
  };
}

/**
 * What `GET /__mock/state` and `control.state()` answer: the simulated call centre now.
 *
 * @example
 * ```ts
 * import { startMockFabric } from 'cec-bar-host/mock-fabric';
 * const fabric = await startMockFabric({ trustTokens: true });
 * const { agents, calls } = fabric.control.state();
 * console.log(agents.find((agent) => agent.accountCode === 'alice.chen')?.phase, calls.length);
 * ```
 */
export interface MockState {
  /** The mock's clock (ms). */
  now: number;
  /** Every agent of the tenant. */
  agents: Array<{
    /** The agent's work number. */
    workNo: number;
    /** The agent's business account. */
    accountCode: string;
    /** The display name. */
    name: string;
    /** The phone type: `webrtc`, `softphone`, `pstn` or `none`. */
    phone: string;
    /** The agent's skill ids. */
    skills: number[];
    /** Where the agent is. */
    phase: AgentPhase;
    /** CEC's agent state code (`AGENT_STATE_CODES`). */
    agentState: number;
    /** Signed in to the gateway. */
    signedIn: boolean;
    /** Its event long poll is alive. */
    polling: boolean;
    /** Since when the agent is idle (the mock's clock); null when not idle. */
    idleSince: number | null;
    /** The busy reason code while busy; null otherwise. */
    busyReason: number | null;
    /** The attached call; null when none. */
    callId: string | null;
    /** The agent muted the call. */
    muted: boolean;
  }>;
  /** Every skill queue. */
  queues: Array<{
    /** The skill. */
    skillId: number;
    /** The skill's name. */
    name: string;
    /** Waiting call ids, oldest first. */
    waiting: string[];
    /** The most calls that may wait. */
    maxWaitNum: number;
    /** The longest wait, in seconds. */
    maxWaitTime: number;
  }>;
  /** Every call the mock knows, released ones included until `reset`. */
  calls: Array<{
    /** CEC's call id. */
    callId: string;
    /** Who placed it. */
    direction: 'inbound' | 'outbound';
    /** The calling number. */
    caller: string;
    /** The called number. */
    called: string;
    /** The skill queue it came through; null for an outbound call. */
    skillId: number | null;
    /** Where it is. */
    state: CallState;
    /** The agent it is attached to; null while queued. */
    workNo: number | null;
    /** On hold. */
    held: boolean;
    /** How many times it was released and queued again. */
    requeueCount: number;
    /** Why it was released (such as `overflow noAgents from skill 1: release`); null while live. */
    endReason: string | null;
    /** It carries call data (`callData` or `callappdata`). */
    hasCallData: boolean;
  }>;
}

/** CC-Gateway agentState code for a phase (docs/cec-reference.md §5.6). Ringing/dialing count as talking (chosen here). */
export function stateCode(phase: AgentPhase): number {
  switch (phase) {
    case 'signedOut':
      return AGENT_STATE_CODES.SIGNED_OUT;
    case 'busy':
      return AGENT_STATE_CODES.BUSY;
    case 'idle':
      return AGENT_STATE_CODES.IDLE;
    case 'wrapUp':
      return AGENT_STATE_CODES.WRAP_UP;
    case 'rest':
      return AGENT_STATE_CODES.REST;
    default:
      return AGENT_STATE_CODES.TALKING;
  }
}
