// `npm test` after the tools and the compile: the type check and knip (unused files, exports and dependencies,
// knip.json) run beside the test files instead of before them (~7 s and ~1.5 s of a core; the test files leave
// some of the two cores idle while they wait on Chromium). Arguments go to `vitest run`. Exits non-zero when any
// fails; the type checker's errors and knip's findings are printed whole, after the tests.
import { spawn } from 'node:child_process';

const exitOf = (child) => new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
const bin = (name) => `node_modules/.bin/${name}`;

/** A check whose output is kept for the end, so that it does not interleave with Vitest's. */
function quiet(command, args) {
  let output = '';
  const child = spawn(bin(command), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return exitOf(child).then((code) => ({ code, output, what: `${command} ${args.join(' ')}` }));
}

const checks = [
  { name: 'type check', run: quiet('tsc', ['-p', 'tsconfig.json', '--noEmit']) },
  // Cached in node_modules/.cache/knip: ~0.5 s of a core when few files changed.
  { name: 'knip', run: quiet('knip', ['--cache', '--no-progress']) },
];
const vitest = spawn(bin('vitest'), ['run', ...process.argv.slice(2)], { stdio: 'inherit' });

const [testCode, ...results] = await Promise.all([exitOf(vitest), ...checks.map((check) => check.run)]);
let failed = testCode;
checks.forEach(({ name }, i) => {
  const { code, output, what } = results[i];
  if (code !== 0) process.stderr.write(`\n${name} failed (${what}):\n${output}`);
  else process.stderr.write(`${name} passed (${what})\n`);
  if (failed === 0 && code !== 0) failed = code;
});
process.exit(failed);
