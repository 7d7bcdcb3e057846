/**
 * Browser client of the mock's devices (mock-fabric/devices.ts): register a softphone or a phone
 * line, follow the call it rings for, answer, hang up, go away. Not documented by CEC; chosen here.
 */
import { json, type SignalCredentials } from '../bar/media/signal-client.js';
import { DEVICE_TOKEN_HEADER, deviceRegisteredSchema, devicePollSchema, type DevicePoll, type DeviceRegistered } from '../signal-wire.js';

const JSON_TYPE = { 'Content-Type': 'application/json' };

async function register(base: string, kind: 'softphone' | 'line', body: object): Promise<DeviceRegistered> {
  const answer = deviceRegisteredSchema.safeParse(await json(await fetch(`${base}device/${kind}`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify(body) })));
  if (!answer.success) throw new Error('the mock answered no device token');
  return answer.data;
}

/**
 * One registered device.
 *
 * @example
 * const device = await DeviceClient.softphone(signalBaseFor(location.href), '88880102', 'sip-bob-52');
 * const poll = await device.next(abort.signal);
 */
export class DeviceClient {
  private since = '';

  private constructor(
    private readonly base: string,
    readonly registration: DeviceRegistered,
  ) {}

  /** Register as OpenEye does, with the agent's SIP account and password. */
  static async softphone(base: string, sipAccount: string, sipPwd: string): Promise<DeviceClient> {
    return new DeviceClient(base, await register(base, 'softphone', { sipAccount, sipPwd }));
  }

  /** Answer calls to `number` (a pstn agent's number makes this that agent's phone). */
  static async line(base: string, number: string): Promise<DeviceClient> {
    return new DeviceClient(base, await register(base, 'line', { number }));
  }

  /** The headers that prove this device, for the signalling relay too. */
  readonly credentials: SignalCredentials = () => ({ [DEVICE_TOKEN_HEADER]: this.registration.deviceToken });

  /** The next change of the device's call (long poll). */
  async next(signal: AbortSignal): Promise<DevicePoll> {
    const query = this.since ? `?since=${encodeURIComponent(this.since)}` : '';
    const body: unknown = await json(await fetch(`${this.base}device/poll${query}`, { headers: this.credentials(), signal }));
    const poll = devicePollSchema.safeParse(body);
    if (!poll.success) throw new Error('the mock sent an unreadable device poll');
    this.since = String((body as { since?: unknown }).since ?? '');
    return poll.data;
  }

  answer(callId: string): Promise<unknown> {
    return this.post('answer', { callId });
  }

  hangup(callId: string): Promise<unknown> {
    return this.post('hangup', { callId });
  }

  /** Go away; `keepalive` lets it finish while the page unloads. */
  async unregister(keepalive = false): Promise<void> {
    await fetch(`${this.base}device/unregister`, { method: 'POST', headers: { ...JSON_TYPE, ...this.credentials() }, keepalive }).catch(() => undefined);
  }

  private async post(action: string, body: object): Promise<unknown> {
    return json(await fetch(`${this.base}device/${action}`, { method: 'POST', headers: { ...JSON_TYPE, ...this.credentials() }, body: JSON.stringify(body) }));
  }
}
