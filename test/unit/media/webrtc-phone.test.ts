/** The bar's phone without a browser: phone types, stub mode and the busy-reason-5 report. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebRtcPhone } from '../../../mock-fabric/bar/media/webrtc-phone.js';

type FakeWin = Window & { __ccbarMediaStats?: unknown };
function fakeWindow(over: { secure?: boolean; rtc?: boolean; devices?: string[]; permission?: string } = {}): FakeWin {
  const devices = (over.devices ?? ['audioinput']).map((kind) => ({ kind }));
  return {
    location: { href: 'http://localhost:5000/service-cloud/ccdesktop/pages/cc-bar/bar.html' },
    isSecureContext: over.secure ?? true,
    ...(over.rtc === false ? {} : { RTCPeerConnection: function RTCPeerConnection() {} }),
    document: {},
    navigator: {
      mediaDevices: { getUserMedia: () => Promise.reject(new DOMException('no', 'NotAllowedError')), enumerateDevices: () => Promise.resolve(devices) },
      permissions: { query: () => Promise.resolve({ state: over.permission ?? 'prompt' }) },
    },
  } as unknown as FakeWin;
}
const signedIn = { signedIn: true, callId: null, callState: 'none', muted: false } as const;

afterEach(() => vi.unstubAllGlobals());

/** The bar's gateway session as the phone sees it. */
const SESSION = { guid: () => 'guid-of-101' };

function stubFetch(): { calls: { url: string; body: unknown; headers: unknown }[] } {
  const calls: { url: string; body: unknown; headers: unknown }[] = [];
  vi.stubGlobal('fetch', (url: string, init: { body?: string; headers?: Record<string, string> }) => {
    calls.push({ url, body: init.body ? JSON.parse(init.body) : undefined, headers: init.headers });
    return Promise.resolve(new Response(JSON.stringify({ busy: true }), { status: 200 }));
  });
  return { calls };
}

describe('createWebRtcPhone', () => {
  it.each([
    ['none', /media: none/],
    ['softphone', /desktop softphone/],
    ['pstn', /mobile or fixed phone/],
  ])('media %s: no browser phone, says why, never reports busy', async (media, text) => {
    const { calls } = stubFetch();
    const phone = createWebRtcPhone({ workNo: '101', media }, fakeWindow(), SESSION);
    expect(phone.status).toBe('unavailable');
    expect(phone.statusText).toMatch(text);
    phone.follow?.(signedIn);
    await phone.register();
    expect(phone.status).toBe('unavailable');
    expect(calls).toEqual([]);
  });

  it.each([
    [{ secure: false }, /not a secure context/],
    [{ rtc: false }, /no WebRTC/],
    [{ devices: [] }, /no microphone was found/],
    [{ permission: 'denied' }, /microphone is blocked/],
  ])('at sign-in, %j → unavailable and busy reason 5 reported', async (over, why) => {
    const { calls } = stubFetch();
    const phone = createWebRtcPhone({ workNo: '101', media: 'webrtc' }, fakeWindow(over), SESSION);
    const changed = new Promise<void>((r) => phone.onChange(() => r()));
    phone.follow?.(signedIn);
    await changed;
    expect(phone.status).toBe('unavailable');
    expect(phone.statusText).toMatch(why);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    // The report proves the agent's session with its current Guid (the relay refuses it otherwise).
    expect(calls[0]).toMatchObject({ url: 'http://localhost:5000/service-cloud/__mock/signal/agent/101/phone', body: { available: false }, headers: { Guid: 'guid-of-101', 'Content-Type': 'application/json' } });
  });

  it('a refused microphone prompt at Register → unavailable and reported', async () => {
    const { calls } = stubFetch();
    const phone = createWebRtcPhone({ workNo: '101', media: 'webrtc' }, fakeWindow(), SESSION);
    phone.follow?.(signedIn);
    expect(phone.status).toBe('unregistered');
    await phone.register();
    expect(phone.status).toBe('unavailable');
    expect(phone.statusText).toBe('Phone unavailable: the microphone is blocked for this bar.');
    await vi.waitFor(() => expect(calls.map((c) => c.body)).toContainEqual({ available: false, why: 'the microphone is blocked for this bar' }));
  });

  it('exposes statistics only when the test flag is on', async () => {
    const off = fakeWindow();
    createWebRtcPhone({ workNo: '101', media: 'webrtc' }, off, SESSION);
    expect(off.__ccbarMediaStats).toBeUndefined();
    const on = fakeWindow();
    createWebRtcPhone({ workNo: '101', media: 'webrtc', mediaStats: true }, on, SESSION);
    expect(typeof on.__ccbarMediaStats).toBe('function');
    await expect((on.__ccbarMediaStats as () => Promise<unknown>)()).resolves.toEqual({ phone: 'unregistered', legsStarted: 0, legError: '', leg: null });
  });
});
