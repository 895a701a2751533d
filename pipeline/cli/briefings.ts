// Which briefing folders a command works on: the ones named, or every briefing under data/. A name that is not a
// briefing folder is one usage error naming it (and the folder probably meant), before any work starts.
// Synchronous: a few directory entries before any work, and `validate` then needs no fs/promises at all.
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError, EXIT } from '../diagnostics/errors.js';
import { closest } from '../diagnostics/suggest.js';
import { BRIEFING_FILE } from '../model/loaded.js';

/** The file's information, or undefined when it cannot be had (missing, unreadable). */
function statOf(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

const isBriefing = (dir: string) => statOf(join(dir, BRIEFING_FILE))?.isFile() ?? false;

/** The named folders, or every folder under data/ that holds a briefing.yaml. */
export async function briefingDirs(named: readonly string[]): Promise<string[]> {
  if (named.length > 0) return checkNamed(named);
  const dirs = await briefingsIn('data');
  if (dirs === undefined) throw new CliError('no briefing folder named and no data/ folder here; run from the project folder or name a briefing folder', EXIT.usage);
  if (dirs.length === 0) throw new CliError('data/ holds no briefing folder (a folder with a briefing.yaml); briefpress new <id> starts one', EXIT.usage);
  return dirs;
}

/** The briefing folders in `parent`, sorted; undefined when it is no folder. */
async function briefingsIn(parent: string): Promise<string[] | undefined> {
  let entries;
  try {
    entries = readdirSync(parent, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const dirs: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (isBriefing(join(parent, entry.name))) dirs.push(join(parent, entry.name));
  }
  return dirs;
}

async function checkNamed(named: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const dir of named) {
    const info = statOf(dir);
    if (!info) problems.push(`${dir}: no such folder${await suggestion(dir)}`);
    else if (!info.isDirectory()) problems.push(`${dir} is a file, not a briefing folder`);
    else if (!isBriefing(dir)) problems.push(`${dir} is not a briefing folder: it has no ${BRIEFING_FILE}`);
  }
  if (problems.length === 0) return [...named];
  const hint = `name folders that hold a ${BRIEFING_FILE}, or none for every briefing under data/`;
  if (problems.length === 1) throw new CliError(problems[0]!.includes('did you mean') ? problems[0]! : `${problems[0]}; ${hint}`, EXIT.usage);
  throw new CliError(`${problems.length} of the folders named are not briefing folders; ${hint}:\n${problems.map((p) => `  ${p}`).join('\n')}`, EXIT.usage);
}

/** "; did you mean data/x?" when a briefing folder beside the missing one has a close name. */
async function suggestion(dir: string): Promise<string> {
  const siblings = (await briefingsIn(dirname(dir))) ?? [];
  const meant = closest(basename(dir), siblings.map((sibling) => basename(sibling)));
  return meant ? `; did you mean ${join(dirname(dir), meant)}?` : '';
}
