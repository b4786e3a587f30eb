import { defineConfig } from 'vitest/config';

// Unit, property, fuzz and dev-dependency tests: need nothing but Node and npm packages.
// Tests against the real Prometheus tools live in test/tools and run with `npm run test:interop`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/tools/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'threads',
  },
});
