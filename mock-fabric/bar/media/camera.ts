/**
 * The agent's camera for a video call. A camera that cannot open does not stop the call: the
 * agent still sees and hears the customer, and the reason is kept for the phone's status.
 */
import { mediaErrorText } from './probe.js';

/**
 * Open the camera in `win`; `stream` is null and `problem` says why when it cannot.
 *
 * @example
 * const { stream, problem } = await openCamera(window);
 */
export async function openCamera(win: Window): Promise<{ stream: MediaStream | null; problem: string }> {
  try {
    return { stream: await win.navigator.mediaDevices.getUserMedia({ video: true }), problem: '' };
  } catch (error) {
    return { stream: null, problem: mediaErrorText(error, 'camera') };
  }
}
