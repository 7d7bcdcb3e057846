/** The preflight sentences (src/protocol/media.ts) and the host's light check of the shell's answer. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mediaProblems } from '../../../src/protocol/media.js';
import { checkMediaWith } from '../../../src/host/media-preflight.js';

const good = { secureContext: true, microphonePermission: 'granted', delegated: { hostFrame: true, barFrame: true }, devices: 1, webrtc: true } as const;

describe('mediaProblems', () => {
  it('has nothing to say when the phone can work', () => {
    expect(mediaProblems(good)).toEqual([]);
  });
  it.each([
    [{ secureContext: false }, /not a secure context/],
    [{ webrtc: false }, /no WebRTC/],
    [{ delegated: { hostFrame: false, barFrame: false } }, /the CRM's iframe lacks allow=microphone/],
    [{ delegated: { hostFrame: true, barFrame: false } }, /ccbarclient\) lacks allow=microphone/],
    [{ microphonePermission: 'denied' }, /the agent denied the microphone/],
    [{ devices: 0 }, /no microphone was found/],
  ] as const)('names the problem for %j', (change, sentence) => {
    const p = mediaProblems({ ...good, ...change });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(sentence);
  });
  it('blames the iframe, not the agent, when a missing delegation makes the permission read as denied', () => {
    expect(mediaProblems({ ...good, microphonePermission: 'denied', delegated: { hostFrame: false, barFrame: false } })).toEqual([
      expect.stringMatching(/the CRM's iframe lacks allow=microphone/),
    ]);
  });
});

describe('checkMediaWith (host)', () => {
  afterEach(() => vi.unstubAllGlobals());
  const answer = { ...good, problems: ['x'] };
  it('returns the shell answer', async () => {
    await expect(checkMediaWith(() => Promise.resolve(answer))).resolves.toBe(answer);
  });
  it.each([
    ['a rejection', () => Promise.reject(new Error('timeout'))],
    ['a string', () => Promise.resolve('granted')],
    ['no problems list', () => Promise.resolve({ ...good })],
  ])('says the shell did not answer for %s', async (_what, ask) => {
    vi.stubGlobal('isSecureContext', true);
    const r = await checkMediaWith(ask);
    expect(r).toMatchObject({ secureContext: true, microphonePermission: 'unknown', delegated: { hostFrame: false, barFrame: null }, webrtc: false });
    expect(r.problems).toEqual([expect.stringMatching(/the bar shell did not answer/)]);
  });
});
