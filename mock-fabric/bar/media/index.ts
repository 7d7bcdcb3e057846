/**
 * The seam where the bar's phone plugs in. The mock bar ships a placeholder; the WebRTC phone
 * (issue 6, `webrtc-phone.ts`) provides a `BarMedia` built from the bar config, and the bar's phone
 * icon + Register button drive it. `follow` lets the phone act on calls, hold and mute.
 */
import type { LegStats } from './call-leg.js';

export type MediaStatus = 'unavailable' | 'unregistered' | 'registering' | 'registered' | 'failed';

/** What the phone needs to know of the bar's model. */
export interface CallView {
  readonly signedIn: boolean;
  readonly callId: string | null;
  readonly callState: 'none' | 'ringing' | 'dialing' | 'talking' | 'held';
  readonly muted: boolean;
}

/** Media figures for tests (`window.__ccbarMediaStats()` when the bar config's `mediaStats` is on). */
export interface MediaTestStats {
  readonly phone: MediaStatus;
  /** Call legs opened since the bar loaded. */
  readonly legsStarted: number;
  /** Why the last leg failed to open; '' when it did not. */
  readonly legError: string;
  /** The live call's media; null when there is none. */
  readonly leg: LegStats | null;
}

export interface BarMedia {
  readonly status: MediaStatus;
  /** One plain-language line for the phone popover. */
  readonly statusText: string;
  register(): Promise<void>;
  unregister(): Promise<void>;
  /** Called whenever `status` changes; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** The bar calls this after every model change. */
  follow?(view: CallView): void;
  /** Media statistics, for tests only. */
  stats?(): Promise<MediaTestStats>;
}

/** The bar's gateway session as the phone needs it: the signalling relay takes the agent's current `Guid`. */
export interface AgentSession {
  /** The current Guid (it rotates); null while signed out. */
  guid(): string | null;
}

/** Builds the phone for this bar from the bar config (opaque here) and the bar's gateway session. */
export type BarMediaFactory = (mediaConfig: unknown, session: AgentSession) => BarMedia;

/**
 * The placeholder phone: never registers and says why.
 *
 * @example
 * const media = createPlaceholderMedia();
 * await media.register(); // media.status === 'unavailable'
 */
export function createPlaceholderMedia(): BarMedia {
  return {
    status: 'unavailable',
    statusText: 'The browser phone is not available in this bar yet.',
    register: () => Promise.resolve(),
    unregister: () => Promise.resolve(),
    onChange: () => () => undefined,
  };
}
