// The validated briefing: what every stage after validate reads. Built only by validate.ts.
import type { BriefingFile, ChartDefinition, DataPoint, Source, Table } from './schema.js';
import type { EmbeddedImage, InputFile } from '../stages/load/index.js';

export type { ChartDefinition, DataPoint, Source, Table, Unit } from './schema.js';

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
  dataPoints: DataPoint[];
  sources: Source[];
  sourcesEditorialNote?: string;
  tables: Table[];
  charts: ChartDefinition[];
  /** Images the sections embed, by path relative to the briefing folder. */
  images: ReadonlyMap<string, EmbeddedImage>;
  inputs: InputFile[];
}
