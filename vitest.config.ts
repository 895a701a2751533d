import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end tests launch Chromium and LibreOffice; two cores, so keep files from fighting over them.
    fileParallelism: false,
    // Files run one after another in one worker, sharing loaded modules (Vega, ExcelJS, Puppeteer…) instead of
    // importing them again for each file: no test mocks a module or changes global state.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: { TZ: 'UTC' },
  },
});
