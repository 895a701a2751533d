// The content-addressed cache. A briefing's key hashes its own input files together with everything else that
// shapes its outputs: templates, fonts and briefpress's code (the fingerprint), library versions, the browser
// and the options. The manifest records the key; a briefing whose manifest holds the same key, and whose outputs
// still hash as that manifest says, is not rebuilt and its files are not touched.
import { join } from 'node:path';
import type { OutputFolder } from './effects.js';
import { MANIFEST_FILE, type Manifest } from '../model/manifest.js';
import { sha256 } from '../model/hashing.js';

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
