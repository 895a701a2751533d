// Versions recorded in the manifest and the workbook: briefpress itself and the libraries that shape outputs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

// Two folders up from dist/pipeline/<bundle>.js and from pipeline/driver/version.ts alike.
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RENDERING_PACKAGES = ['puppeteer', 'vega', 'vega-lite', 'marked', 'handlebars', 'exceljs', '@resvg/resvg-js', '@expo-google-fonts/ibm-plex-sans', 'harfbuzzjs'];

/** The folder of the code now running (dist/pipeline/ or, from source, pipeline/), hashed into the cache key. */
export const CODE_DIR = import.meta.url.includes('/dist/') ? dirname(fileURLToPath(import.meta.url)) : join(PROJECT_ROOT, 'pipeline');

const versionOf = (packageJson: string): string => (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;

export const TOOL_VERSION = versionOf(join(PROJECT_ROOT, 'package.json'));

export function libraryVersions(): Record<string, string> {
  return Object.fromEntries([
    ['node', process.versions.node],
    ...RENDERING_PACKAGES.map((name) => [name, versionOf(join(PROJECT_ROOT, 'node_modules', name, 'package.json'))]),
  ]);
}
