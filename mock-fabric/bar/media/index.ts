/**
 * The seam where the bar's phone plugs in. The mock bar ships a placeholder; the WebRTC phone
 * (issue 6) provides a `BarMedia` built from `cfg.media` and the bar's phone icon + Register
 * button drive it.
 */
export type MediaStatus = 'unavailable' | 'unregistered' | 'registering' | 'registered' | 'failed';

export interface BarMedia {
  readonly status: MediaStatus;
  /** One plain-language line for the phone popover. */
  readonly statusText: string;
  register(): Promise<void>;
  unregister(): Promise<void>;
  /** Called whenever `status` changes; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/** Builds the phone for this bar from `cfg.media` (opaque here). */
export type BarMediaFactory = (mediaConfig: unknown) => BarMedia;

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
