/**
 * The agent's other phones (docs/cec-reference.md §7.3): the softphone double (a page that
 * registers with the agent's `sipAccount` and `sipPwd`, as OpenEye registers with the SIP server)
 * and phone lines (a phone page that answers calls to its number: a `pstn` agent's mobile or fixed
 * phone, or a customer's phone that the agent calls out to). Not documented by CEC; chosen here:
 * everything about the transport. Served under `/__mock/signal/device/` (the mock's own origin):
 *
 *   POST softphone  { sipAccount, sipPwd } → 201 { deviceToken, workNo, name }   (403: wrong account or password)
 *   POST line       { number }             → 201 { deviceToken, workNo, name }   (workNo: the pstn agent of that number, else null)
 *   GET  poll?since=…                       → { registered, call }               (waits ≤ pollMs for a change)
 *   POST answer | hangup  { callId }        the device answers or hangs up the call it shows
 *   POST unregister                         the device goes away (a live call it carries ends)
 *
 * Every call but the registrations carries the `X-Mock-Device-Token` the registration answered.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatIssues } from '../src/protocol/zod.js';
import { HttpError, readJson, sendJson } from '../src/server/http-io.js';
import type { CallRecord } from './call-centre.js';
import { MOCK_CHOICES } from './choices.js';
import { ControlError } from './control-error.js';
import type { Engine } from './engine.js';
import { SMALL_JSON_BODY, requireMethod } from './http-util.js';
import { NOT_READY_REASONS, type LoggedEvent } from './mock-state.js';
import {
  DEVICE_TOKEN_HEADER,
  deviceCallActionSchema,
  lineRegisterSchema,
  softphoneRegisterSchema,
  type DeviceCall,
  type DevicePoll,
  type DeviceRegistered,
  type SignalSide,
} from './signal-wire.js';

/** One registered device. `workNo` set: it is that agent's phone (agent side); unset: a customer's line. */
interface Device {
  readonly token: string;
  readonly kind: 'softphone' | 'line';
  readonly workNo: number | undefined;
  readonly number: string;
  readonly name: string;
}

/** A device that has not polled for this long is gone (its tab closed or crashed): MOCK_CHOICES. */
export const DEVICE_GONE_MS = MOCK_CHOICES.deviceGoneMs;

/** Whether a device is still there: its polls in flight, and when its last one ended. */
interface Liveness {
  polls: number;
  lastSeen: number;
}

/** Call states a device shows (ringing at it, or carried by it). */
const LIVE_STATES: ReadonlySet<string> = new Set(['ringing', 'dialing', 'talking']);

/** Each engine's desk, so a scenario player (handed only the engine) can drop an agent's phone. */
const DESKS = new WeakMap<Engine, DeviceDesk>();

/**
 * The device desk of the mock running `engine` (none before its signalling relay is made).
 *
 * @example
 * deviceDeskOf(engine)?.dropAgentDevice(102, 'softphone');
 */
export function deviceDeskOf(engine: Engine): DeviceDesk | undefined {
  return DESKS.get(engine);
}

/**
 * The devices of one mock.
 *
 * @example
 * const desk = new DeviceDesk(engine, { requireSoftphone: true, pollMs: 10_000 });
 * const { deviceToken } = desk.registerSoftphone('88880102', 'sip-bob-52');
 */
export class DeviceDesk {
  readonly #engine: Engine;
  readonly #requireSoftphone: boolean;
  readonly #pollMs: number;
  readonly #devices = new Map<string, Device>();
  readonly #liveness = new Map<string, Liveness>();
  readonly #sweep: ReturnType<typeof setInterval>;
  readonly #waiters = new Set<() => void>();
  /** Calls a customer's line answered: their customer side is a real phone page. */
  readonly #answeredByLine = new Set<string>();
  readonly #unlisten: () => void;

  constructor(engine: Engine, options: { requireSoftphone: boolean; pollMs: number }) {
    this.#engine = engine;
    this.#requireSoftphone = options.requireSoftphone;
    this.#pollMs = options.pollMs;
    const listener = (event: LoggedEvent): void => this.#onEvent(event);
    engine.centre.listeners.add(listener);
    this.#unlisten = () => engine.centre.listeners.delete(listener);
    this.#sweep = setInterval(() => this.#dropSilentDevices(), 1_000);
    this.#sweep.unref();
    DESKS.set(engine, this);
  }

  dispose(): void {
    clearInterval(this.#sweep);
    if (DESKS.get(this.#engine) === this) DESKS.delete(this.#engine);
    this.#unlisten();
    this.#wakeAll();
    this.#devices.clear();
  }

  /** OpenEye's registration, checked against the tenant's SIP accounts. */
  registerSoftphone(sipAccount: string, sipPwd: string): DeviceRegistered {
    const agent = this.#engine.centre.tenant.agents.find((candidate) => candidate.sipAccount === sipAccount);
    if (!agent || agent.sipPwd !== sipPwd) throw new HttpError(403, 'forbidden: unknown SIP account or wrong SIP password');
    const device = this.#add('softphone', agent.workNo, sipAccount, agent.name);
    // The phone works again: an agent held busy for want of it is ready (chosen here).
    const runtime = this.#engine.centre.agents.get(agent.workNo);
    if (runtime?.phase === 'busy' && runtime.busyReason === NOT_READY_REASONS.PHONE_UNAVAILABLE) this.#engine.agentStates.cancelBusy(agent.workNo);
    return { deviceToken: device.token, workNo: agent.workNo, name: agent.name };
  }

  /** A phone page answers calls to `number`: a `pstn` agent's own number makes it that agent's phone. */
  registerLine(number: string): DeviceRegistered {
    const agent = this.#engine.centre.tenant.agents.find((candidate) => candidate.phone === 'pstn' && candidate.phoneNumber === number);
    const device = this.#add('line', agent?.workNo, number, agent?.name ?? '');
    return { deviceToken: device.token, workNo: agent?.workNo ?? null, name: device.name };
  }

  /** The device goes away: a call it carries ends (dropped mid-call), a softphone agent's phone is unavailable. */
  unregister(device: Device): void {
    const call = this.#callOf(device);
    if (!this.#devices.delete(device.token)) return;
    this.#liveness.delete(device.token);
    if (call) this.#hangUp(device, call);
    if (device.kind === 'softphone' && device.workNo !== undefined && !this.softphoneRegistered(device.workNo)) this.#phoneUnavailable(device.workNo);
    this.#wakeAll();
  }

  /**
   * Agent `workNo`'s softphone or desk phone goes away mid-call (a scenario's `deviceDrops`): every
   * registered device of that kind unregisters, the first ending the call. An agent with none
   * registered (a headless agent) loses the phone its tenant entry names the same way.
   *
   * @throws ControlError 409 when the agent has no such phone.
   */
  dropAgentDevice(workNo: number, device: 'softphone' | 'deskPhone'): void {
    const kind: Device['kind'] = device === 'softphone' ? 'softphone' : 'line';
    const registered = [...this.#devices.values()].filter((candidate) => candidate.workNo === workNo && candidate.kind === kind);
    for (const candidate of registered) this.unregister(candidate);
    if (registered.length > 0) return;
    const agent = this.#engine.centre.tenant.agents.find((candidate) => candidate.workNo === workNo);
    if (agent?.phone !== (device === 'softphone' ? 'softphone' : 'pstn')) throw new ControlError(`agent ${workNo} has no ${device === 'softphone' ? 'softphone' : 'desk phone'}`, 409);
    const hit = this.#engine.centre.agentCall(workNo);
    if (hit && LIVE_STATES.has(hit.call.state)) this.#engine.callControl.release(workNo);
    if (kind === 'softphone') this.#phoneUnavailable(workNo);
    this.#wakeAll();
  }

  /** The device behind a token, or 401. */
  device(token: string | undefined): Device {
    const device = token === undefined ? undefined : this.#devices.get(token);
    if (!device) throw new HttpError(401, `a registered device's ${DEVICE_TOKEN_HEADER} is required`);
    return device;
  }

  softphoneRegistered(workNo: number): boolean {
    return [...this.#devices.values()].some((device) => device.kind === 'softphone' && device.workNo === workNo);
  }

  /** May the device behind `token` speak for `side` of `callId` on the signalling relay? */
  mayActAs(token: string | undefined, callId: string, side: SignalSide): boolean {
    const device = token === undefined ? undefined : this.#devices.get(token);
    const call = this.#engine.centre.calls.get(callId);
    if (!device || !call) return false;
    return side === 'agent' ? device.workNo !== undefined && (call.workNo ?? call.lastAgent) === device.workNo : device.workNo === undefined && call.direction === 'outbound' && call.called === device.number;
  }

  /** The customer side of this call is a phone page that answered on its line. */
  answeredByLine(callId: string): boolean {
    return this.#answeredByLine.has(callId);
  }

  /** What the device shows now. */
  view(device: Device): DevicePoll {
    const call = this.#callOf(device);
    if (!call) return { registered: this.#devices.has(device.token), call: null };
    const shown: DeviceCall = { callId: call.callId, state: call.state, caller: call.caller, called: call.called, media: call.media, side: device.workNo === undefined ? 'customer' : 'agent' };
    return { registered: true, call: shown };
  }

  answer(device: Device, callId: string): void {
    const call = this.#callOf(device);
    if (!call || call.callId !== callId) throw new ControlError(`call ${callId} is not ringing at this device`, 409);
    if (device.workNo === undefined) {
      this.#answeredByLine.add(callId);
      this.#engine.callControl.customerAnswer(callId);
      return;
    }
    const result = this.#engine.callControl.answer(device.workNo, callId);
    if (result.retcode !== '0') throw new ControlError(result.message, 409);
  }

  hangup(device: Device, callId: string): void {
    const call = this.#callOf(device);
    if (!call || call.callId !== callId) throw new ControlError(`call ${callId} is not on this device`, 409);
    this.#hangUp(device, call);
  }

  #hangUp(device: Device, call: CallRecord): void {
    if (device.workNo === undefined) this.#engine.callControl.customerHangup(call.callId);
    else this.#engine.callControl.release(device.workNo);
  }

  #add(kind: Device['kind'], workNo: number | undefined, number: string, name: string): Device {
    const device: Device = { token: randomBytes(24).toString('base64url'), kind, workNo, number, name };
    this.#devices.set(device.token, device);
    this.#liveness.set(device.token, { polls: 0, lastSeen: Date.now() });
    this.#wakeAll();
    return device;
  }

  /** The live call the device rings for or carries. */
  #callOf(device: Device): CallRecord | undefined {
    if (!this.#devices.has(device.token)) return undefined;
    if (device.workNo !== undefined) {
      const hit = this.#engine.centre.agentCall(device.workNo);
      return hit && LIVE_STATES.has(hit.call.state) ? hit.call : undefined;
    }
    for (const call of this.#engine.centre.calls.values()) {
      if (call.direction === 'outbound' && call.called === device.number && LIVE_STATES.has(call.state)) return call;
    }
    return undefined;
  }

  /** A softphone agent with no registered softphone becomes busy, reason 5, whenever CEC would make it ready. */
  #onEvent(event: LoggedEvent): void {
    this.#wakeAll();
    if (!this.#requireSoftphone || event.envelope.event.eventType !== 'AgentState_Ready') return;
    const runtime = this.#engine.centre.agents.get(event.workNo);
    if (runtime?.agent.phone === 'softphone' && runtime.phase === 'idle' && !this.softphoneRegistered(event.workNo)) this.#phoneUnavailable(event.workNo);
  }

  #phoneUnavailable(workNo: number): void {
    if (!this.#requireSoftphone) return;
    const runtime = this.#engine.centre.agents.get(workNo);
    if (runtime && (runtime.phase === 'idle' || runtime.phase === 'wrapUp' || runtime.phase === 'rest')) this.#engine.agentStates.sayBusy(workNo, NOT_READY_REASONS.PHONE_UNAVAILABLE);
  }

  /** A device whose page went away without unregistering drops its call like a hung-up phone. */
  #dropSilentDevices(): void {
    const now = Date.now();
    for (const device of [...this.#devices.values()]) {
      const live = this.#liveness.get(device.token);
      if (live && live.polls === 0 && now - live.lastSeen > DEVICE_GONE_MS) this.unregister(device);
    }
  }

  #wakeAll(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  /** Long poll: answers when the device's view differs from `since` (its fingerprint), or after `pollMs`. */
  async poll(device: Device, since: string | null, abandoned?: AbortSignal): Promise<DevicePoll & { since: string }> {
    const seen = this.#liveness.get(device.token);
    if (seen) seen.lastSeen = Date.now();
    const now = (): DevicePoll & { since: string } => {
      const view = this.view(device);
      return { ...view, since: `${view.registered}:${view.call?.callId ?? ''}:${view.call?.state ?? ''}` };
    };
    const first = now();
    if (first.since !== since) return first;
    const live = this.#liveness.get(device.token);
    if (live) live.polls += 1;
    return new Promise((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.#waiters.delete(wake);
        if (live) {
          live.polls -= 1;
          live.lastSeen = Date.now();
        }
        resolve(now());
      };
      const wake = (): void => {
        if (now().since !== since) finish();
      };
      const timer = setTimeout(finish, this.#pollMs);
      this.#waiters.add(wake);
      // A page that closes drops its poll at once: the silence counts from then.
      abandoned?.addEventListener('abort', finish, { once: true });
    });
  }

  /**
   * HTTP face for `device/…` paths under the relay.
   *
   * @example
   * if (parts[0] === 'device') return desk.handle(req, res, url, parts[1]);
   */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, action: string | undefined): Promise<void> {
    if (action === 'softphone' || action === 'line') return this.#answerRegister(req, res, action);
    const device = this.device(headerValue(req, DEVICE_TOKEN_HEADER));
    if (action === 'poll') {
      requireMethod(req, 'GET');
      const abandoned = new AbortController();
      res.on('close', () => abandoned.abort());
      return sendJson(res, 200, await this.poll(device, url.searchParams.get('since'), abandoned.signal));
    }
    requireMethod(req, 'POST');
    if (action === 'unregister') {
      req.resume();
      this.unregister(device);
      return sendJson(res, 200, { ok: true });
    }
    if (action !== 'answer' && action !== 'hangup') throw new HttpError(404, 'no such device path');
    const body = deviceCallActionSchema.safeParse(await readJson(req, SMALL_JSON_BODY));
    if (!body.success) throw new HttpError(400, `bad device body: ${formatIssues(body.error.issues)}`);
    if (action === 'answer') this.answer(device, body.data.callId);
    else this.hangup(device, body.data.callId);
    sendJson(res, 200, { ok: true });
  }

  async #answerRegister(req: IncomingMessage, res: ServerResponse, kind: 'softphone' | 'line'): Promise<void> {
    requireMethod(req, 'POST');
    const raw = await readJson(req, SMALL_JSON_BODY);
    if (kind === 'line') {
      const body = lineRegisterSchema.safeParse(raw);
      if (!body.success) throw new HttpError(400, `bad line: ${formatIssues(body.error.issues)}`);
      return sendJson(res, 201, this.registerLine(body.data.number));
    }
    const body = softphoneRegisterSchema.safeParse(raw);
    if (!body.success) throw new HttpError(400, `bad registration: ${formatIssues(body.error.issues)}`);
    sendJson(res, 201, this.registerSoftphone(body.data.sipAccount, body.data.sipPwd));
  }
}

/** One request header's value (the first, when sent twice). */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
