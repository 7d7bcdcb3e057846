import { defineConfig } from '@playwright/test';
import { requireChromium, CHROMIUM_ARGS } from './test/support/chromium.mjs';

const executablePath = requireChromium();

export default defineConfig({
  testDir: './test',
  testMatch: ['browser/**/*.spec.ts', 'e2e/**/*.spec.ts'],
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: process.env.CEC_TEST_JSON_PW
    ? [['list'], ['json', { outputFile: process.env.CEC_TEST_JSON_PW }]]
    : [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS },
    trace: 'off',
  },
});
