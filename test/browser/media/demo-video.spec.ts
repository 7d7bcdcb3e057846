// The demo CRM during a video call (issue 18): the CRM shows the call's media, the picture is in
// the bar. With UPDATE_SCREENSHOT=1 it writes docs/images/video-call.png (the docs' screenshot of a
// video call); otherwise the screenshot goes to the test's output folder and the tree is unchanged.
import { fileURLToPath } from 'node:url';
import { test, expect, barFrame, signInAgent } from '../../support/demo-fixtures.js';

const SCREENSHOT = fileURLToPath(new URL('../../../docs/images/video-call.png', import.meta.url));

test.use({ viewport: { width: 1440, height: 900 } });

test('a video call in the demo: the CRM says video, the bar shows the customer and the agent, one call log entry', async ({ crmPage: page, crm }) => {
  await signInAgent(page);
  const bar = barFrame(page);
  await bar.getByTestId('bar-phone').click();
  await bar.getByTestId('bar-register').click();
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-phone-state', 'registered');
  await bar.getByTestId('bar-phone').press('Escape');

  // A known customer calls with video; the mock plays them with a test pattern.
  crm.fabric.control.injectCall({ caller: '13800138001', called: '66881', media: 'video' });
  await expect(page.getByTestId('live-call')).toHaveAttribute('data-media', 'video');
  await expect(page.getByTestId('live-media')).toHaveText('Video: the picture is in the bar');
  await bar.getByTestId('bar-answer').click();
  await expect(page.getByTestId('live-call')).toHaveAttribute('data-phase', 'connected');
  await expect(bar.getByTestId('bar-video')).toBeVisible();
  // Both pictures are playing (not just present): the customer's and the agent's own preview.
  const frame = page.frames().find((candidate) => candidate.name() === 'ccbarclient');
  if (!frame) throw new Error('no ccbarclient frame');
  const playing = (id: string) => frame.evaluate((videoId) => {
    const video = document.getElementById(videoId) as HTMLVideoElement | null;
    return video !== null && video.videoWidth > 0 && video.currentTime > 0.5;
  }, id);
  await expect.poll(() => playing('bar-remote-video'), { timeout: 15_000 }).toBe(true);
  await expect.poll(() => playing('bar-local-video'), { timeout: 15_000 }).toBe(true);
  await expect(page.locator('.live-clock')).not.toHaveText('0:00', { timeout: 5000 });
  await page.screenshot({ path: process.env.UPDATE_SCREENSHOT ? SCREENSHOT : test.info().outputPath('video-call.png') });

  await bar.getByTestId('bar-hangup').click();
  await expect(page.getByTestId('call-log-entry')).toHaveCount(1);
  await expect(page.getByTestId('call-log-entry').first()).toHaveAttribute('data-outcome', 'completed');
  await expect(page.getByTestId('live-call')).toBeHidden();
});
