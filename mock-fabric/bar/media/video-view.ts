/**
 * The video panel of the bar (bar.html `#bar-video`): the customer's picture, the agent's own
 * preview and the camera button. Shown only while a video call's leg is open.
 */

export interface VideoView {
  /** Show the panel with the agent's preview (null: no camera). */
  open(preview: MediaStream | null): void;
  /** The customer's picture arrived. */
  showRemote(stream: MediaStream): void;
  /** Paint the camera button. */
  setCameraOn(on: boolean): void;
  close(): void;
}

/**
 * The panel in `doc`, or one that does nothing when the page has none; `onCamera` runs on a click.
 *
 * @example
 * const view = findVideoView(document, () => void leg.setCamera(!on));
 */
export function findVideoView(doc: Document, onCamera: () => void): VideoView {
  const panel = doc.getElementById('bar-video');
  const remote = doc.getElementById('bar-remote-video') as HTMLVideoElement | null;
  const local = doc.getElementById('bar-local-video') as HTMLVideoElement | null;
  const camera = doc.getElementById('bar-camera') as HTMLButtonElement | null;
  if (!panel || !remote || !local || !camera) return { open: () => undefined, showRemote: () => undefined, setCameraOn: () => undefined, close: () => undefined };
  camera.addEventListener('click', onCamera);
  const play = (video: HTMLVideoElement, stream: MediaStream | null): void => {
    video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  };
  return {
    open(preview) {
      panel.hidden = false;
      camera.disabled = preview === null;
      play(local, preview);
      this.setCameraOn(preview !== null);
    },
    showRemote(stream) {
      play(remote, stream);
    },
    setCameraOn(on) {
      camera.setAttribute('aria-pressed', String(!on));
      camera.textContent = on ? 'Camera off' : 'Camera on';
      local.hidden = !on;
    },
    close() {
      panel.hidden = true;
      play(remote, null);
      play(local, null);
    },
  };
}
