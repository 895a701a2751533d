// The CI workflow cannot run here, so it is read as data: its triggers, jobs and steps, and every script,
// path and command it calls must exist in the repository and match what README.md tells people to run.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { briefpress } from '../support/cli.js';

const WORKFLOW = '.github/workflows/briefings.yml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  if?: string;
}
interface Job {
  needs?: string[];
  if?: string;
  strategy?: { matrix: Record<string, unknown[]> };
  steps: Step[];
}
interface Workflow {
  on: Record<string, Record<string, unknown> | null>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

let workflow: Workflow;
let runs: string[];
let readme: string;
const stepsUsing = (job: Job, action: string) => job.steps.filter((s) => s.uses?.startsWith(`${action}@`));

beforeAll(() => {
  workflow = parse(readFileSync(WORKFLOW, 'utf8')) as Workflow;
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

describe('briefings workflow', () => {
  it('runs weekly, on demand with a choice of briefings, and when data, templates or the pipeline change', () => {
    const { schedule, workflow_dispatch: dispatch, push, pull_request: pullRequest } = workflow.on as Record<string, any>;
    expect(schedule[0].cron.split(' ')).toHaveLength(5);
    expect(schedule[0].cron.split(' ')[4]).toMatch(/^[0-6]$/);
    expect(dispatch.inputs.briefings.type).toBe('string');
    for (const trigger of [push, pullRequest]) expect(trigger.paths).toEqual(['data/**', 'templates/**', 'pipeline/**']);
    for (const folder of push.paths.map((p: string) => p.replace('/**', ''))) expect(existsSync(folder)).toBe(true);
    // The chosen briefings reach the shell as a variable, not as text pasted into a script.
    expect(workflow.env.BRIEFINGS).toBe('${{ inputs.briefings }}');
    for (const run of runs) expect(run).not.toContain('inputs.');
  });

  it('installs Node from .nvmrc, which satisfies package.json engines, with the npm cache', () => {
    const engines = JSON.parse(readFileSync('package.json', 'utf8')).engines.node as string;
    const [wantedMajor] = /\d+/.exec(engines)!;
    expect(readFileSync('.nvmrc', 'utf8').trim()).toBe(wantedMajor);
    for (const job of Object.values(workflow.jobs)) {
      const [setup] = stepsUsing(job, 'actions/setup-node');
      expect(setup?.with).toEqual({ 'node-version-file': '.nvmrc', cache: 'npm' });
    }
  });

  it('validates first, annotating bad lines, and builds only when validation passed', () => {
    expect(workflow.jobs.validate!.steps.some((s) => /cli\.js validate --format github --strict \$BRIEFINGS$/.test(s.run ?? ''))).toBe(true);
    expect(workflow.jobs.build!.needs).toContain('validate');
    expect(workflow.jobs.build!.if).toContain("needs.validate.result == 'success'");
  });

  it('builds in a matrix of shards and uploads every output of each briefing', () => {
    const build = workflow.jobs.build!;
    const shards = build.strategy!.matrix.shard as number[];
    expect(shards).toEqual(shards.map((_, i) => i + 1));
    expect(build.steps.map((s) => s.run).filter(Boolean)).toContainEqual(expect.stringContaining('build --shard ${{ matrix.shard }}/${{ strategy.job-total }} $BRIEFINGS'));
    const [upload] = stepsUsing(build, 'actions/upload-artifact');
    expect(String(upload!.with!.name)).toContain('${{ matrix.shard }}');
    expect(String(upload!.with!.path).trim().split('\n')).toEqual(['output/*/*.pdf', 'output/*/*.html', 'output/*/*.xlsx', 'output/*/manifest.json']);
  });

  it('caches the previous build and the build cache, and summarises the build against it', () => {
    const build = workflow.jobs.build!;
    const [cache] = stepsUsing(build, 'actions/cache');
    expect(String(cache!.with!.path).trim().split('\n')).toEqual(['output', '.cache/briefpress']);
    expect(String(cache!.with!['restore-keys'])).toBe('briefings-shard${{ matrix.shard }}-');
    const order = (needle: string) => build.steps.findIndex((s) => (s.run ?? s.uses ?? '').includes(needle));
    expect(order('actions/cache')).toBeLessThan(order('mv output .previous'));
    expect(order('mv output .previous')).toBeLessThan(order('build --shard'));
    const summary = build.steps.find((s) => s.run?.includes('GITHUB_STEP_SUMMARY'))!;
    expect(summary.if).toBe('${{ !cancelled() }}');
    expect(summary.run).toContain('node dist/pipeline/cli.js diff .previous output --format markdown >> "$GITHUB_STEP_SUMMARY"');
  });

  it('calls only scripts, paths and npm scripts that exist', () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    for (const [, name] of runs.join('\n').matchAll(/npm run ([\w:-]+)/g)) expect(Object.keys(scripts)).toContain(name);
    const paths = [...runs.join('\n').matchAll(/(?<![\w.])((?:scripts|pipeline|dist|data|templates)\/[\w./-]+)/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(0);
    // dist/pipeline/<name>.js is compiled by npm ci from the source scripts/compile.mjs names for <name>.
    const bundles = new Map([...readFileSync('scripts/compile.mjs', 'utf8').matchAll(/'?([\w-]+)'?: '(pipeline\/[\w/-]+\.ts)'/g)].map((m) => [`dist/pipeline/${m[1]}.js`, m[2]!]));
    for (const path of paths) {
      const source = bundles.get(path) ?? path;
      expect(existsSync(source), `${path} (${source})`).toBe(true);
    }
    const actions = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    for (const action of actions) expect(action).toMatch(/^actions\/[\w-]+@v\d+$/);
  });

  it('runs only briefpress commands that exist', async () => {
    const commands = new Set([...runs.join('\n').matchAll(/cli\.js (\w+)/g)].map((m) => m[1]!));
    expect([...commands].sort()).toEqual(['build', 'diff', 'validate']);
    for (const command of commands) expect((await briefpress([command, '--help'])).status).toBe(0);
  });

  it("runs the README's set-up commands and the commands its CI section lists", () => {
    const steps = runs.join('\n');
    const setup = readmeCommands('# briefpress');
    expect(setup).toEqual(['npm ci && npm run briefing', 'npm test']);
    for (const command of [...setup, ...readmeCommands('### How CI publishes')]) expect(steps).toContain(command);
  });
});
