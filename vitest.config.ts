import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Three tiers, each runnable on its own (`npx vitest run test/unit`, … ; npm test runs them in turn):
    // unit (no sockets, no build output), integration (real HTTP on 127.0.0.1), build (reads dist/).
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/build/**/*.test.ts'],
    // jose needs the node environment (docs/toolchain.md#jose); DOM tests opt in with `// @vitest-environment happy-dom`.
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    reporters: process.env.CEC_TEST_JSON ? ['default', ['json', { outputFile: process.env.CEC_TEST_JSON }]] : ['default'],
  },
});
