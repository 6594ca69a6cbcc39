import { defineConfig } from 'vitest/config';

// One run for every workspace. The database backend is chosen by DATABASE_URL (absent → PGlite),
// so CI runs this same suite twice: once embedded, once against a real PostgreSQL/PostGIS.
export default defineConfig({
  test: {
    include: ['{processing,tiler,api,tests}/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/browser/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
