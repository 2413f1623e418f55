import { defineConfig } from 'vitest/config';

// The browser end-to-end test only: `npm run test:e2e` builds the demo first.
// It skips itself when /usr/bin/chromium is missing.
export const vitestE2eConfig = defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

// vitest reads the default export of its config file.
export default vitestE2eConfig;
