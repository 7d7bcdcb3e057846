/** Media checks run inside a frame of the page under test. */
import type { Frame } from '@playwright/test';

/**
 * Ask for the microphone inside `frame`; resolves with the number of audio tracks granted
 * (the fake device gives one), or rejects with the browser's error.
 *
 * @example
 * expect(await audioTracksIn(barFrame)).toBe(1);
 */
export function audioTracksIn(frame: Frame): Promise<number> {
  return frame.evaluate(async () => {
    const s = await navigator.mediaDevices.getUserMedia({ audio: true });
    const n = s.getAudioTracks().length;
    s.getTracks().forEach((t) => t.stop());
    return n;
  });
}
