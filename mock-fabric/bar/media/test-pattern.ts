/**
 * The virtual customer's picture: colour bars with a running clock on a canvas, captured as a video
 * track. Not documented by CEC; chosen here (a moving picture proves frames keep arriving).
 */

/** Not documented by CEC; chosen here: the pattern's size and frame rate. */
const PATTERN = { width: 320, height: 240, framesPerSecond: 15 } as const;
const BARS = ['#c0c0c0', '#c0c000', '#00c0c0', '#00c000', '#c000c0', '#c00000', '#0000c0'];

/** A running test pattern; `stop()` ends the track and the drawing. */
export interface TestPattern {
  readonly track: MediaStreamTrack;
  stop(): void;
}

/**
 * Start drawing the pattern labelled `label` and capture it.
 *
 * @example
 * const pattern = startTestPattern(document, 'Customer 13900000002');
 * pc.addTrack(pattern.track);
 */
export function startTestPattern(doc: Document, label: string): TestPattern {
  const canvas = doc.createElement('canvas');
  canvas.width = PATTERN.width;
  canvas.height = PATTERN.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw the test pattern (no 2D canvas)');
  const started = Date.now();
  const draw = (): void => {
    const barWidth = PATTERN.width / BARS.length;
    BARS.forEach((colour, index) => {
      context.fillStyle = colour;
      context.fillRect(index * barWidth, 0, barWidth + 1, PATTERN.height);
    });
    // The clock sits in the middle band: a preview in a corner never hides it.
    const band = PATTERN.height / 2 - 32;
    context.fillStyle = 'rgba(0, 0, 0, 0.7)';
    context.fillRect(0, band, PATTERN.width, 64);
    context.fillStyle = '#ffffff';
    context.font = 'bold 22px monospace';
    context.fillText(new Date().toISOString().slice(11, 22), 12, band + 28);
    context.font = '14px sans-serif';
    context.fillText(`${label} · ${((Date.now() - started) / 1000).toFixed(1)} s`, 12, band + 52);
  };
  draw();
  const timer = setInterval(draw, 1000 / PATTERN.framesPerSecond);
  const track = canvas.captureStream(PATTERN.framesPerSecond).getVideoTracks()[0];
  if (!track) {
    clearInterval(timer);
    throw new Error('this browser cannot capture a canvas as video');
  }
  return {
    track,
    stop() {
      clearInterval(timer);
      track.stop();
    },
  };
}
