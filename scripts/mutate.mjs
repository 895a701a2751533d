// `npm run mutate -- pipeline/model`: mutation testing (StrykerJS, stryker.config.mjs) of folders or files of
// pipeline/ (`npm run mutate -- pipeline/driver/cache.ts pipeline/driver/file-effects.ts`), or, with no argument, of the pipeline files this branch changed against main (git diff --name-only main...).
// The tests run are those that mirror the code's stage or leaf folder (pipeline/stages/validate/checks/x.ts →
// tests/stages/validate/ and tests/stages/validate.test.ts; pipeline/model/units.ts → tests/model/; a file named
// alone, pipeline/driver/cache.ts → tests/driver/cache.test.ts when that file exists): the
// end-to-end tests and the other stages' tests also reach most code, but through Chromium and worker threads,
// where one mutant would take minutes. Further arguments go to `stryker run`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, normalize } from 'node:path';

const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith('-'));
const targets = firstOption === -1 ? args : args.slice(0, firstOption);
const strykerArgs = firstOption === -1 ? [] : args.slice(firstOption);

/** The files to mutate and the tests mirroring them: folders' or named files' TypeScript, or the changed pipeline files. */
function filesToMutate() {
  if (targets.length > 0) {
    return targets.map((target) => {
      const path = normalize(target).replace(/\/+$/, '');
      const isFolder = existsSync(path) && statSync(path).isDirectory();
      const isFile = existsSync(path) && !isFolder && path.endsWith('.ts');
      if (!path.startsWith('pipeline/') || !(isFolder || isFile)) {
        console.error(`npm run mutate: ${target} is not a folder or .ts file of pipeline/ (e.g. npm run mutate -- pipeline/model)`);
        process.exit(2);
      }
      if (isFolder) return { globs: [`${path}/**/*.ts`], tests: mirroredTests(path) };
      const ownTest = `tests/${path.slice('pipeline/'.length).replace(/\.ts$/, '.test.ts')}`;
      return { globs: [path], tests: existsSync(ownTest) ? [ownTest] : mirroredTests(dirname(path)) };
    }).reduce((all, one) => ({ globs: [...all.globs, ...one.globs], tests: [...all.tests, ...one.tests] }), { globs: [], tests: [] });
  }
  const changed = execFileSync('git', ['diff', '--name-only', 'main...'], { encoding: 'utf8' }).split('\n')
    .filter((file) => /^pipeline\/.+\.ts$/.test(file) && existsSync(file));
  return { globs: changed, tests: changed.flatMap((file) => mirroredTests(dirname(file))) };
}

/** pipeline/stages/<stage>/… is tested under tests/stages/<stage>; any other pipeline/<leaf>/… under tests/<leaf>. */
function mirroredTests(folder) {
  const parts = folder.split('/').slice(1);
  const unit = parts.slice(0, parts[0] === 'stages' ? 2 : 1).join('/');
  return [`tests/${unit}/**/*.test.ts`, `tests/${unit}.test.ts`].filter((glob) => existsSync(glob.replace('/**/*.test.ts', '')));
}

const { globs, tests: mirrored } = filesToMutate();
if (globs.length === 0) {
  console.log('npm run mutate: this branch changes no file of pipeline/ against main; name a folder to mutate (npm run mutate -- pipeline/model)');
  process.exit(0);
}
const tests = [...new Set(mirrored)];
if (tests.length === 0) {
  console.error(`npm run mutate: no tests mirror ${globs.join(', ')} (tests/<folder>/…)`);
  process.exit(2);
}
console.log(`mutating ${globs.join(', ')}\ntesting with ${tests.join(', ')}`);
const run = spawnSync('node_modules/.bin/stryker', ['run', 'stryker.config.mjs', '--mutate', globs.join(','), ...strykerArgs], {
  stdio: 'inherit',
  env: { ...process.env, MUTATE_TESTS: JSON.stringify(tests) },
});
process.exit(run.status ?? 1);
