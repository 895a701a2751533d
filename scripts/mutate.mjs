// `npm run mutate -- pipeline/model`: mutation testing (StrykerJS, stryker.config.mjs) of one folder of pipeline/,
// or, with no argument, of the pipeline files this branch changed against main (git diff --name-only main...).
// The tests run are those that mirror the code's stage or leaf folder (pipeline/stages/validate/checks/x.ts →
// tests/stages/validate/ and tests/stages/validate.test.ts; pipeline/model/units.ts → tests/model/): the
// end-to-end tests and the other stages' tests also reach most code, but through Chromium and worker threads,
// where one mutant would take minutes. Further arguments go to `stryker run`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, normalize } from 'node:path';

const args = process.argv.slice(2);
const target = args[0]?.startsWith('-') ? undefined : args[0];
const strykerArgs = target === undefined ? args : args.slice(1);

/** The files to mutate: a folder's TypeScript, or the changed pipeline files. */
function filesToMutate() {
  if (target !== undefined) {
    const folder = normalize(target).replace(/\/+$/, '');
    if (!folder.startsWith('pipeline/') || !existsSync(folder) || !statSync(folder).isDirectory()) {
      console.error(`npm run mutate: ${target} is not a folder of pipeline/ (e.g. npm run mutate -- pipeline/model)`);
      process.exit(2);
    }
    return { globs: [`${folder}/**/*.ts`], folders: [folder] };
  }
  const changed = execFileSync('git', ['diff', '--name-only', 'main...'], { encoding: 'utf8' }).split('\n')
    .filter((file) => /^pipeline\/.+\.ts$/.test(file) && existsSync(file));
  return { globs: changed, folders: changed.map((file) => dirname(file)) };
}

/** pipeline/stages/<stage>/… is tested under tests/stages/<stage>; any other pipeline/<leaf>/… under tests/<leaf>. */
function mirroredTests(folder) {
  const parts = folder.split('/').slice(1);
  const unit = parts.slice(0, parts[0] === 'stages' ? 2 : 1).join('/');
  return [`tests/${unit}/**/*.test.ts`, `tests/${unit}.test.ts`].filter((glob) => existsSync(glob.replace('/**/*.test.ts', '')));
}

const { globs, folders } = filesToMutate();
if (globs.length === 0) {
  console.log('npm run mutate: this branch changes no file of pipeline/ against main; name a folder to mutate (npm run mutate -- pipeline/model)');
  process.exit(0);
}
const tests = [...new Set(folders.flatMap(mirroredTests))];
if (tests.length === 0) {
  console.error(`npm run mutate: no tests mirror ${folders.join(', ')} (tests/<folder>/…)`);
  process.exit(2);
}
console.log(`mutating ${globs.join(', ')}\ntesting with ${tests.join(', ')}`);
const run = spawnSync('node_modules/.bin/stryker', ['run', 'stryker.config.mjs', '--mutate', globs.join(','), ...strykerArgs], {
  stdio: 'inherit',
  env: { ...process.env, MUTATE_TESTS: JSON.stringify(tests) },
});
process.exit(run.status ?? 1);
