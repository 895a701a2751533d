// What a build records beside its outputs (manifest.json), read back by the cache and by `briefpress diff`.
import type { InputFile, Unit } from './briefing.js';
import type { Scale } from './schema.js';

export const MANIFEST_FILE = 'manifest.json';

export interface OutputFile {
  file: string;
  mediaType: string;
  data: Uint8Array;
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

export interface DataPointDigest {
  id: string;
  label: string;
  value: number;
  decimals: number;
  /** A unit of the current model, or "usd" in a manifest written before the numbers model. */
  unit: Unit | 'usd';
  currency?: string;
  scale?: Scale;
  change?: boolean;
  /** As the document prints it ("over 30%"). */
  formatted: string;
  period: string;
  source: string;
}

interface SourceDigest {
  key: string;
  publisher: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD; a manifest written before sources had dates has `year` instead. */
  date?: string;
  year?: number;
  title?: string;
  url?: string;
}

/** A section, table or chart: its title and a hash of everything it is made of. */
interface PartDigest {
  id: string;
  title: string;
  sha256: string;
}

export interface WarningDigest {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

export interface BriefingDigest {
  title: string;
  subtitle: string;
  date: string;
  /** The executive summary is long prose; a hash says whether it changed. */
  summarySha256: string;
  dataPoints: DataPointDigest[];
  sources: SourceDigest[];
  sections: PartDigest[];
  tables: PartDigest[];
  charts: PartDigest[];
  warnings: WarningDigest[];
}
