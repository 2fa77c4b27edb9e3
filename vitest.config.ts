import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The conformance suite reads ~1 MB of corpus files per test; keep the default pool.
    testTimeout: 20_000,
  },
});
