/**
 * Video call helpers for the media tests: the figures the bar and the phone pages report for
 * video, "frames keep being decoded", and the time from answer to the first audio and video.
 */
import { expect, type Frame, type Page } from '@playwright/test';
import { loadTenant, type TenantConfig } from '../../../mock-fabric/tenant.js';

/** The called number of the video queue {@link tenantWithVideoQueue} adds. */
export const VIDEO_QUEUE = '66889';

/**
 * The default tenant plus a video skill queue (media type 19, id 9) that Alice takes, reached at
 * {@link VIDEO_QUEUE}: its calls are video calls because of the queue, not of the caller's request.
 *
 * @example
 * const o = await startThreeOrigins({ mock: { tenant: tenantWithVideoQueue() } });
 */
export function tenantWithVideoQueue(): TenantConfig {
  const base = loadTenant('mock-fabric/tenants/default.json');
  return loadTenant({
    ...base,
    agents: base.agents.map((agent) => (agent.accountCode === 'alice.chen' ? { ...agent, skills: [...agent.skills, { skillId: 9, weight: 5 }] } : agent)),
    skills: [...base.skills, { id: 9, name: 'Video support', mediaType: 19, maxWaitTime: 120, maxWaitNum: 10, maxAgentWrapupTime: 0, overflow: {} }],
    calledRoutes: [...base.calledRoutes, { accessCode: '6688', extCode: '9', deviceType: 'skill', skillId: 9 }],
  });
}

/** A peer's figures with video (mock-fabric/bar/media/peer.ts `PeerStats`). */
export interface VideoPeerFigures {
  readonly connectionState: string;
  readonly packetsReceived: number;
  readonly audioLevelReceived: number;
  readonly framesDecoded: number;
  readonly framesSent: number;
}
export interface VideoLegFigures {
  readonly peer: 'phone' | 'virtual';
  readonly video: boolean;
  readonly cameraOn: boolean;
  readonly agent: VideoPeerFigures;
  readonly customer: VideoPeerFigures | null;
}

/** The bar's live leg, or null. */
export async function barLeg(frame: Frame): Promise<VideoLegFigures | null> {
  const stats = await frame.evaluate(() => (window as unknown as { __ccbarMediaStats(): Promise<{ leg: unknown }> }).__ccbarMediaStats());
  return stats.leg as VideoLegFigures | null;
}

/** A phone page's figures (opened with `?test=1`). */
export function pagePeer(page: Page): Promise<VideoPeerFigures | null> {
  return page.evaluate(() => (window as unknown as { __phoneMediaStats(): Promise<VideoPeerFigures | null> }).__phoneMediaStats());
}

/**
 * `read()` is above zero now and grows over the next `overMs` (2 s by default): frames are live.
 *
 * @example
 * await keepsDecoding(async () => (await barLeg(frame))?.agent.framesDecoded ?? 0);
 */
export async function keepsDecoding(read: () => Promise<number>, overMs = 2_000): Promise<{ before: number; after: number }> {
  await expect.poll(read, { timeout: 15_000 }).toBeGreaterThan(0);
  const before = await read();
  await new Promise((resolve) => setTimeout(resolve, overMs));
  const after = await read();
  expect(after).toBeGreaterThan(before);
  return { before, after };
}

/**
 * Milliseconds from `since` until `read()` first reports audio packets and decoded video frames
 * (polled every 20 ms; the figures' own resolution).
 *
 * @example
 * const t = await firstMedia(Date.now(), async () => (await barLeg(frame))?.agent ?? null);
 */
export async function firstMedia(since: number, read: () => Promise<VideoPeerFigures | null>, timeoutMs = 15_000): Promise<{ audioMs: number; videoMs: number }> {
  let audioMs = -1;
  let videoMs = -1;
  while ((audioMs < 0 || videoMs < 0) && Date.now() - since < timeoutMs) {
    const figures = await read().catch(() => null);
    const elapsed = Date.now() - since;
    if (audioMs < 0 && (figures?.packetsReceived ?? 0) > 0) audioMs = elapsed;
    if (videoMs < 0 && (figures?.framesDecoded ?? 0) > 0) videoMs = elapsed;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { audioMs, videoMs };
}

/** One line the report collects: `MEDIA-TIMING <mode> audio=<ms> video=<ms>`. */
export function logTiming(mode: string, timing: { audioMs: number; videoMs: number }): void {
  console.log(`MEDIA-TIMING ${mode} audio=${timing.audioMs}ms video=${timing.videoMs}ms`);
}
