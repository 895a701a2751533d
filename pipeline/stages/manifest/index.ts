// manifest: what was built from what. Hashes let a reader check a deliverable, the cache key lets a later build
// tell whether anything changed (driver/cache.ts), and the digest of what the briefing says lets `briefpress diff`
// compare two builds from their output folders alone.
import type { StageResult } from '../../diagnostics/diagnostic.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { inputHash, sha256 } from '../../model/hashing.js';
import type { Manifest, OutputFile } from '../../model/manifest.js';
import type { ResolvedBriefing } from '../../model/resolved.js';
import { digestBriefing } from './digest.js';

export interface ManifestInput {
  briefing: ResolvedBriefing;
  /** The briefing's warnings, from validation and from drawing its charts. */
  warnings: readonly Diagnostic[];
  cacheKey: string;
  outputs: readonly OutputFile[];
  toolVersion: string;
  versions: Record<string, string>;
  options: Record<string, unknown>;
  builtAt: Date;
}

export function buildManifest(input: ManifestInput): StageResult<Manifest> {
  const { inputs } = input.briefing.briefing;
  const manifest: Manifest = {
    briefing: input.briefing.id,
    tool: { name: 'briefpress', version: input.toolVersion },
    builtAt: input.builtAt.toISOString(),
    cacheKey: input.cacheKey,
    inputHash: inputHash(inputs),
    inputs,
    outputs: input.outputs.map((o) => ({ file: o.file, mediaType: o.mediaType, sha256: sha256(o.data), bytes: o.data.length })),
    options: input.options,
    versions: input.versions,
    content: digestBriefing(input.briefing, input.warnings),
  };
  return { value: manifest, diagnostics: [] };
}
