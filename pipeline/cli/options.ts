// What the commands share: option parsing with usage errors, finding briefings, printing diagnostics,
// choosing how progress is reported.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { CliError, EXIT } from '../diagnostics/errors.js';
import type { Progress } from '../build/effects.js';
import type { CliIo } from './io.js';
import { createProgress, type ProgressMode } from './progress.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandLine<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}; run briefpress ${command} --help`, EXIT.usage);
  }
}

/** The named folders, or every folder under data/ that holds a briefing.yaml. */
export async function briefingDirs(named: string[]): Promise<string[]> {
  if (named.length > 0) return named;
  const entries = await readdir('data', { withFileTypes: true }).catch(() => {
    throw new CliError('no briefing folder named and no data/ folder here; run from the project folder or name a briefing folder', EXIT.usage);
  });
  const dirs: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = join('data', entry.name);
    if (await stat(join(dir, 'briefing.yaml')).then(() => true, () => false)) dirs.push(dir);
  }
  if (dirs.length === 0) throw new CliError('data/ holds no briefing folder (a folder with a briefing.yaml)', EXIT.usage);
  return dirs;
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>, io: CliIo): void {
  if (diagnostics.length > 0) io.stderr.write(`${formatDiagnostics(diagnostics, texts)}\n`);
}

/** The progress flags of commands that build: add to parseCommandLine's options, and PROGRESS_HELP to the help. */
export const PROGRESS_OPTIONS = {
  quiet: { type: 'boolean', short: 'q' },
  json: { type: 'boolean' },
} as const satisfies Options;

export const PROGRESS_HELP = `  -q, --quiet          no progress lines (problems still print)
  --json               progress as JSON events on stdout, one object per line`;

/** tty when a person watches the terminal, plain lines otherwise (CI logs, pipes). */
export function progressMode(flags: { quiet?: boolean; json?: boolean }, interactive: boolean): ProgressMode {
  if (flags.quiet && flags.json) throw new CliError('--quiet and --json do not go together: --json already prints only JSON events', EXIT.usage);
  if (flags.json) return 'json';
  if (flags.quiet) return 'quiet';
  return interactive ? 'tty' : 'plain';
}

/** The reporter the flags ask for: JSON events on stdout, everything for people on stderr. */
export function progressReporter(flags: { quiet?: boolean; json?: boolean }, io: CliIo): Progress {
  const mode = progressMode(flags, io.stderr.isTTY === true && io.env.TERM !== 'dumb');
  return createProgress(mode, mode === 'json' ? io.stdout : io.stderr);
}
