/** The preflight sentences and the hand-written MediaCheck guard (src/protocol/media.ts). */
import { describe, expect, it } from 'vitest';
import { mediaProblems, isMediaCheck } from '../../../src/protocol/media.js';

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

describe('isMediaCheck', () => {
  const ok = { ...good, problems: [] };
  it('accepts a shell answer', () => {
    expect(isMediaCheck(ok)).toBe(true);
    expect(isMediaCheck({ ...ok, delegated: { hostFrame: false, barFrame: null }, problems: ['x'] })).toBe(true);
  });
  it.each([
    ['a string', 'granted'],
    ['null', null],
    ['a bad permission', { ...ok, microphonePermission: 'yes' }],
    ['negative devices', { ...ok, devices: -1 }],
    ['fractional devices', { ...ok, devices: 1.5 }],
    ['no delegation', { ...ok, delegated: null }],
    ['a non-string problem', { ...ok, problems: [1] }],
    ['too many problems', { ...ok, problems: Array.from({ length: 20 }, () => 'p') }],
    ['a missing flag', { ...ok, webrtc: undefined }],
  ])('refuses %s', (_what, value) => {
    expect(isMediaCheck(value)).toBe(false);
  });
});
