// Runs the briefpress command line as a user would, in this process: run() with streams that collect the output.
// One or two tests spawn the compiled binary instead (compiledBriefpress), which is what users run.
import { spawnSync } from 'node:child_process';
import { run } from '../../pipeline/cli/run.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export async function briefpress(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await run(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { ...process.env, ...options.env },
    stopRequested: () => new Promise(() => undefined),
  });
  return { status, stdout, stderr };
}

/** The compiled CLI (dist/pipeline/cli.js, as `npm run compile` makes it) in a process of its own. */
export function compiledBriefpress(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(process.execPath, ['dist/pipeline/cli.js', ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...options.env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
