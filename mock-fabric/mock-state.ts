/**
 * What the QA control reports about the simulated call centre: `GET /__mock/state` and
 * `GET /__mock/events`. Shapes only, browser-safe (the control panel page reads them); the engine
 * fills them in snapshot.ts.
 */
import { AGENT_STATE_CODES } from '../src/protocol/gateway.js';

/** Where an agent is. `ringing`/`dialing`/`talking` mean a call is attached. */
export type AgentPhase = 'signedOut' | 'idle' | 'busy' | 'rest' | 'wrapUp' | 'ringing' | 'dialing' | 'talking';

/** CEC's not-ready reasons the mock itself sets (`AgentState_SetNotReady_Success`, docs/cec-reference.md §2.4). */
export const NOT_READY_REASONS = {
  /** The agent let an offered call ring out. */
  NO_ANSWER: 2,
  /** The agent's phone cannot take calls. */
  PHONE_UNAVAILABLE: 5,
  /** The agent rejected an offered call. */
  REJECTED: 7,
} as const;

/** Every state a simulated call goes through. */
export const CALL_STATES = ['queued', 'ringing', 'dialing', 'talking', 'released'] as const;
export type CallState = (typeof CALL_STATES)[number];

/** One event the mock sent an agent, with its time (GET /__mock/events). */
export interface LoggedEvent {
  readonly seq: number;
  readonly at: number;
  readonly workNo: number;
  readonly envelope: { event: { eventType: string; workNo: string; content: unknown }; message: string };
}

/** GET /__mock/state. */
export interface MockState {
  now: number;
  agents: Array<{
    workNo: number;
    accountCode: string;
    name: string;
    phone: string;
    skills: number[];
    phase: AgentPhase;
    agentState: number;
    signedIn: boolean;
    polling: boolean;
    idleSince: number | null;
    busyReason: number | null;
    callId: string | null;
    muted: boolean;
  }>;
  queues: Array<{ skillId: number; name: string; waiting: string[]; maxWaitNum: number; maxWaitTime: number }>;
  calls: Array<{
    callId: string;
    direction: 'inbound' | 'outbound';
    caller: string;
    called: string;
    skillId: number | null;
    state: CallState;
    workNo: number | null;
    held: boolean;
    requeueCount: number;
    endReason: string | null;
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
