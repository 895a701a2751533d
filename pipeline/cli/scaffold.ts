// The starting point `briefpress new` copies: templates/new-briefing/, a complete briefing with a commented
// example of every field, one chart, one table and two sources, which validates and builds as it is.
// Three tokens are filled in: __ID__, __TITLE__ (inside a double-quoted YAML string) and __DATE__.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { TEMPLATES_DIR } from '../theme/templates.js';

const SCAFFOLD_DIR = join(TEMPLATES_DIR, 'new-briefing');

export interface ScaffoldFile {
  /** Path inside the briefing folder, with forward slashes. */
  path: string;
  text: string;
}

export interface ScaffoldValues {
  id: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
}

export async function readScaffold(dir = SCAFFOLD_DIR): Promise<ScaffoldFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
  return Promise.all(files.sort().map(async (path) => ({ path, text: await readFile(join(dir, path), 'utf8') })));
}

export function fillScaffold(files: readonly ScaffoldFile[], { id, title, date }: ScaffoldValues): ScaffoldFile[] {
  const quotedTitle = JSON.stringify(title).slice(1, -1);
  return files.map(({ path, text }) => ({ path, text: text.replaceAll('__ID__', id).replaceAll('__TITLE__', quotedTitle).replaceAll('__DATE__', date) }));
}

/** "quarterly-threat-report" → "Quarterly threat report": a placeholder the author will replace. */
export function titleFromId(id: string): string {
  const words = id.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
