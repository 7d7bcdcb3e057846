import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    // jose needs the node environment (docs/toolchain.md#jose); DOM tests opt in with `// @vitest-environment happy-dom`.
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    reporters: process.env.CEC_TEST_JSON ? ['default', ['json', { outputFile: process.env.CEC_TEST_JSON }]] : ['default'],
  },
});
