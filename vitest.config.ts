import { configDefaults, defineConfig } from 'vitest/config';

export const vitestConfig = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser end-to-end test needs Chromium and a built demo: `npm run test:e2e` (vitest.e2e.config.ts).
    exclude: [...configDefaults.exclude, 'test/e2e/**'],
    testTimeout: 30_000,
    // Type tests (*.test-d.ts) run through tsc in the same run.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
});

// vitest reads the default export of its config file.
export default vitestConfig;
