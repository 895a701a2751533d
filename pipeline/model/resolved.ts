// The resolved briefing: everything the renderers share, derived once after validation by the resolve stage.
// Charts, HTML, PDF, workbook and the manifest's digest read it and recompute nothing: numbering, indices and the
// texts with their data points inserted are the same in every output because they exist once.
import type { TopLevelSpec } from 'vega-lite';
import type { Location } from '../diagnostics/diagnostic.js';
import type { Briefing, BriefingMeta, DataPoint, Section, Source, Table } from './briefing.js';
import type { ChartRow } from './chart-spec.js';

export interface ResolvedDataPoint extends DataPoint {
  /** As every output prints it: "$4.88 million", "+10%". */
  formatted: string;
  /** With its qualifier, as prose says it: "over 30%". */
  inProse: string;
}

/** A key-figure card: one value, a change between two ("277 → 258 days", "−19 days"), or a value with its change. */
export interface ResolvedKeyFigure {
  /** The data points it shows, the main one first. */
  ids: string[];
  qualifier: string;
  value: string;
  /** The signed change shown beside the value, when the card has one. */
  change?: string;
  label: string;
  period: string;
  /** The sources of its data points, once each, by number. */
  sources: { number: number; publisher: string; year: string }[];
}

/** A table cell as every output shows it; `stored` and `numberFormat` are the workbook's number, when it is one. */
export interface ResolvedCell {
  text: string;
  numeric: boolean;
  stored?: number;
  numberFormat?: string;
}

export interface ResolvedSource extends Source {
  /** Its date as readers see it: "2024", "July 2024" or "31 July 2024". */
  dateLabel: string;
  /** Its number: in order of first citation; sources only data points use follow in file order. */
  number: number;
  /** The data points it is the source of, in file order. */
  dataPointIds: string[];
  /** Titles of the sections citing it, in reading order. */
  citedIn: string[];
}

interface ResolvedSection extends Section {
  /** 1-based, in reading order. */
  number: number;
  anchor: string;
}

export interface ResolvedTable {
  /** "Table N", in order of placement; unplaced tables follow in file order. */
  number: number;
  anchor: string;
  /** As validated, derived cells computed. */
  table: Table;
  /** Title and caption with their placeholders expanded. */
  title: string;
  caption: string;
  /** "Source: 10Guards (2024)." from the table's sources, or empty. */
  sourceLine: string;
  columns: { id: string; label: string; numeric: boolean }[];
  rows: ResolvedCell[][];
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
  /** The metadata with every text's placeholders expanded: what any output shows, metadata included. */
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
  /** In file order. */
  dataPoints: ResolvedDataPoint[];
  /** The cards briefing.yaml lists, or by default the first four data points the sections mention. */
  keyFigures: ResolvedKeyFigure[];
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
