// The camera's plain sentences for checkMedia() (protocol/media.ts videoProblems).
import { describe, expect, it } from 'vitest';
import { videoProblems, type CameraCheck } from '../../../src/protocol/media.js';

const healthy: CameraCheck = { permission: 'granted', devices: 1, delegated: { hostFrame: true, barFrame: true } };

describe('videoProblems', () => {
  it('a healthy camera: none', () => {
    expect(videoProblems(healthy)).toEqual([]);
    expect(videoProblems({ ...healthy, permission: 'prompt', delegated: { hostFrame: true, barFrame: null } })).toEqual([]);
  });
  it('each blocker gets its own sentence, naming the fix', () => {
    expect(videoProblems({ ...healthy, delegated: { hostFrame: false, barFrame: false } })).toEqual([expect.stringMatching(/^the CRM's iframe lacks allow=camera: video calls will show no picture of the agent; add allow=/)]);
    expect(videoProblems({ ...healthy, delegated: { hostFrame: true, barFrame: false } })).toEqual(['the bar frame (ccbarclient) lacks allow=camera: video calls will show no picture of the agent']);
    expect(videoProblems({ ...healthy, permission: 'denied' })).toEqual([expect.stringMatching(/^the agent denied the camera/)]);
    expect(videoProblems({ ...healthy, devices: 0 })).toEqual([expect.stringMatching(/^no camera was found/)]);
  });
  it('a denied permission behind a missing allow is not blamed on the agent', () => {
    expect(videoProblems({ permission: 'denied', devices: 1, delegated: { hostFrame: false, barFrame: false } })).toHaveLength(1);
  });
});
