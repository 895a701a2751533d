// Stage 7, manifest: what was built from what. Hashes let a reader check a deliverable, and the cache key lets a
// later build tell whether anything changed (cache.ts).
import type { InputFile } from '../../model/briefing.js';
import { inputHash, sha256 } from '../../model/hashing.js';
import type { BriefingDigest, Manifest, OutputFile } from '../../model/manifest.js';

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
