// The starting point `briefpress new` copies: templates/new-briefing/, a complete briefing with a commented
// example of every field, one chart, one table and two sources, which validates and builds as it is.
// Three tokens are filled in: __ID__, __TITLE__ (inside a double-quoted YAML string) and __DATE__; then each data
// file gets a first line naming its JSON Schema, by a path from the folder it is written to.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILES } from '../model/schema.js';
import { TEMPLATES_DIR } from '../theme/templates.js';

const SCAFFOLD_DIR = join(TEMPLATES_DIR, 'new-briefing');
/** schema/ beside pipeline/, whether running from source or from dist/. */
const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

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

/** The schema file of a data file, by its path inside the briefing folder; undefined for a section. */
function schemaOf(path: string): keyof typeof SCHEMA_FILES | undefined {
  if (!path.endsWith('.yaml')) return undefined;
  if (path.startsWith('tables/')) return 'table.schema.json';
  if (path.startsWith('charts/')) return 'chart.schema.json';
  const name = `${path.slice(0, -'.yaml'.length)}.schema.json`;
  return name in SCHEMA_FILES ? (name as keyof typeof SCHEMA_FILES) : undefined;
}

/** Each data file with `# yaml-language-server: $schema=…` first, the path relative to `folder`/its place. */
export function nameSchemas(files: readonly ScaffoldFile[], folder: string, schemaDir = SCHEMA_DIR): ScaffoldFile[] {
  return files.map((file) => {
    const schema = schemaOf(file.path);
    if (!schema) return file;
    const from = dirname(resolve(folder, file.path));
    const reference = relative(from, join(schemaDir, schema)).split('\\').join('/');
    return { path: file.path, text: `# yaml-language-server: $schema=${reference}\n${file.text}` };
  });
}
