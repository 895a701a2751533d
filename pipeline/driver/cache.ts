// The content-addressed cache. A briefing's key hashes its own input files together with everything else that
// shapes its outputs: templates, fonts and briefpress's code (the fingerprint), library versions, the browser
// and the options. The manifest records the key; a briefing whose manifest holds the same key, and whose outputs
// still hash as that manifest says, is not rebuilt and its files are not touched.
import { join, sep } from 'node:path';
import type { OutputFolder } from './effects.js';
import type { InputFile } from '../model/briefing.js';
import { inputHash, sha256 } from '../model/hashing.js';
import { LIMITS } from '../model/limits.js';
import { LISTED_FILE, LISTED_FOLDERS, refusedFile, type BriefingReader } from '../model/loaded.js';
import { MANIFEST_FILE, type Manifest } from '../model/manifest.js';

/** What shapes every briefing's outputs besides its own files. */
export interface CacheContext {
  tool: string;
  /** Hashes of the templates, fonts and code, by group. */
  fingerprint: Record<string, string>;
  versions: Record<string, string>;
  /** Which browser prints the PDF (see browserStamp); absent when no PDF is built. */
  browser?: string;
  options: Record<string, unknown>;
}

export function cacheKey(inputHash: string, context: CacheContext): string {
  return sha256(JSON.stringify({ inputHash, ...context }));
}

/** True when `folder` holds a manifest with this key and every output that manifest lists, unchanged. */
export async function isUpToDate(folder: string, key: string, outputs: OutputFolder): Promise<boolean> {
  const bytes = await outputs.read(join(folder, MANIFEST_FILE));
  if (!bytes) return false;
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Manifest>;
  } catch {
    return false;
  }
  if (manifest.cacheKey !== key || !Array.isArray(manifest.outputs)) return false;
  for (const output of manifest.outputs) {
    if (typeof output?.file !== 'string') return false;
    const data = await outputs.read(join(folder, output.file));
    if (!data || sha256(data) !== output.sha256) return false;
  }
  return true;
}

/** The largest file a briefing may hold, of any kind: only for hashing, the load stage applies each kind's limit. */
const LARGEST_INPUT = Math.max(LIMITS.fileBytes, LIMITS.imageBytes);

/**
 * True when the briefing in `dir` is up to date with its outputs in `folder`, found without parsing a file: its
 * manifest lists every file the last build read, with its hash. When each still hashes so (each inside the folder),
 * the folders the load stage lists hold the same YAML files, and the key made from those inputs and `context` is the
 * manifest's, with its outputs intact, then a load would read the very same files and give the same key. Every file
 * read is kept in `read`, by path, so that a stale briefing's check reads none again.
 */
export async function unchanged(dir: string, folder: string, context: CacheContext, io: { reader: BriefingReader; outputs: OutputFolder; read: Map<string, Uint8Array> }): Promise<boolean> {
  const bytes = await io.outputs.read(join(folder, MANIFEST_FILE));
  if (!bytes) return false;
  let inputs: InputFile[];
  try {
    inputs = (JSON.parse(new TextDecoder().decode(bytes)) as Partial<Manifest>).inputs ?? [];
  } catch {
    return false;
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return false;
  for (const listed of LISTED_FOLDERS) {
    const names = await io.reader.listFiles(join(dir, listed)).catch(() => undefined);
    const expected = inputs.filter((input) => input.path.startsWith(`${listed}/`) && LISTED_FILE.test(input.path)).map((input) => input.path.slice(listed.length + 1));
    if (!names || names.filter((name) => LISTED_FILE.test(name)).sort().join('\n') !== expected.sort().join('\n')) return false;
  }
  const root = io.reader.realPath && (await io.reader.realPath(dir).catch(() => undefined));
  for (const input of inputs) {
    const path = join(dir, input.path);
    if (root !== undefined && !(await io.reader.realPath!(path).catch(() => '')).startsWith(root + sep)) return false;
    const data = await io.reader.readFile(path, LARGEST_INPUT).catch(() => undefined);
    if (!data) return false;
    io.read.set(path, data);
    if (sha256(data) !== input.sha256) return false;
  }
  return isUpToDate(folder, cacheKey(inputHash(inputs), context), io.outputs);
}

/** `reader`, answering each path of `read` from there once (within the size the load asks for), then from itself. */
export function readingOnce(reader: BriefingReader, read: Map<string, Uint8Array>): BriefingReader {
  return {
    ...reader,
    readFile: async (path, maxBytes) => {
      const data = read.get(path);
      if (!data) return reader.readFile(path, maxBytes);
      read.delete(path);
      if (data.length > maxBytes) throw refusedFile(path, { tooLarge: data.length });
      return data;
    },
  };
}
