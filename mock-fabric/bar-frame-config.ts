/**
 * The mock bar's frame config (docs/internal-contracts.md, "Bar loader"): what the mock loader puts
 * in `bar.html#cfg=<base64url(JSON)>` and the mock bar page reads. Mock-only, so it lives here and
 * not in src/protocol/; browser-safe (zod only). Chosen here; CEC's own bar is configured by its cookies.
 */
import { z } from '../src/protocol/zod.js';

export const barFrameConfigSchema = z.object({
  /** The agent's work number. */
  workNo: z.int().check(z.gte(101), z.lte(59999)),
  /** The agent's business account. */
  userAccount: z.string().check(z.minLength(1), z.maxLength(100)),
  /** The tenant space. */
  tenantSpaceId: z.string().check(z.minLength(1), z.maxLength(128)),
  /** One-time bar credential, sent as the sign-in `password`. */
  ticket: z.string().check(z.minLength(1), z.maxLength(256)),
  /** The shell's origin: the only window the mock bar posts events to. */
  parentOrigin: z.string().check(z.maxLength(256)),
  /** The agent's phone: webrtc, softphone, pstn, or none (calls run without media; chosen here). */
  media: z.enum(['webrtc', 'softphone', 'pstn', 'none']),
  /** Test hook: the bar exposes `window.__ccbarMediaStats()` (chosen here). */
  mediaStats: z.optional(z.boolean()),
  /**
   * The agent's live gateway session, when one exists: a reloaded bar picks it up instead of
   * starting Offline, as CEC's bar does through its `sum_*` cookies. Chosen here.
   */
  resumeGuid: z.optional(z.string().check(z.maxLength(128))),
});
/**
 * The mock bar's frame config (mock only; CEC's own bar is configured by its cookies).
 * @interface
 */
export type BarFrameConfig = z.infer<typeof barFrameConfigSchema>;
