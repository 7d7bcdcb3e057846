/** The video panel of the phone pages: the other side's picture and one's own preview. */

/**
 * A painter for `panel` (hidden while there is neither picture).
 *
 * @example
 * const showVideo = videoPanel(panel, remoteVideo, localVideo);
 * showVideo(remoteStream, cameraStream);
 */
export function videoPanel(panel: HTMLElement, remote: HTMLVideoElement, local: HTMLVideoElement): (remoteStream: MediaStream | null, preview: MediaStream | null) => void {
  return (remoteStream, preview) => {
    panel.hidden = remoteStream === null && preview === null;
    for (const [element, stream] of [[remote, remoteStream], [local, preview]] as const) {
      if (element.srcObject === stream) continue;
      element.srcObject = stream;
      if (stream) void element.play().catch(() => undefined);
    }
  };
}
