// The resolved briefing: everything the renderers share, derived once after validation by the resolve stage.
// Charts, HTML, PDF, workbook and the manifest's digest read it and recompute nothing: numbering, indices and the
// texts with their data points inserted are the same in every output because they exist once.
import type { TopLevelSpec } from 'vega-lite';
import type { Location } from '../diagnostics/diagnostic.js';
import type { Briefing, BriefingMeta, DataPoint, Section, Source, Table } from './briefing.js';
import type { ChartRow } from './chart-spec.js';

export interface ResolvedDataPoint extends DataPoint {
  /** As every output prints it: "5.98%". */
  formatted: string;
  /** With its qualifier, as prose says it: "over 30%". */
  inProse: string;
}

export interface ResolvedSource extends Source {
  /** Its number: in order of first citation; sources only data points use follow in file order. */
  number: number;
  /** The data points it is the source of, in file order. */
  dataPointIds: string[];
  /** Titles of the sections citing it, in reading order. */
  citedIn: string[];
}

export interface ResolvedSection extends Section {
  /** 1-based, in reading order. */
  number: number;
  anchor: string;
}

export interface ResolvedTable {
  /** "Table N", in order of placement; unplaced tables follow in file order. */
  number: number;
  anchor: string;
  table: Table;
}

export interface ResolvedChart {
  id: string;
  /** "Figure N", in order of placement; unplaced charts follow in file order. */
  number: number;
  anchor: string;
  /** Title, caption and text alternative with their data points inserted. */
  title: string;
  caption: string;
  alt: string;
  /** "Source: [2].": the sources of the data points it draws, by number. */
  sourceLine: string;
  /** The data points it draws, one row each. */
  rows: ChartRow[];
  /** The Vega-Lite spec the charts stage draws: the author's, with the rows, the theme and value labels. */
  spec: TopLevelSpec;
  /** The same drawn for a phone's width, with larger text. */
  phoneSpec: TopLevelSpec;
  /** Where the author wrote the spec, for what Vega-Lite says about it. */
  specAt: Location;
}

export interface ResolvedBriefing {
  id: string;
  /** The briefing as validated, in the files' order and words: what the manifest's digest records. */
  briefing: Briefing;
  meta: BriefingMeta;
  /** "Title: Subtitle", the document's title wherever one line names it. */
  documentTitle: string;
  /** The executive summary with its data points inserted. */
  summary: string;
  /** The summary's sentences, each a takeaway of the executive summary. */
  takeaways: string[];
  /** The summary's first sentence: the short description of PDF Subject, XMP and workbook properties. */
  description: string;
  sections: ResolvedSection[];
  /** In file order, which is the order of the key figures. */
  dataPoints: ResolvedDataPoint[];
  dataPointsById: ReadonlyMap<string, ResolvedDataPoint>;
  /** By number. */
  sources: ResolvedSource[];
  sourcesByKey: ReadonlyMap<string, ResolvedSource>;
  /** How the sources were encoded: for authors, on the workbook's About sheet, never in the reader's text. */
  sourcesEditorialNote?: string;
  /** By number. */
  charts: ResolvedChart[];
  chartsById: ReadonlyMap<string, ResolvedChart>;
  /** By number. */
  tables: ResolvedTable[];
  tablesById: ReadonlyMap<string, ResolvedTable>;
  /** Each embedded image as a data: URL, by its path relative to the briefing folder. */
  imageUrls: ReadonlyMap<string, string>;
  /** Anchors of the contents entries: the sections, then the sources. */
  contents: string[];
}
