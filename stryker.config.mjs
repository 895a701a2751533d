// Mutation testing with StrykerJS, started by `npm run mutate` (scripts/mutate.mjs), which names the files to
// mutate (--mutate) and the tests that mirror them (MUTATE_TESTS, read by vitest.mutate.config.ts). Each mutant
// runs only the tests that cover it (perTest), at most two at a time: the machine is shared.
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // The sandbox needs no build output: in-process builds then load the (mutated) sources, as they should.
  ignorePatterns: ['dist', 'output', 'reports', 'bench/.fixtures', 'bench/.results'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
