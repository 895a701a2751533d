// `npm run bench`: the performance targets (issues 6 and 18), measured as a user runs the compiled CLI. Each
// scenario runs its subject and its baseline alternately, whole processes, `--runs` times each (default 5), and
// reports the median, min and max wall time and the ratio of the medians. Before each run it waits (up to 10 s)
// for the CPUs to be quiet and records how busy other processes kept them: on a shared machine, neighbours make
// wall times noisy. Each run's CPU time is the whole machine's busy time while it ran (/proc/stat), so Chromium's
// processes count as well as Node's.
//
//   cold       build the default briefing, all formats, into a fresh folder
//              vs `chromium --headless --print-to-pdf` of the same HTML with a fresh profile, the floor for any
//              Chromium PDF                                                                                 ≤ 1.25×
//   many       build --variants briefings (default 24) made from both real ones, differing in content and shape
//              (bench/fixtures.ts), in one process vs one process per briefing, one after another
//                                                                         ≥ 7× faster; Node's peak RSS ≤ 300 MB
//   no-change  the cold build again with nothing changed (every output must stay untouched) vs `node -e ''`  ≤ 0.2 s
//   validate   validate the default briefing vs `node -e ''`                                                 ≤ 0.25 s
//   csv        validate the second briefing with its regional-costs table read from a 10,000-row CSV file
//              vs `node -e ''`                                                                              ≤ 1 s
//
// Usage: npm run bench [-- --runs N] [--variants N] [--only cold,many,no-change,validate,csv]
// Results: printed as a Markdown table and kept in bench/.results/ (git-ignored).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sha256 } from '../pipeline/model/hashing.js';
import { DEFAULT_BRIEFING, generateVariants } from './fixtures.js';

const CLI = 'dist/pipeline/cli.js';
const PROBE = resolve('bench/probe.cjs');
const CHROMIUM = '/usr/bin/chromium';
const ID = 'ai-security-workforce-2024';

interface Run {
  seconds: number;
  /** How busy other processes kept the CPUs just before the run, 0–1. */
  background: number;
  /** Peak RSS of the briefpress Node process (bench/probe.cjs). */
  maxRssMb?: number;
  /** CPU time of the briefpress Node process, all its threads (bench/probe.cjs). */
  nodeCpuSeconds?: number;
  /** The whole machine's busy CPU time while the run lasted: the process, Chromium and anything else. */
  cpuSeconds: number;
}

interface Stats {
  median: number;
  min: number;
  max: number;
}

interface Result {
  scenario: string;
  subject: string;
  baseline: string;
  runs: Run[];
  baselineRuns: Run[];
  /** subject ÷ baseline, or baseline ÷ subject for a speed-up. */
  ratio: number;
  target: string;
  met: boolean;
  notes: string[];
}

const { values: flags } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, variants: { type: 'string', default: '24' }, only: { type: 'string' } },
});
const RUNS = Math.max(1, Number(flags.runs));
const VARIANTS = Math.max(1, Number(flags.variants));
const SCENARIOS: Record<string, () => Promise<Result>> = { cold, many, 'no-change': noChange, validate, csv };
const chosen = flags.only ? flags.only.split(',') : Object.keys(SCENARIOS);
const scratch = mkdtempSync(join(os.tmpdir(), 'briefpress-bench-'));

const stats = (runs: readonly Run[]): Stats => {
  const sorted = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return { median: sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2, min: sorted[0]!, max: sorted.at(-1)! };
};

/** Fraction of CPU time spent busy over a short interval, from /proc/stat (Linux). */
async function cpuBusy(intervalMs = 250): Promise<number> {
  if (!existsSync('/proc/stat')) return 0;
  const sample = () => readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const before = sample();
  await new Promise((r) => setTimeout(r, intervalMs));
  const delta = sample().map((v, i) => v - before[i]!);
  const total = delta.reduce((a, b) => a + b, 0) || 1;
  return (total - delta[3]! - delta[4]!) / total;
}

/** Busy CPU time of the whole machine so far, in seconds (user, nice, system, irq, softirq, steal). */
function machineBusySeconds(): number {
  if (!existsSync('/proc/stat')) return NaN;
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}

async function waitForQuiet(): Promise<number> {
  const deadline = Date.now() + 10_000;
  let busy = await cpuBusy();
  while (busy > 0.1 && Date.now() < deadline) busy = await cpuBusy();
  return busy;
}

/** Runs one whole process and times it from spawn to exit. */
async function timed(command: string, args: readonly string[], probe = false): Promise<Run> {
  const background = await waitForQuiet();
  const probeFile = join(scratch, 'probe.json');
  rmSync(probeFile, { force: true });
  const started = performance.now();
  const busyBefore = machineBusySeconds();
  const child = spawn(command, probe ? ['--require', PROBE, ...args] : args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, BENCH_PROBE: probeFile },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.on('exit', (exitCode) => done(exitCode)));
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = machineBusySeconds() - busyBefore;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`);
  const run: Run = { seconds, background, cpuSeconds };
  if (probe && existsSync(probeFile)) {
    const probed = JSON.parse(readFileSync(probeFile, 'utf8')) as { maxRssMb: number; cpuSeconds: number };
    Object.assign(run, { maxRssMb: probed.maxRssMb, nodeCpuSeconds: probed.cpuSeconds });
  }
  return run;
}

const briefpress = (args: readonly string[]) => timed(process.execPath, [CLI, ...args], true);
const freshDir = () => mkdtempSync(join(scratch, 'out-'));

/** Subject and baseline alternate, so that a noisy spell hurts both alike. */
async function alternate(subject: () => Promise<Run>, baseline: () => Promise<Run>) {
  const runs: Run[] = [];
  const baselineRuns: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      baselineRuns.push(await baseline());
      runs.push(await subject());
    } else {
      runs.push(await subject());
      baselineRuns.push(await baseline());
    }
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return { runs, baselineRuns };
}

async function cold(): Promise<Result> {
  const reference = freshDir();
  await briefpress(['build', DEFAULT_BRIEFING, '--out', reference]);
  const html = join(reference, ID, `${ID}.html`);
  const { runs, baselineRuns } = await alternate(
    async () => {
      const out = freshDir();
      const run = await briefpress(['build', DEFAULT_BRIEFING, '--out', out]);
      rmSync(out, { recursive: true, force: true });
      return run;
    },
    async () => {
      // A fresh profile, as briefpress's own browser gets: Chromium's default profile carries state between runs.
      const profile = mkdtempSync(join(scratch, 'profile-'));
      const run = await timed(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`, `--print-to-pdf=${join(scratch, 'baseline.pdf')}`, html]);
      rmSync(profile, { recursive: true, force: true });
      return run;
    },
  );
  const ratio = stats(runs).median / stats(baselineRuns).median;
  return {
    scenario: 'cold build, all formats',
    subject: `briefpress build ${DEFAULT_BRIEFING} --out <fresh folder>`,
    baseline: 'chromium --headless --print-to-pdf of the same HTML, fresh profile',
    runs,
    baselineRuns,
    ratio,
    target: '≤ 1.25× baseline',
    met: ratio <= 1.25,
    notes: [
      `CPU time, median: briefpress ${cpu(runs)} (its Node process ${median(runs.map((r) => r.nodeCpuSeconds ?? NaN)).toFixed(2)} s), bare Chromium ${cpu(baselineRuns)}`,
      `peak RSS of the Node process: ${Math.max(...runs.map((r) => r.maxRssMb ?? NaN)).toFixed(0)} MB`,
    ],
  };
}

async function many(): Promise<Result> {
  const dirs = generateVariants(VARIANTS);
  const { runs, baselineRuns } = await alternate(
    async () => {
      const out = freshDir();
      const run = await briefpress(['build', ...dirs, '--out', out]);
      checkBuilt(out, dirs.length);
      rmSync(out, { recursive: true, force: true });
      return run;
    },
    async () => {
      const out = freshDir();
      const each: Run[] = [];
      for (const dir of dirs) each.push(await timed(process.execPath, [CLI, 'build', dir, '--out', out]));
      checkBuilt(out, dirs.length);
      rmSync(out, { recursive: true, force: true });
      const sum = (pick: (r: Run) => number) => each.reduce((total, r) => total + pick(r), 0);
      return { seconds: sum((r) => r.seconds), cpuSeconds: sum((r) => r.cpuSeconds), background: Math.max(...each.map((r) => r.background)) };
    },
  );
  const ratio = stats(baselineRuns).median / stats(runs).median;
  const peakRss = Math.max(...runs.map((r) => r.maxRssMb ?? Infinity));
  return {
    scenario: `${VARIANTS} differing briefings in one build`,
    subject: `briefpress build <${VARIANTS} folders> --out <fresh folder>`,
    baseline: `one briefpress build per briefing, one after another (sum of ${VARIANTS} processes)`,
    runs,
    baselineRuns,
    ratio,
    target: '≥ 7× faster; peak RSS ≤ 300 MB',
    met: ratio >= 7 && peakRss <= 300,
    notes: [
      `peak RSS of the Node process: ${peakRss.toFixed(0)} MB (max over runs)`,
      `per briefing, in one build: ${perBriefing(stats(runs).median)} wall, ${perBriefing(median(runs.map((r) => r.cpuSeconds)))} CPU; one process each: ${perBriefing(stats(baselineRuns).median)} wall, ${perBriefing(median(baselineRuns.map((r) => r.cpuSeconds)))} CPU`,
    ],
  };
}

async function noChange(): Promise<Result> {
  const out = freshDir();
  await briefpress(['build', DEFAULT_BRIEFING, '--out', out]);
  const before = snapshot(join(out, ID));
  let untouched = true;
  const { runs, baselineRuns } = await alternate(
    async () => {
      const run = await briefpress(['build', DEFAULT_BRIEFING, '--out', out]);
      untouched &&= snapshot(join(out, ID)) === before;
      return run;
    },
    () => timed(process.execPath, ['-e', '']),
  );
  const { median: seconds } = stats(runs);
  return {
    scenario: 'no-change rebuild',
    subject: `briefpress build ${DEFAULT_BRIEFING} (up to date)`,
    baseline: "node -e '' (the floor for any Node CLI)",
    runs,
    baselineRuns,
    ratio: seconds / stats(baselineRuns).median,
    target: '≤ 0.2 s, outputs untouched',
    met: seconds <= 0.2 && untouched,
    notes: [untouched ? 'outputs untouched: every file kept its bytes and mtime' : 'OUTPUTS CHANGED'],
  };
}

async function validate(): Promise<Result> {
  const { runs, baselineRuns } = await alternate(() => briefpress(['validate', DEFAULT_BRIEFING]), () => timed(process.execPath, ['-e', '']));
  const { median: seconds } = stats(runs);
  return {
    scenario: 'validate',
    subject: `briefpress validate ${DEFAULT_BRIEFING}`,
    baseline: "node -e ''",
    runs,
    baselineRuns,
    ratio: seconds / stats(baselineRuns).median,
    target: '≤ 0.25 s',
    met: seconds <= 0.25,
    notes: [],
  };
}

async function csv(): Promise<Result> {
  const id = 'cost-of-a-data-breach-2024';
  const dir = join(scratch, 'csv', id);
  cpSync(join('data', id), dir, { recursive: true });
  // The table's cells are figures its source must state: the rows repeat the three it has, each under its own key.
  const stated = ['9.48,9.36', '8.07,8.75', '10.93,9.77'];
  const rows = Array.from({ length: 10_000 }, (_, i) => `Segment ${i + 1},${stated[i % stated.length]}`);
  writeFileSync(join(dir, 'tables/regional-costs.csv'), ['Region or industry,2023,2024', ...rows, ''].join('\n'));
  const { runs, baselineRuns } = await alternate(() => briefpress(['validate', dir]), () => timed(process.execPath, ['-e', '']));
  const { median: seconds } = stats(runs);
  return {
    scenario: 'validate with a 10,000-row CSV table',
    subject: `briefpress validate ${id} with tables/regional-costs.csv of 10,000 rows`,
    baseline: "node -e ''",
    runs,
    baselineRuns,
    ratio: seconds / stats(baselineRuns).median,
    target: '≤ 1 s',
    met: seconds <= 1,
    notes: [],
  };
}

function median(values: number[]): number {
  return stats(values.map((seconds) => ({ seconds, background: 0, cpuSeconds: 0 }))).median;
}

const cpu = (runs: readonly Run[]) => `${median(runs.map((r) => r.cpuSeconds)).toFixed(2)} s`;
const perBriefing = (seconds: number) => `${((seconds / VARIANTS) * 1000).toFixed(0)} ms`;

function checkBuilt(out: string, count: number): void {
  const pdfs = readdirSync(out).filter((id) => existsSync(join(out, id, `${id}.pdf`)));
  if (pdfs.length !== count) throw new Error(`expected ${count} briefings built in ${out}, found ${pdfs.length}`);
}

/** Every file's name, mtime and hash: equal snapshots mean nothing was touched. */
function snapshot(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((name) => `${name} ${statSync(join(dir, name)).mtimeMs} ${sha256(readFileSync(join(dir, name)))}`)
    .join('\n');
}

function machine(): string {
  const cpus = os.cpus();
  const chromium = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.versions.node}, ${chromium}`;
}

function table(results: readonly Result[]): string {
  const s = (seconds: number) => `${seconds.toFixed(2)} s`;
  const range = (runs: readonly Run[]) => {
    const { median: m, min, max } = stats(runs);
    return `${s(m)} (${s(min)}–${s(max)})`;
  };
  const busiest = (runs: readonly Run[]) => `${Math.round(Math.max(...runs.map((r) => r.background)) * 100)} %`;
  return [
    '| scenario | briefpress: median (min–max) | baseline: median (min–max) | ratio | target | met | CPU, briefpress / baseline (median) | other load before runs (max) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.scenario} | ${range(r.runs)} | ${range(r.baselineRuns)} | ${r.ratio.toFixed(2)}× | ${r.target} | ${r.met ? 'yes' : 'no'} | ${cpu(r.runs)} / ${cpu(r.baselineRuns)} | ${busiest([...r.runs, ...r.baselineRuns])} |`),
  ].join('\n');
}

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run compile first (npm run bench does)`);
const results: Result[] = [];
try {
  for (const name of chosen) {
    const scenario = SCENARIOS[name];
    if (!scenario) throw new Error(`unknown scenario "${name}"; choose from ${Object.keys(SCENARIOS).join(', ')}`);
    process.stderr.write(`${name}: `);
    results.push(await scenario());
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const report = [
  `Machine: ${machine()}`,
  `Runs per scenario: ${RUNS} of each, alternating; wall time from spawn to exit.`,
  '',
  table(results),
  '',
  ...results.flatMap((r) => [`- ${r.scenario}: ${r.subject} vs ${r.baseline}.${r.notes.map((n) => ` ${n}.`).join('')}`]),
].join('\n');
process.stdout.write(`${report}\n`);
mkdirSync('bench/.results', { recursive: true });
writeFileSync(join('bench/.results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify({ machine: machine(), results }, null, 2));
