// `npm test` after the tools and the compile: the type check runs beside the test files instead of before them
// (it takes ~7 s of a core, and the test files leave some of the two cores idle while they wait on Chromium).
// Arguments go to `vitest run`. Exits non-zero when either fails; the type checker's errors are printed whole.
import { spawn } from 'node:child_process';

const exitOf = (child) => new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
const bin = (name) => `node_modules/.bin/${name}`;

let typeErrors = '';
const typecheck = spawn(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { stdio: ['ignore', 'pipe', 'pipe'] });
typecheck.stdout.on('data', (chunk) => (typeErrors += chunk));
typecheck.stderr.on('data', (chunk) => (typeErrors += chunk));
const vitest = spawn(bin('vitest'), ['run', ...process.argv.slice(2)], { stdio: 'inherit' });

const [typeCode, testCode] = await Promise.all([exitOf(typecheck), exitOf(vitest)]);
if (typeCode !== 0) process.stderr.write(`\ntype check failed (tsc -p tsconfig.json --noEmit):\n${typeErrors}`);
else process.stderr.write('type check passed (tsc -p tsconfig.json --noEmit)\n');
process.exit(typeCode !== 0 ? typeCode : testCode);
