import { defineConfig } from 'vitest/config';

// Interop tests against the real promtool, amtool, prometheus and alertmanager (Debian packages).
export default defineConfig({
  test: {
    include: ['test/tools/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
  },
});
