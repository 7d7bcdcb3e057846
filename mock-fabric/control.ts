/**
 * The QA control: in process (`MockControl`) and over HTTP under `/__mock/` (no faults, no CORS).
 * `/__mock/signal/` is the WebRTC signalling relay (signalling.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { DIALABLE_NUMBER } from '../src/protocol/index.js';
import { MOCK_CHOICES } from './choices.js';
import { ControlError } from './control-error.js';
import type { Engine } from './engine.js';
import type { TenantConfig } from './tenant.js';
import type { LoggedEvent, MockState } from './mock-state.js';
import { eventLog, takeSnapshot } from './snapshot.js';
import { faultConfigSchema, type FaultConfig, type Faults, type FaultRule } from './faults.js';
import { HttpError, readJson, sendJson } from '../src/server/http-io.js';
import { CONTROL_JSON_BODY, parseWorkNo, requireMethod } from './http-util.js';
import { advanceClock, readClock, type ClockReading } from './clock-control.js';
import { ScenarioSlot } from './scenario-control.js';
import type { PlayOptions, ScenarioRun } from './scenario-player.js';

/**
 * QA control of a running mock (also over HTTP under `/__mock/`). Bad requests throw `ControlError`.
 *
 * @example
 * ```ts
 * import { startMockFabric } from 'cec-bar-host/mock-fabric';
 * const fabric = await startMockFabric({ trustTokens: true });
 * const { callId } = fabric.control.injectCall({ caller: '13800138000', called: '66881' });
 * fabric.control.hangupCall(callId);
 * ```
 */
export interface MockControl {
  /** A customer calls `called` (access code + extension, e.g. `66881`). Throws `ControlError` 400 for a bad number. */
  injectCall(call: {
    /** The customer's number. */
    caller: string;
    /** The access code + extension dialled. */
    called: string;
    /** Call data the agent's events carry. */
    callData?: string;
  }): {
    /** The new call's id. */
    callId: string;
  };
  /** The customer answers an outbound call. */
  answerCall(callId: string): void;
  /** The customer hangs up. */
  hangupCall(callId: string): void;
  /** Agents, queues and calls. */
  state(): MockState;
  /** Every event sent (to one agent when `workNo` is given), oldest first, with times. */
  events(workNo?: number): LoggedEvent[];
  /** Replace the fault rules (and optionally drop long polls or a session). */
  setFaults(faults: FaultConfig): void;
  /** Current fault rules. */
  faults(): {
    /** The active rules. */
    rules: FaultRule[];
    /** Long polls are held unanswered. */
    dropLongPolls: boolean;
  };
  /** Sign everyone out, forget calls, events and faults. */
  reset(): void;
  /** Listen to every event as it is emitted; returns an unsubscribe function. */
  onEvent(listener: (e: LoggedEvent) => void): () => void;
  /** Ring timeout for offered calls (ms); tests shorten it. */
  setRingTimeout(ms: number): void;
  /**
   * Move the mock's clock `ms` forward (0-86 400 000): every timer due on the way fires in order, as
   * if the time had passed (docs/qa.md "The clock"). ControlError 409 on an injected clock without `advance`.
   */
  advance(ms: number): ClockReading;
  /** The mock's simulated time and speed. */
  clock(): ClockReading;
  /**
   * Play a scenario (docs/qa.md "Writing a scenario"): validated first (ControlError 400), one at a
   * time (409). The run reports progress and resolves `finished` with the report.
   */
  play(scenario: unknown, options?: PlayOptions): ScenarioRun;
  /** The current configuration (changed through the configuration APIs) in the tenant file format, secrets included: loadable as a seed. */
  tenant(): TenantConfig;
}

export const injectCallSchema = z.strictObject({
  caller: z.string().regex(DIALABLE_NUMBER),
  called: z.string().regex(DIALABLE_NUMBER),
  callData: z.string().max(MOCK_CHOICES.maxCallAppDataBytes).optional(),
});

/** Build the in-process control over an engine and its faults. */
export function createControl(engine: Engine, faults: Faults, onReset: () => void): Omit<MockControl, 'tenant'> & { readonly scenarios: ScenarioSlot } {
  const check = <T>(schema: z.ZodType<T>, value: unknown): T => {
    const r = schema.safeParse(value);
    if (!r.success) throw new ControlError(z.prettifyError(r.error), 400);
    return r.data;
  };
  const control: Omit<MockControl, 'tenant'> & { readonly scenarios: ScenarioSlot } = {
    injectCall: (call) => {
      const c = check(injectCallSchema, call);
      return engine.routing.injectCall(c.callData === undefined ? { caller: c.caller, called: c.called } : { caller: c.caller, called: c.called, callData: c.callData });
    },
    answerCall: (callId) => engine.callControl.customerAnswer(callId),
    hangupCall: (callId) => engine.callControl.customerHangup(callId),
    state: () => takeSnapshot(engine.centre),
    events: (workNo) => eventLog(engine.centre, workNo),
    setFaults: (input) => {
      const f = check(faultConfigSchema, input);
      faults.set(f.rules);
      engine.centre.sessions.dropPolls = f.dropLongPolls;
      if (f.dropSession !== undefined) engine.agentStates.signOut(f.dropSession, 'session dropped by fault injection');
    },
    faults: () => ({ rules: faults.rules, dropLongPolls: engine.centre.sessions.dropPolls }),
    reset: () => {
      control.scenarios.run?.stop();
      faults.set([]);
      engine.centre.sessions.dropPolls = false;
      engine.centre.reset();
      onReset();
    },
    onEvent: (listener) => {
      engine.centre.listeners.add(listener);
      return () => engine.centre.listeners.delete(listener);
    },
    setRingTimeout: (ms) => {
      if (!Number.isInteger(ms) || ms < 1 || ms > 600_000) throw new ControlError('ring timeout must be 1-600000 ms', 400);
      engine.centre.ringTimeoutMs = ms;
    },
    advance: (ms) => advanceClock(engine.centre.clock, ms),
    clock: () => readClock(engine.centre.clock),
    play: (scenario, options) => control.scenarios.play(scenario, options),
    scenarios: new ScenarioSlot(engine, () => control),
  };
  return control;
}

/**
 * HTTP face of the control. Returns false for paths it does not own.
 *
 * @example
 * if (await handleControlHttp(control, req, res, url)) return;
 */
export async function handleControlHttp(control: MockControl, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const p = url.pathname;
  if (p === '/__mock/calls') {
    requireMethod(req, 'POST');
    sendJson(res, 201, control.injectCall(injectShape(await readJson(req, CONTROL_JSON_BODY))));
    return true;
  }
  const m = /^\/__mock\/calls\/([0-9A-Za-z_-]{1,64})\/(answer|hangup)$/.exec(p);
  if (m?.[1]) {
    requireMethod(req, 'POST');
    req.resume();
    if (m[2] === 'answer') control.answerCall(m[1]);
    else control.hangupCall(m[1]);
    sendJson(res, 200, { ok: true });
    return true;
  }
  if (p === '/__mock/state') {
    requireMethod(req, 'GET');
    sendJson(res, 200, control.state());
    return true;
  }
  if (p === '/__mock/events') {
    requireMethod(req, 'GET');
    const w = url.searchParams.get('workNo');
    const workNo = w === null || w === '' ? undefined : parseWorkNo(w);
    if (w && workNo === undefined) throw new HttpError(400, 'workNo must be 101-59999');
    sendJson(res, 200, { events: control.events(workNo) });
    return true;
  }
  if (p === '/__mock/faults') {
    if (req.method === 'GET') {
      sendJson(res, 200, control.faults());
      return true;
    }
    requireMethod(req, 'POST');
    control.setFaults((await readJson(req, CONTROL_JSON_BODY)) as FaultConfig);
    sendJson(res, 200, control.faults());
    return true;
  }
  if (p === '/__mock/reset') {
    requireMethod(req, 'POST');
    req.resume();
    control.reset();
    sendJson(res, 200, { ok: true });
    return true;
  }
  // '/__mock/signal/' is the WebRTC signalling relay (signalling.ts), routed before this.
  return false;
}

function injectShape(v: unknown): { caller: string; called: string; callData?: string } {
  const r = injectCallSchema.safeParse(v);
  if (!r.success) throw new HttpError(400, z.prettifyError(r.error));
  return r.data;
}
