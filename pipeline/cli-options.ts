// What the commands share: option parsing with usage errors, finding briefings, printing diagnostics.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatDiagnostics, type Diagnostic } from './diagnostics.js';
import { CliError, EXIT } from './errors.js';

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

export function printDiagnostics(diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>): void {
  if (diagnostics.length > 0) process.stderr.write(`${formatDiagnostics(diagnostics, texts)}\n`);
}
