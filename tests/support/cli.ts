// Runs the briefpress command line as a user would, in this process: run() with streams that collect the output.
// One or two tests spawn the compiled binary instead (compiledBriefpress), which is what users run.
import { spawnSync } from 'node:child_process';
import { run } from '../../pipeline/cli/run.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  /** Both streams are a terminal, as when a person runs briefpress. */
  tty?: boolean;
  /** Ctrl-C for a long-running command (watch): pressed once stdout satisfies this. */
  stopWhen?: (stdout: string) => boolean;
}

/** This process's environment without what turns colour on or off, which a test sets when it means to. */
function testEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, NO_COLOR: _none, ...inherited } = process.env;
  return { ...inherited, ...env };
}

export async function briefpress(args: string[], options: CliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const isTTY = options.tty === true;
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const status = await run(args, {
    stdout: {
      write: (text: string) => {
        stdout += text;
        if (options.stopWhen?.(stdout)) stop();
      },
      isTTY,
    },
    stderr: { write: (text: string) => (stderr += text), isTTY },
    env: testEnv(options.env),
    stopRequested: () => stopped,
  });
  return { status, stdout, stderr };
}

/** The compiled CLI (dist/pipeline/cli.js, as `npm run compile` makes it) in a process of its own. */
export function compiledBriefpress(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(process.execPath, ['dist/pipeline/cli.js', ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...options.env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
