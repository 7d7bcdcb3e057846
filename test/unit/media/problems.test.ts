/** The preflight sentences (src/protocol/media.ts) and the host's merge (src/host/media-preflight.ts). */
import { describe, expect, it } from 'vitest';
import { mediaProblems, shellMediaCheckSchema } from '../../../src/protocol/media.js';

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

describe('shellMediaCheckSchema', () => {
  it('accepts a shell answer and refuses a forged one', () => {
    const ok = { secureContext: true, microphonePermission: 'prompt', hostFrame: true, barFrame: null, devices: 2, webrtc: true };
    expect(shellMediaCheckSchema.safeParse(ok).success).toBe(true);
    expect(shellMediaCheckSchema.safeParse({ ...ok, microphonePermission: 'yes' }).success).toBe(false);
    expect(shellMediaCheckSchema.safeParse({ ...ok, devices: -1 }).success).toBe(false);
    expect(shellMediaCheckSchema.safeParse('granted').success).toBe(false);
  });
});
