/**
 * Unit tests of the web app's pure modules (`npx vitest run --config web/vitest.config.ts`). They
 * need no DOM: components are covered by the browser smoke test (tests/browser/smoke.ts).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
