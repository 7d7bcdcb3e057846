// The media of a call, from CEC's own fields (host) and in the mock (call-media.ts).
import { describe, expect, it } from 'vitest';
import { ev, model } from '../../support/host-cec.js';
import { MEDIA_ABILITY, callMediaFor, calloutMedia } from '../../../mock-fabric/call-media.js';

const mediaOf = (seen: [string, unknown][], name: string) => seen.filter(([n]) => n === name).map(([, p]) => (p as { media: string }).media);

describe('host: call media from CEC fields', () => {
  it('an inbound call ringing with mediaAbility 3 (voice and video) is video from the start', () => {
    const { m, seen } = model();
    m.apply(ev('AgentEvent_Ringing', { caller: '1', called: '66889', callid: 'v', mediaAbility: 3 }));
    m.apply(ev('AgentEvent_Talking', { caller: '1', called: '66889', callid: 'v', mediaAbility: 3 }));
    expect([...mediaOf(seen, 'call.ringing'), ...mediaOf(seen, 'call.connected')]).toEqual(['video', 'video']);
  });
  it('a call-out is audio while the customer rings (Customer_Alerting has no media) and video once Talking says 3', () => {
    const { m, seen } = model();
    m.apply(ev('AgentEvent_Customer_Alerting', { callid: 'o', otherPhone: '139', type: 'main' }));
    m.apply(ev('AgentEvent_Talking', { caller: '88880101', called: '139', callid: 'o', feature: 7, mediaAbility: '3' }));
    expect(mediaOf(seen, 'call.dialing')).toEqual(['audio']);
    expect(mediaOf(seen, 'call.connected')).toEqual(['video']);
  });
  it('an inbound call keeps the media it rang with (Talking does not change it)', () => {
    const { m, seen } = model();
    m.apply(ev('AgentEvent_Ringing', { caller: '1', called: '2', callid: 'i', mediaAbility: 3 }));
    m.apply(ev('AgentEvent_Talking', { caller: '1', called: '2', callid: 'i', mediaAbility: 1 }));
    expect(mediaOf(seen, 'call.connected')).toEqual(['video']);
  });
  it('Talking without mediaAbility keeps what the call had', () => {
    const { m, seen } = model();
    m.apply(ev('AgentEvent_Ringing', { caller: '1', called: '2', callid: 'k', mediaAbility: 3 }));
    m.apply(ev('AgentEvent_Talking', { caller: '1', called: '2', callid: 'k' }));
    expect(mediaOf(seen, 'call.connected')).toEqual(['video']);
  });
});

describe('mock: which calls are video', () => {
  it('an explicit request wins; else video queues (19, 18) make video calls', () => {
    expect(callMediaFor({ mediaType: 19 }, undefined)).toBe('video');
    expect(callMediaFor({ mediaType: 18 }, undefined)).toBe('video');
    expect(callMediaFor({ mediaType: 5 }, undefined)).toBe('audio');
    expect(callMediaFor({ mediaType: 5 }, 'video')).toBe('video');
    expect(callMediaFor(undefined, undefined)).toBe('audio');
  });
  it('callout mediaability 1 is video, 0 or none audio; events say 1 or 3', () => {
    expect([calloutMedia(1), calloutMedia(0), calloutMedia(undefined)]).toEqual(['video', 'audio', 'audio']);
    expect(MEDIA_ABILITY).toEqual({ audio: 1, video: 3 });
  });
});
