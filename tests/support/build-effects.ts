// The effects a test hands the build driver: the real files and worker threads, the clock at 0, no browser unless
// the test brings one. A test overrides what it is about.
import type { BrowserlessStages, BuildEffects } from '../../pipeline/driver/effects.js';
import { fileOutputs } from '../../pipeline/driver/file-effects.js';
import { fileReader } from '../../pipeline/driver/file-reader.js';
import { StageWorkers } from '../../pipeline/driver/worker-pool.js';
import { createProgress } from '../../pipeline/cli/progress.js';

export interface TestEffects extends Partial<BuildEffects> {
  /** Stands between the build and its real worker threads, e.g. to make a stage fail. */
  wrapStages?: (stages: StageWorkers) => BrowserlessStages;
}

export function testBuildEffects({ wrapStages, ...overrides }: TestEffects = {}): BuildEffects {
  const progress = overrides.progress ?? createProgress('quiet', { write: () => true });
  return {
    reader: fileReader,
    outputs: fileOutputs,
    now: () => new Date(0),
    startStages: (threads, count) => {
      const stages = new StageWorkers(threads, count, progress);
      return wrapStages ? wrapStages(stages) : stages;
    },
    fingerprint: async () => ({ code: 'test' }),
    browserStamp: async () => 'no browser',
    launchBrowser: () => Promise.reject(new Error('an HTML build launches no browser')),
    toolVersion: 'test',
    versions: () => ({}),
    ...overrides,
    progress,
  };
}
