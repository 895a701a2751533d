// The HTML templates: a layout, its partials and the stylesheet, read from templates/ as strings.
// Only this folder is ever compiled; briefing data is rendered as escaped values.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { basename, join } from 'node:path';

export interface Templates {
  layout: string;
  partials: Record<string, string>;
  css: string;
}

/** templates/ beside pipeline/, whether running from source or from dist/. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export async function loadTemplates(dir = TEMPLATES_DIR): Promise<Templates> {
  const partialFiles = (await readdir(join(dir, 'partials'))).filter((f) => f.endsWith('.hbs')).sort();
  const partials: Record<string, string> = {};
  for (const file of partialFiles) partials[basename(file, '.hbs')] = await readFile(join(dir, 'partials', file), 'utf8');
  return {
    layout: await readFile(join(dir, 'layout.hbs'), 'utf8'),
    partials,
    css: await readFile(join(dir, 'briefing.css'), 'utf8'),
  };
}
