import { defineConfig } from 'vitest/config';

// One run for every workspace. The database backend is chosen by DATABASE_URL (absent → PGlite),
// so CI runs the suite twice: everything on the embedded database, then — with
// BELCHEER_DB_TESTS_ONLY=1 — the tests that can touch a database (api/ and tests/) against a real
// PostgreSQL/PostGIS; the pure kernels of processing/, tiler/ and web/ do not depend on it.
const dbOnly = process.env.BELCHEER_DB_TESTS_ONLY === '1';

export default defineConfig({
  test: {
    include: dbOnly
      ? ['{api,tests}/**/*.test.ts']
      : ['{processing,tiler,api,tests}/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/browser/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one — a single worker on 2 cores. Most end-to-end
    // files wait on servers, jobs and GDAL processes, so three at a time keep both cores busy.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 3),
  },
});
