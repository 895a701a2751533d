// An in-memory copy of the default briefing with some files replaced or removed, for validation tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BriefingReader } from '../../pipeline/load.js';
import { DEFAULT_BRIEFING_DIR } from './default-briefing.js';

export const FIXTURE_DIR = 'data/fixture';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

export function defaultFile(relativePath: string): string {
  return readFileSync(join(DEFAULT_BRIEFING_DIR, relativePath), 'utf8');
}

/** `changes` maps a path inside the briefing to new content (string or bytes), or to null to delete it. */
export function memoryBriefing(changes: Record<string, string | Uint8Array | null> = {}): BriefingReader {
  const files = new Map<string, Uint8Array>();
  for (const file of filesUnder(DEFAULT_BRIEFING_DIR)) files.set(relative(DEFAULT_BRIEFING_DIR, file), readFileSync(file));
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) files.delete(path);
    else files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  const inFixture = (path: string) => relative(FIXTURE_DIR, path);
  return {
    async readFile(path) {
      const data = files.get(inFixture(path));
      if (!data) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return data;
    },
    async listFiles(dir) {
      const prefix = `${inFixture(dir)}/`;
      return [...files.keys()].filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/')).map((f) => f.slice(prefix.length));
    },
  };
}

/** Replaces `search` in a default briefing file, failing loudly when the text is not there. */
export function editDefault(relativePath: string, search: string, replacement: string): Record<string, string> {
  const text = defaultFile(relativePath);
  if (!text.includes(search)) throw new Error(`${relativePath} does not contain ${JSON.stringify(search)}`);
  return { [relativePath]: text.replace(search, replacement) };
}
