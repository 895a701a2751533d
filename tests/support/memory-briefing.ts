// An in-memory copy of the default briefing with some files replaced or removed, for validation tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_BRIEFING_DIR } from './default-briefing.js';
import { refusedFile, type BriefingReader } from '../../pipeline/model/loaded.js';
import { workbookParts, zipBytes, type SheetSpec } from './xlsx-bytes.js';

export const FIXTURE_DIR = 'data/fixture';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

export function defaultFile(relativePath: string, dir = DEFAULT_BRIEFING_DIR): string {
  return readFileSync(join(dir, relativePath), 'utf8');
}

let defaults: ReadonlyMap<string, Uint8Array> | undefined;

/** A briefing folder's files by path inside it. */
export function briefingFiles(dir: string): Map<string, Uint8Array> {
  return new Map(filesUnder(dir).map((file) => [relative(dir, file), readFileSync(file)]));
}

/** The default briefing's files by path inside the briefing, read from disk once. */
export function defaultFiles(): Map<string, Uint8Array> {
  defaults ??= briefingFiles(DEFAULT_BRIEFING_DIR);
  return new Map(defaults);
}

/**
 * `changes` maps a path inside the briefing to new content (string or bytes), or to null to delete it; `base` is
 * the briefing folder changed (the default briefing unless given).
 */
export function memoryBriefing(changes: Record<string, string | Uint8Array | null> = {}, dir = FIXTURE_DIR, base?: string): BriefingReader {
  const files = base === undefined ? defaultFiles() : briefingFiles(base);
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) files.delete(path);
    else files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  return memoryReader(files, dir);
}

/** A reader that serves `files` (paths inside the briefing) as the folder `dir`. */
export function memoryReader(files: ReadonlyMap<string, Uint8Array>, dir = FIXTURE_DIR): BriefingReader {
  const inFixture = (path: string) => relative(dir, path);
  return {
    async readFile(path, maxBytes) {
      const data = files.get(inFixture(path));
      if (!data) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      if (data.length > maxBytes) throw refusedFile(path, { tooLarge: data.length });
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

/**
 * A fault written as data (tests/invalid/*.yaml): edits to the default briefing, applied in this order.
 *   edit: { file, find, replace }              replace the first `find` (or a list of these)
 *   append: { file, text }                     add text at the end
 *   truncate: { file, after, bytes? }          keep the bytes up to the end of `after`, plus `bytes` more
 *   bytes: { file, find, hex }                 replace `find` with raw bytes
 *   write: { file, text } | { file, hex }      replace (or create) the whole file
 *   delete: file
 *   folder: name                               the briefing's folder is data/<name> (default data/fixture)
 *   base: name                                 the edits apply to data/<name> (default: the default briefing)
 *   xlsx: { file, sheets, parts? }             write an .xlsx workbook of `sheets` (tests/support/xlsx-bytes.ts),
 *                                              with extra parts of `zeros` bytes, their size declared as `declare`
 */
export interface Fault {
  edit?: Edit | Edit[];
  append?: { file: string; text: string };
  truncate?: { file: string; after: string; bytes?: number };
  bytes?: { file: string; find: string; hex: string };
  write?: { file: string; text?: string; hex?: string };
  delete?: string;
  folder?: string;
  base?: string;
  /** Replaces `find` with `with` repeated: for inputs too large to write out. */
  expand?: { file: string; find: string; repeat: number; with: string };
  xlsx?: { file: string; sheets: SheetSpec[]; parts?: { name: string; zeros: number; declare?: number }[] };
}
interface Edit {
  file: string;
  find: string;
  replace: string;
}

export function faultChanges(fault: Fault): Record<string, string | Uint8Array | null> {
  const changes: Record<string, string | Uint8Array | null> = {};
  const current = (file: string) => {
    const changed = changes[file];
    if (changed === undefined) return defaultFile(file, fault.base === undefined ? DEFAULT_BRIEFING_DIR : join('data', fault.base));
    if (typeof changed !== 'string') throw new Error(`${file} was already replaced by bytes`);
    return changed;
  };
  const find = (file: string, text: string) => {
    const index = current(file).indexOf(text);
    if (index < 0) throw new Error(`${file} does not contain ${JSON.stringify(text)}`);
    return index;
  };
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const hex = (digits: string) => Uint8Array.from(String(digits).match(/../g) ?? [], (pair) => parseInt(pair, 16));
  for (const { file, find: search, replace } of [fault.edit ?? []].flat()) {
    find(file, search);
    changes[file] = current(file).replace(search, replace);
  }
  if (fault.append) changes[fault.append.file] = current(fault.append.file) + fault.append.text;
  if (fault.expand) {
    const { file, find: search, repeat, with: unit } = fault.expand;
    find(file, search);
    changes[file] = current(file).replace(search, unit.repeat(repeat));
  }
  if (fault.truncate) {
    const { file, after, bytes = 0 } = fault.truncate;
    const end = utf8(current(file).slice(0, find(file, after) + after.length)).length + bytes;
    changes[file] = utf8(current(file)).slice(0, end);
  }
  if (fault.bytes) {
    const { file, find: search, hex: digits } = fault.bytes;
    const index = find(file, search);
    const text = current(file);
    changes[file] = new Uint8Array([...utf8(text.slice(0, index)), ...hex(digits), ...utf8(text.slice(index + search.length))]);
  }
  if (fault.write) changes[fault.write.file] = fault.write.hex !== undefined ? hex(fault.write.hex) : fault.write.text ?? '';
  if (fault.xlsx) {
    const { file, sheets, parts = [] } = fault.xlsx;
    changes[file] = zipBytes([...workbookParts(sheets), ...parts.map((p) => ({ name: p.name, data: new Uint8Array(p.zeros), declare: p.declare }))]);
  }
  if (fault.delete) changes[fault.delete] = null;
  return changes;
}
