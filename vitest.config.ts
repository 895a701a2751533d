import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// @ts-expect-error: a plain ES module of the build scripts, without types.
import { distIsFresh } from './scripts/compile-stamp.mjs';

/**
 * The property test is the longest file by far (2,000 validations in CI): started first, it runs beside the
 * others instead of alone at the end. The rest keep Vitest's order (slowest first once it has timings).
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (spec: TestSpecification) => (spec.moduleId.endsWith('/property.test.ts') ? 0 : 1);
    return [...sorted].sort((a, b) => first(a) - first(b));
  }
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Two files at a time, one per core: a file mostly waits on Chromium, LibreOffice or a worker thread, and
    // the suite took 188 s one file at a time against 150 s two at a time. Each file makes its own temporary
    // folders and browser profiles, so two never share one.
    fileParallelism: true,
    maxWorkers: 2,
    // A worker runs its files one after another sharing loaded modules (Vega, ExcelJS, Puppeteer…) instead of
    // importing them again for each file: no test mocks a module or changes global state.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Tests run the pipeline from source, in process; its worker threads start the compiled worker when dist/ was
    // compiled from these very sources (npm test compiles first), not the sources again through tsx in each thread.
    // The CLIs the tests start keep what they cache for the user (the browser's version) in a folder of the run's
    // own: the fake browsers some tests make must not land in the user's ~/.cache.
    env: {
      TZ: 'UTC',
      XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'briefpress-test-cache-')),
      ...(distIsFresh() ? { BRIEFPRESS_COMPILED_WORKER: resolve('dist/pipeline/render-worker.js') } : {}),
    },
  },
});
