// What every check reads: the loaded files, their contents where their shape is right (shape.ts reports where it
// is not), and the ids and indices the checks share. Built once per briefing, before the first check runs.
import type { Report } from '../../diagnostics/diagnostic.js';
import type { PathSegment, YamlSource } from '../../diagnostics/yaml-source.js';
import type { ChartDefinition, DataPoint, Section, Source, Table } from '../../model/briefing.js';
import type { DataPointEntry } from '../../model/schema.js';
import type { LoadedBriefing, MarkdownSource } from '../../model/loaded.js';
import {
  briefingFileSchema, chartFileSchema, dataPointsFileSchema, sourcesFileSchema, tableFileSchema, type BriefingFile, type SourcesFile,
} from '../../model/schema.js';
import { scanCitations, type Placeable } from '../../narrative/grammar.js';
import { deriveDataPoints, deriveTableCells, type DeriveProblem, type TableDeriveProblem } from './derive.js';
import { checkShape } from './shape.js';

/** A text field of a YAML file that readers see: its placeholders are expanded, its figures checked. */
export interface ProseField {
  yaml: YamlSource;
  path: PathSegment[];
  /** The sources a figure written here may state: a table's, or those of a chart's data points; none elsewhere. */
  sources: readonly string[];
}

export interface ValidationContext {
  loaded: LoadedBriefing;
  report: Report;
  /** Every YAML file that parsed. */
  yamlFiles: YamlSource[];
  /** briefing.yaml, data-points.yaml and sources.yaml when their shape is right. */
  meta?: BriefingFile;
  /** data-points.yaml as written, when its shape is right. */
  dataPointsFile?: { dataPoints: DataPointEntry[] };
  /** What deriving values found wrong (checks/derived.ts reports it). */
  deriveProblems: DeriveProblem[];
  sourcesFile?: SourcesFile;
  /** Every table and chart file, with its content when its shape is right. */
  /** Tables with their derived cells computed, and the stated cells that disagree with their derivation. */
  tables: { yaml: YamlSource; table?: Table; deriveProblems: TableDeriveProblem[] }[];
  charts: { yaml: YamlSource; chart?: ChartDefinition }[];
  /** Every data point with its value, stated or derived (NaN where it cannot be derived). */
  dataPoints: DataPoint[];
  sources: Source[];
  dataPointsById: ReadonlyMap<string, DataPoint>;
  sourcesByKey: ReadonlyMap<string, Source>;
  /**
   * Ids the files declare, even where some of their entries are malformed, and undefined where the file itself
   * could not be read: references are checked against these, so one mistake does not cascade into dozens.
   */
  sourceKeys: ReadonlySet<string> | undefined;
  dataPointIds: ReadonlySet<string> | undefined;
  placeable: Record<Placeable, ReadonlySet<string> | undefined>;
  /** The sections briefing.yaml lists that could be read, in reading order. */
  sections: Section[];
  /** Every section could be read: only then do "never placed" and "never cited" mean something. */
  narrativeComplete: boolean;
  /** Source keys the sections cite. */
  cited: ReadonlySet<string>;
  /** Text fields of the YAML files that readers see. */
  proseFields: ProseField[];
  /** Where the sections state a data point (a bound figure or a {{dp:id}}): the figure check fills it in. */
  mentions: { section: number; offset: number; id: string }[];
}

export function createContext(loaded: LoadedBriefing, report: Report): ValidationContext {
  const meta = checkShape(loaded.briefing, briefingFileSchema, report);
  const dataPointsFile = checkShape(loaded.dataPoints, dataPointsFileSchema, report);
  const sourcesFile = checkShape(loaded.sources, sourcesFileSchema, report);
  const tables = loaded.tables.map((yaml) => {
    const table = checkShape(yaml, tableFileSchema, report);
    if (!table) return { yaml, deriveProblems: [] };
    const derived = deriveTableCells(table);
    return { yaml, table: derived.table, deriveProblems: derived.problems };
  });
  const charts = loaded.charts.map((yaml) => ({ yaml, chart: checkShape(yaml, chartFileSchema, report) }));
  const { points: dataPoints, problems: deriveProblems } = deriveDataPoints(dataPointsFile?.dataPoints ?? []);
  const dataPointsById = new Map(dataPoints.map((p) => [p.id, p]));
  const chartSources = (chart: ChartDefinition) => [...new Set(chart.dataPoints.flatMap((id) => dataPointsById.get(id)?.source ?? []))];
  const sources = sourcesFile?.sources ?? [];
  const sections = meta ? sectionsOf(meta, loaded.sections) : [];
  return {
    loaded,
    report,
    yamlFiles: [loaded.briefing, loaded.dataPoints, loaded.sources, ...loaded.tables, ...loaded.charts].filter((y): y is YamlSource => y !== undefined),
    meta,
    dataPointsFile,
    deriveProblems,
    sourcesFile,
    tables,
    charts,
    dataPoints,
    sources,
    dataPointsById,
    sourcesByKey: new Map(sources.map((s) => [s.key, s])),
    sourceKeys: declaredIds(loaded.sources, 'sources', 'key'),
    dataPointIds: declaredIds(loaded.dataPoints, 'dataPoints', 'id'),
    placeable: { chart: declaredFigureIds(loaded, 'charts'), table: declaredFigureIds(loaded, 'tables') },
    sections,
    narrativeComplete: meta !== undefined && sections.length === meta.sections.length,
    cited: new Set(sections.flatMap((section) => scanCitations(section.markdown).map((citation) => citation.key))),
    mentions: [],
    proseFields: [
      ...(meta ? proseFields(loaded.briefing!, [['title'], ['subtitle'], ['summary']], []) : []),
      ...charts.flatMap(({ yaml, chart }) => (chart ? proseFields(yaml, [['title'], ['caption'], ['alt']], chartSources(chart)) : [])),
      ...tables.flatMap(({ yaml, table }) => (table ? proseFields(yaml, [['title'], ['caption'], ...textCellPaths(table)], table.source ?? []) : [])),
    ],
  };
}

/** The string ids a YAML list declares, or undefined when the file could not be parsed at all. */
function declaredIds(yaml: YamlSource | undefined, list: string, idField: string): ReadonlySet<string> | undefined {
  if (!yaml) return undefined;
  const items = (yaml.value as Record<string, unknown> | null)?.[list];
  if (!Array.isArray(items)) return new Set();
  return new Set(items.map((item) => (item as Record<string, unknown> | null)?.[idField]).filter((id): id is string => typeof id === 'string'));
}

/** The ids chart or table files declare, or undefined when one of them could not be read or parsed. */
function declaredFigureIds(loaded: LoadedBriefing, folder: 'charts' | 'tables'): ReadonlySet<string> | undefined {
  if (loaded.failed.some((path) => path.startsWith(`${folder}/`))) return undefined;
  return new Set(loaded[folder].flatMap((yaml) => {
    const id = (yaml.value as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  }));
}

function proseFields(yaml: YamlSource, paths: PathSegment[][], sources: readonly string[]): ProseField[] {
  return paths.map((path) => ({ yaml, path, sources }));
}

/** The cells of a table's text columns (and of columns it does not declare, which checks/tables.ts reports). */
function textCellPaths(table: Table): PathSegment[][] {
  const typed = new Map(table.columns.map((c) => [c.id, c.type]));
  return table.rows.flatMap((row, i) => Object.keys(row).filter((column) => typed.get(column) === 'text' && typeof row[column] === 'string').map((column) => ['rows', i, column]));
}

function sectionsOf(meta: BriefingFile, markdown: ReadonlyMap<string, MarkdownSource>): Section[] {
  return meta.sections.flatMap((ref) => {
    const source = markdown.get(ref.file);
    return source ? [{ id: ref.id, title: ref.title, file: source.file, relativePath: source.relativePath, markdown: source.text }] : [];
  });
}
