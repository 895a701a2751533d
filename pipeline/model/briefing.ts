// The validated briefing: what every stage after validate reads. Built only by the validate stage.
import { basename, normalize } from 'node:path';
import type { Location } from '../diagnostics/diagnostic.js';
import type { BriefingFile, ChartDefinition, DataPoint, Source, Table } from './schema.js';

export type { ChartDefinition, DataPoint, Source, Table, Unit } from './schema.js';

/** A briefing's id is its folder's name. */
export const briefingId = (dir: string): string => basename(normalize(dir));

/** A file the load stage read, as the manifest records it. */
export interface InputFile {
  /** Path relative to the briefing folder, with forward slashes. */
  path: string;
  sha256: string;
  bytes: number;
}

/** An image a section embeds, read from the briefing's own folder. */
export interface EmbeddedImage {
  mediaType: string;
  data: Uint8Array;
}

export interface Section {
  id: string;
  title: string;
  /** Display path of the Markdown file, for diagnostics. */
  file: string;
  /** Path relative to the briefing folder, from which its images resolve. */
  relativePath: string;
  markdown: string;
}

export type BriefingMeta = Omit<BriefingFile, 'sections'>;

export interface Briefing {
  id: string;
  dir: string;
  meta: BriefingMeta;
  sections: Section[];
  /** With their values, stated or derived. */
  dataPoints: DataPoint[];
  /** Data point ids in order of first mention in the sections, as {{dp:id}} or as a figure bound to it. */
  mentioned: string[];
  sources: Source[];
  sourcesEditorialNote?: string;
  /** With derived cells computed. */
  tables: Table[];
  charts: ChartDefinition[];
  /** Where each chart's spec is written, for what Vega-Lite says about it when the chart is drawn. */
  chartSpecs: ReadonlyMap<string, Location>;
  /** Images the sections embed, by path relative to the briefing folder. */
  images: ReadonlyMap<string, EmbeddedImage>;
  inputs: InputFile[];
}
