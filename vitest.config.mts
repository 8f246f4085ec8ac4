import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    // dist/ (the CLI, the worker, the webview bundle) is built once for the whole run.
    globalSetup: ['test/support/build-once.ts'],
  },
});
