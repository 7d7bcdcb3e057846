/**
 * The bar's CC-Gateway client (docs/cec-reference.md §5.1): remembers the GUID from sign-in, sends it as `Guid`
 * on every call and follows rotation (any response may carry a new `Set-GUID`).
 */
import {
  GUID_HEADER,
  SET_GUID_HEADER,
  GATEWAY_RETCODES,
  gatewayEnvelopeSchema,
  agentEventPollSchema,
  type AgentEventPoll,
  type SignInBody,
  type TransferBody,
  type CalloutBody,
} from '../../src/protocol/gateway.js';

/** A gateway answer with a non-"0" retcode, or an HTTP/network failure (`retcode` 'http-<status>' / 'network'). */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    readonly retcode: string,
    message: string,
  ) {
    super(message);
  }
}

/** An HTTP failure, with what its body said when it said something. */
function httpError(status: number, said?: string): GatewayError {
  return new GatewayError(`http-${status}`, `The contact centre answered HTTP ${status}${said === undefined ? '.' : `: ${said.slice(0, 200)}`}`);
}

export interface GatewayResult {
  readonly retcode: string;
  readonly message: string;
  readonly result: unknown;
}

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/**
 * One agent's session with the gateway.
 *
 * @example
 * const gw = new GatewayClient('http://127.0.0.1:4000/service-cloud/agentgateway/resource/', '101');
 * await gw.signIn({ password: ticket, phonenum: '' });
 * const poll = await gw.pollEvent(signal);
 */
export class GatewayClient {
  private guid: string | null = null;

  constructor(
    private readonly base: string,
    readonly workNo: string,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /** Take over a live GUID handed over by the loader (the gateway session outlives the page). */
  restoreSession(guid: string): void {
    this.guid = guid;
  }

  get hasSession(): boolean {
    return this.guid !== null;
  }

  /** The session's current GUID (the bar's phone proves itself to the signalling relay with it); null without a session. */
  get currentGuid(): string | null {
    return this.guid;
  }

  /** Forget the session (after sign-out or when the gateway says we are not signed in). */
  dropSession(): void {
    this.guid = null;
  }

  private async send(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<{ json: unknown; status: number }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.guid) headers[GUID_HEADER] = this.guid;
    let res: Response;
    try {
      res = await this.fetchImpl(this.base + path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new GatewayError('network', 'The contact centre cannot be reached.');
    }
    const newGuid = res.headers.get(SET_GUID_HEADER);
    if (newGuid) this.guid = newGuid;
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw httpError(res.status);
    }
    return { json, status: res.status };
  }

  /**
   * The error for an answer that is not the gateway's: an HTTP refusal keeps its status and says
   * what the body said (the enterprise proxy answers `{ error, message }` when it refuses or
   * times out), a 200 that is not an envelope is `bad-envelope`.
   */
  private unreadable(json: unknown, status: number, what: string): GatewayError {
    if (status === 200) return new GatewayError('bad-envelope', `The contact centre sent an unreadable ${what}.`);
    const said = typeof json === 'object' && json !== null ? (json as { message?: unknown }).message : undefined;
    return httpError(status, typeof said === 'string' ? said : undefined);
  }

  /** Call an endpoint; resolves on retcode "0", rejects with `GatewayError` otherwise. */
  async call(method: Method, path: string, body?: unknown): Promise<GatewayResult> {
    const { json, status } = await this.send(method, path, body);
    const env = gatewayEnvelopeSchema.safeParse(json);
    if (!env.success) throw this.unreadable(json, status, 'answer');
    if (env.data.retcode !== GATEWAY_RETCODES.OK) throw new GatewayError(env.data.retcode, env.data.message);
    return { retcode: env.data.retcode, message: env.data.message, result: env.data.result };
  }

  private agent(path = ''): string {
    return `onlineagent/${encodeURIComponent(this.workNo)}${path}`;
  }
  private voice(path: string): string {
    return `voicecall/${encodeURIComponent(this.workNo)}${path}`;
  }

  signIn(body: SignInBody): Promise<GatewayResult> {
    return this.call('PUT', this.agent(), body);
  }
  forceLogin(body: SignInBody): Promise<GatewayResult> {
    return this.call('PUT', this.agent('/forcelogin'), body);
  }
  async signOut(): Promise<GatewayResult> {
    const r = await this.call('DELETE', this.agent('/logout'));
    this.dropSession();
    return r;
  }
  sayFree(): Promise<GatewayResult> {
    return this.call('POST', this.agent('/sayfree'));
  }
  sayBusy(reason: number): Promise<GatewayResult> {
    return this.call('POST', this.agent(`/saybusy?reason=${reason}`));
  }
  cancelBusy(): Promise<GatewayResult> {
    return this.call('POST', this.agent('/cancelbusy'));
  }
  rest(seconds: number, cause: number): Promise<GatewayResult> {
    return this.call('POST', this.agent(`/rest/${seconds}/${cause}`));
  }
  cancelRest(): Promise<GatewayResult> {
    return this.call('POST', this.agent('/cancelrest'));
  }
  work(): Promise<GatewayResult> {
    return this.call('POST', this.agent('/work'));
  }
  cancelWork(): Promise<GatewayResult> {
    return this.call('POST', this.agent('/cancelwork'));
  }
  agentStatus(): Promise<GatewayResult> {
    return this.call('GET', this.agent('/agentstatus'));
  }
  /** The agent's current call, if any (`calldata/{agentid}/callinfo`, CEC page `api-cec/cec_07_1261`). */
  callInfo(): Promise<GatewayResult> {
    return this.call('GET', `calldata/${encodeURIComponent(this.workNo)}/callinfo?isNoContainLastCall=false`);
  }
  answer(callId: string): Promise<GatewayResult> {
    return this.call('PUT', this.voice(`/answer?callid=${encodeURIComponent(callId)}`));
  }
  release(): Promise<GatewayResult> {
    return this.call('DELETE', this.voice('/release'));
  }
  hold(): Promise<GatewayResult> {
    return this.call('POST', this.voice('/hold'));
  }
  getHold(callId: string): Promise<GatewayResult> {
    return this.call('POST', this.voice(`/gethold?callid=${encodeURIComponent(callId)}`));
  }
  beginMute(): Promise<GatewayResult> {
    return this.call('POST', this.voice('/beginmute'));
  }
  endMute(): Promise<GatewayResult> {
    return this.call('POST', this.voice('/endmute'));
  }
  transfer(body: TransferBody): Promise<GatewayResult> {
    return this.call('POST', this.voice('/transfer'), body);
  }
  callout(body: CalloutBody): Promise<GatewayResult> {
    return this.call('PUT', this.voice('/callout'), body);
  }

  /** One long poll. Resolves with the parsed answer (event may be null); rejects on transport errors. */
  async pollEvent(signal?: AbortSignal): Promise<AgentEventPoll> {
    const { json, status } = await this.send('GET', `agentevent/${encodeURIComponent(this.workNo)}`, undefined, signal);
    const r = agentEventPollSchema.safeParse(json);
    if (!r.success) throw this.unreadable(json, status, 'event');
    return r.data;
  }
}
