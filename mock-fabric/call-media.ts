/**
 * Which calls carry video, and how CEC's events say so (docs/cec-reference.md §7.2): a call's
 * media comes from what the customer asked for, else from its skill queue's media type; the
 * events' `mediaAbility` is 1 for voice and 3 for voice and video (CEC page `api-cec/cec_07_1355`).
 */
import type { CallMedia } from '../src/protocol/cec-commands.js';
import type { TenantSkill } from './tenant.js';
import { MOCK_CHOICES } from './choices.js';

/** Skill queue media types that carry video: 19 video, 18 video click-to-dial (docs/cec-reference.md §6.2). */
export const VIDEO_SKILL_MEDIA_TYPES: readonly number[] = [19, 18];

/** `mediaAbility` of the call events (cec_07_1355): 1 voice, 3 voice and video. */
export const MEDIA_ABILITY = { audio: 1, video: MOCK_CHOICES.videoMediaAbility } as const;

/**
 * The media of a call entering through `skill`. Not documented by CEC; chosen here: an explicit
 * request wins (a video call to a voice queue stays video), else the queue's media type decides.
 *
 * @example
 * callMediaFor({ mediaType: 19 } as TenantSkill, undefined); // 'video'
 */
export function callMediaFor(skill: Pick<TenantSkill, 'mediaType'> | undefined, requested: CallMedia | undefined): CallMedia {
  if (requested) return requested;
  return skill && VIDEO_SKILL_MEDIA_TYPES.includes(skill.mediaType) ? 'video' : 'audio';
}

/**
 * The callout body's `mediaability` (0 audio, 1 video; docs/cec-reference.md §5.5) as a call media.
 *
 * @example
 * calloutMedia(1); // 'video'
 */
export function calloutMedia(mediaability: number | undefined): CallMedia {
  return mediaability === 1 ? 'video' : 'audio';
}
