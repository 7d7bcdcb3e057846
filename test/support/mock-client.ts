/** Small HTTP clients for mock-fabric tests: raw requests and a CC-Gateway agent session. */
import { GUID_HEADER, SET_GUID_HEADER } from '../../src/protocol/index.js';

export interface RawReply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/**
 * @example
 * const r = await request(fabric.url, 'GET', '/__mock/state');
 */
export async function request(
  base: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | unknown; signal?: AbortSignal } = {},
): Promise<RawReply> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  let body: string | undefined;
  if (typeof opts.body === 'string') body = opts.body;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(new URL(path.replace(/^\//, ''), base), { method, headers, body, signal: opts.signal ?? AbortSignal.timeout(15_000) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Envelope fields of a gateway reply. */
export function env(r: RawReply): { retcode: string; message: string; result?: unknown; event?: { eventType: string; workNo: string; content: unknown } | null } {
  return r.json as never;
}

/**
 * One agent talking to the mock CC-Gateway, tracking GUID rotation like a bar would.
 *
 * @example
 * const a = await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77');
 * const r = await a.call('POST', 'onlineagent/101/saybusy?reason=200');
 */
export class GatewayAgent {
  constructor(
    readonly base: string,
    readonly workNo: number,
    public guid: string,
    readonly prefix = 'agentgateway/resource/',
  ) {}

  static async signIn(base: string, workNo: number, password: string, force = false): Promise<GatewayAgent> {
    const r = await request(base, 'PUT', `agentgateway/resource/onlineagent/${workNo}${force ? '/forcelogin' : ''}`, { body: { password, phonenum: '' } });
    const guid = r.headers.get(SET_GUID_HEADER);
    if (env(r).retcode !== '0' || !guid) throw new Error(`sign-in failed: ${r.status} ${r.text}`);
    return new GatewayAgent(base, workNo, guid);
  }

  async call(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<RawReply> {
    const r = await request(this.base, method, this.prefix + path, { headers: { [GUID_HEADER]: this.guid }, body, ...(signal ? { signal } : {}) });
    const rotated = r.headers.get(SET_GUID_HEADER);
    if (rotated) this.guid = rotated;
    return r;
  }

  poll(signal?: AbortSignal): Promise<RawReply> {
    return this.call('GET', `agentevent/${this.workNo}`, undefined, signal);
  }

  /** Poll until `n` events arrived (each poll answers at most one). */
  async events(n: number): Promise<Array<{ eventType: string; workNo: string; content: unknown }>> {
    const out: Array<{ eventType: string; workNo: string; content: unknown }> = [];
    while (out.length < n) {
      const e = env(await this.poll()).event;
      if (e) out.push(e);
    }
    return out;
  }

  /** Drain whatever is queued now, using agentstatus-free polls; stops at the first empty answer. */
  async drain(max = 100): Promise<string[]> {
    const types: string[] = [];
    for (let i = 0; i < max; i++) {
      const e = env(await this.poll()).event;
      if (!e) break;
      types.push(e.eventType);
    }
    return types;
  }
}
