// Stage 7, manifest: what was built from what. Hashes let a reader check a deliverable, and the cache key lets a
// later build tell whether anything changed (cache.ts).
import { createHash } from 'node:crypto';
import type { InputFile } from '../load/index.js';
import type { BriefingDigest } from './digest.js';

export interface OutputFile {
  file: string;
  mediaType: string;
  data: Uint8Array;
}

export const MANIFEST_FILE = 'manifest.json';

export interface ManifestInput {
  briefingId: string;
  cacheKey: string;
  inputs: InputFile[];
  outputs: OutputFile[];
  toolVersion: string;
  versions: Record<string, string>;
  options: Record<string, unknown>;
  builtAt: Date;
  /** What the briefing says, for `briefpress diff`; manifests written before it existed lack it. */
  content?: BriefingDigest;
}

export interface Manifest {
  briefing: string;
  tool: { name: 'briefpress'; version: string };
  builtAt: string;
  cacheKey: string;
  inputHash: string;
  inputs: InputFile[];
  outputs: { file: string; mediaType: string; sha256: string; bytes: number }[];
  options: Record<string, unknown>;
  versions: Record<string, string>;
  content?: BriefingDigest;
}

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** One hash over every input file's path and content, in path order. */
export function inputHash(inputs: readonly InputFile[]): string {
  return sha256(inputs.map((i) => `${i.path}\0${i.sha256}\n`).join(''));
}

export function buildManifest(input: ManifestInput): Manifest {
  return {
    briefing: input.briefingId,
    tool: { name: 'briefpress', version: input.toolVersion },
    builtAt: input.builtAt.toISOString(),
    cacheKey: input.cacheKey,
    inputHash: inputHash(input.inputs),
    inputs: input.inputs,
    outputs: input.outputs.map((o) => ({ file: o.file, mediaType: o.mediaType, sha256: sha256(o.data), bytes: o.data.length })),
    options: input.options,
    versions: input.versions,
    ...(input.content ? { content: input.content } : {}),
  };
}
