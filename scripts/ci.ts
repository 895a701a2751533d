// What the CI workflow (.github/workflows/briefings.yml) runs besides `npm ci` and `briefpress validate`, kept
// here so that it runs, and is tested, on any machine (tests/e2e/workflow.test.ts):
//   plan     the shard matrix: as many shards as briefings, at most MAX_SHARDS, fewer while the ids' hashes
//            would leave a shard empty
//   build    one shard, over its previous build restored from the cache: keeps that build in .previous/ for
//            the diff, removes from output/ what is not this shard's, runs `briefpress build`, and tells from the
//            manifests (not the log) which briefings were rebuilt and which were up to date
//   summary  the job summary: the failure if any, what was rebuilt, where the artifact is, the changes
// Usage: node --import tsx scripts/ci.ts plan|build|summary. Inputs come from the environment, as in CI:
// BRIEFINGS (plan), SHARD and SHARD_BRIEFINGS (build, summary), ARTIFACT_NAME, ARTIFACT_URL and
// ARTIFACT_RETENTION_DAYS (summary); results go to $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY when set.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { briefingDirs } from '../pipeline/cli/briefings.js';
import { briefingId } from '../pipeline/model/briefing.js';
import { inShard } from '../pipeline/driver/shard.js';
import { markdownCode, markdownCodeBlock } from '../pipeline/compare/markdown.js';

export const MAX_SHARDS = 4;

/** The compiled CLI, as `npm ci` leaves it; tests run the source through tsx instead. */
const COMPILED_CLI = [process.execPath, 'dist/pipeline/cli.js'];

export interface ShardPlan {
  shard: number;
  of: number;
  /** The shard's briefing folders, space-separated (a matrix value is a string). */
  briefings: string;
}

/** The largest shard count up to `max` (and the number of briefings) that leaves no shard empty. */
export function planShards(dirs: readonly string[], max = MAX_SHARDS): ShardPlan[] {
  for (let count = Math.min(max, dirs.length); count > 1; count--) {
    const shards = Array.from({ length: count }, (_, i) => dirs.filter((dir) => inShard(briefingId(dir), { index: i + 1, count })));
    if (shards.every((shard) => shard.length > 0)) return shards.map((shard, i) => ({ shard: i + 1, of: count, briefings: shard.join(' ') }));
  }
  return [{ shard: 1, of: 1, briefings: dirs.join(' ') }];
}

export interface ShardReport {
  shard: string;
  briefings: string[];
  /** Rebuilt by this run: the manifest differs from the previous build's, or there was none. */
  rebuilt: string[];
  /** The build succeeded and left the manifest as it was: up to date, not rebuilt. */
  upToDate: string[];
  /** The build failed and these have no new manifest: they failed, or another briefing's error stopped them. */
  notBuilt: string[];
  exitCode: number;
  /** The end of briefpress's stderr when it failed: the diagnostics or the failure. */
  problems: string;
}

export interface BuildShardOptions {
  shard: string;
  dirs: readonly string[];
  out?: string;
  previous?: string;
  cli?: readonly string[];
}

/** Builds one shard's briefings into `out` over what it holds, keeping the previous build in `previous`. */
export async function buildShard({ shard, dirs, out = 'output', previous = '.previous', cli = COMPILED_CLI }: BuildShardOptions): Promise<ShardReport> {
  const ids = dirs.map((dir) => briefingId(dir));
  rmSync(previous, { recursive: true, force: true });
  mkdirSync(previous, { recursive: true });
  mkdirSync(out, { recursive: true });
  // Copied, not moved: the briefings left in `out` are what briefpress finds up to date.
  for (const id of ids) if (existsSync(join(out, id))) cpSync(join(out, id), join(previous, id), { recursive: true });
  // What the cache restored for briefings no longer in this shard (removed, or another shard's) is not published.
  for (const entry of readdirSync(out, { withFileTypes: true })) {
    if (!ids.includes(entry.name)) rmSync(join(out, entry.name), { recursive: true, force: true });
  }
  const { exitCode, stderr } = await run(cli, ['build', '--out', out, ...dirs]);
  const manifest = (folder: string, id: string) => readOptional(join(folder, id, 'manifest.json'));
  const rebuilt = ids.filter((id) => manifest(out, id) !== undefined && manifest(out, id) !== manifest(previous, id));
  const kept = ids.filter((id) => !rebuilt.includes(id) && manifest(out, id) !== undefined);
  const succeeded = exitCode === 0;
  return {
    shard,
    briefings: ids,
    rebuilt,
    upToDate: succeeded ? kept : [],
    notBuilt: ids.filter((id) => !rebuilt.includes(id) && (!succeeded || manifest(out, id) === undefined)),
    exitCode,
    problems: succeeded ? '' : stderr.trimEnd().split('\n').slice(-30).join('\n'),
  };
}

/** Runs a command with its output shown as it comes (the CI log) and its stderr also kept. */
function run(command: readonly string[], args: string[]): Promise<{ exitCode: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, [...command.slice(1), ...args], { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? 1, stderr }));
  });
}

const readOptional = (path: string): string | undefined => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);

export interface Artifact {
  name: string;
  /** Empty when nothing was uploaded. */
  url: string;
  retentionDays: string;
}

/** The changes section: diff's Markdown, or its stderr quoted in a fence when it failed (stderr is not Markdown). */
export function diffChanges({ status, stdout, stderr }: { status: number | null; stdout: string; stderr: string }): string {
  if (status === 0) return stdout;
  return `**briefpress diff failed** (exit code ${status ?? 'none: it was killed'}):\n\n${markdownCodeBlock(stderr.trimEnd())}\n`;
}

/** The job summary: Markdown, failure first, then what was built, the artifact and the changes (`diff`). */
export function shardSummary(report: ShardReport | undefined, artifact: Artifact, changes: string): string {
  const [index, count] = (report?.shard ?? '?/?').split('/');
  const lines = [`## Briefings: shard ${index} of ${count}`, ''];
  if (!report) return [...lines, 'The build step stopped before it could report: see its log.', ''].join('\n');
  if (report.briefings.length === 0) lines.push('This shard has no briefings: the plan should have made fewer shards.', '');
  if (report.exitCode !== 0) {
    lines.push(`**The build failed** (exit code ${report.exitCode}). The end of its output:`, '', markdownCodeBlock(report.problems), '');
  }
  const list = (ids: string[]) => (ids.length > 0 ? ids.map(markdownCode).join(', ') : 'none');
  lines.push(`- rebuilt: ${list(report.rebuilt)}`, `- up to date, not rebuilt: ${list(report.upToDate)}`);
  if (report.notBuilt.length > 0) lines.push(`- **not built**: ${list(report.notBuilt)}`);
  lines.push(
    artifact.url
      ? `- artifact: [${markdownCode(artifact.name)}](${artifact.url}), each briefing's PDF, HTML, workbook and manifest, kept ${artifact.retentionDays} days`
      : `- artifact: none uploaded (no output files)`,
    '',
    '### Changes since the previous build',
    '',
    changes,
  );
  return lines.join('\n');
}

const REPORT = '.ci-report.json';

async function main(command: string | undefined): Promise<number> {
  const env = process.env;
  const named = (list: string | undefined) => (list ?? '').split(/\s+/).filter(Boolean);
  switch (command) {
    case 'plan': {
      const plan = planShards(await briefingDirs(named(env.BRIEFINGS)));
      for (const { shard, of, briefings } of plan) console.log(`shard ${shard} of ${of}: ${briefings}`);
      output('matrix', JSON.stringify({ include: plan }));
      output('shards', String(plan.length));
      return 0;
    }
    case 'build': {
      const report = await buildShard({ shard: env.SHARD ?? '1/1', dirs: named(env.SHARD_BRIEFINGS) });
      writeFileSync(REPORT, JSON.stringify(report, null, 2));
      output('built', String(report.rebuilt.length));
      return report.exitCode;
    }
    case 'summary': {
      const report = existsSync(REPORT) ? (JSON.parse(readFileSync(REPORT, 'utf8')) as ShardReport) : undefined;
      const diff = spawnSync(COMPILED_CLI[0]!, [...COMPILED_CLI.slice(1), 'diff', '.previous', 'output', '--format', 'markdown'], { encoding: 'utf8' });
      const changes = diffChanges(diff);
      const artifact = { name: env.ARTIFACT_NAME ?? '', url: env.ARTIFACT_URL ?? '', retentionDays: env.ARTIFACT_RETENTION_DAYS ?? '?' };
      const summary = shardSummary(report, artifact, changes);
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summary);
      else process.stdout.write(summary);
      return 0;
    }
    default:
      process.stderr.write('usage: node --import tsx scripts/ci.ts plan|build|summary\n');
      return 2;
  }
}

/** A step output; printed instead when not in GitHub Actions. */
function output(name: string, value: string): void {
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${name}=${value}\n`);
  else console.log(`${name}=${value}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv[2]);
}
