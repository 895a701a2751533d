// What every check reads: the loaded files, their contents where their shape is right (shape.ts reports where it
// is not), and the ids and indices the checks share. Built once per briefing, before the first check runs.
import type { Report } from '../../diagnostics/diagnostic.js';
import type { PathSegment, YamlSource } from '../../diagnostics/yaml-source.js';
import type { ChartDefinition, DataPoint, Section, Source, Table } from '../../model/briefing.js';
import type { LoadedBriefing, MarkdownSource } from '../../model/loaded.js';
import {
  briefingFileSchema, chartFileSchema, dataPointsFileSchema, sourcesFileSchema, tableFileSchema, type BriefingFile, type SourcesFile,
} from '../../model/schema.js';
import { scanCitations, type Placeable } from '../../narrative/grammar.js';
import { checkShape } from './shape.js';

/** A text field of a YAML file that readers see: its figures are checked, and its `{{dp:…}}` when it has them. */
export interface ProseField {
  yaml: YamlSource;
  path: PathSegment[];
  /** The renderer fills in `{{dp:id}}` here. */
  interpolated: boolean;
}

export interface ValidationContext {
  loaded: LoadedBriefing;
  report: Report;
  /** Every YAML file that parsed. */
  yamlFiles: YamlSource[];
  /** briefing.yaml, data-points.yaml and sources.yaml when their shape is right. */
  meta?: BriefingFile;
  dataPointsFile?: { dataPoints: DataPoint[] };
  sourcesFile?: SourcesFile;
  /** Every table and chart file, with its content when its shape is right. */
  tables: { yaml: YamlSource; table?: Table }[];
  charts: { yaml: YamlSource; chart?: ChartDefinition }[];
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
}

export function createContext(loaded: LoadedBriefing, report: Report): ValidationContext {
  const meta = checkShape(loaded.briefing, briefingFileSchema, report);
  const dataPointsFile = checkShape(loaded.dataPoints, dataPointsFileSchema, report);
  const sourcesFile = checkShape(loaded.sources, sourcesFileSchema, report);
  const tables = loaded.tables.map((yaml) => ({ yaml, table: checkShape(yaml, tableFileSchema, report) }));
  const charts = loaded.charts.map((yaml) => ({ yaml, chart: checkShape(yaml, chartFileSchema, report) }));
  const dataPoints = dataPointsFile?.dataPoints ?? [];
  const sources = sourcesFile?.sources ?? [];
  const sections = meta ? sectionsOf(meta, loaded.sections) : [];
  return {
    loaded,
    report,
    yamlFiles: [loaded.briefing, loaded.dataPoints, loaded.sources, ...loaded.tables, ...loaded.charts].filter((y): y is YamlSource => y !== undefined),
    meta,
    dataPointsFile,
    sourcesFile,
    tables,
    charts,
    dataPoints,
    sources,
    dataPointsById: new Map(dataPoints.map((p) => [p.id, p])),
    sourcesByKey: new Map(sources.map((s) => [s.key, s])),
    sourceKeys: declaredIds(loaded.sources, 'sources', 'key'),
    dataPointIds: declaredIds(loaded.dataPoints, 'dataPoints', 'id'),
    placeable: { chart: declaredFigureIds(loaded, 'charts'), table: declaredFigureIds(loaded, 'tables') },
    sections,
    narrativeComplete: meta !== undefined && sections.length === meta.sections.length,
    cited: new Set(sections.flatMap((section) => scanCitations(section.markdown).map((citation) => citation.key))),
    proseFields: [
      ...(meta ? proseFields(loaded.briefing!, [['title'], ['subtitle']], false) : []),
      ...(meta ? proseFields(loaded.briefing!, [['summary']], true) : []),
      ...charts.flatMap(({ yaml, chart }) => (chart ? proseFields(yaml, [['title'], ['caption'], ['alt']], true) : [])),
      ...tables.flatMap(({ yaml, table }) => (table ? proseFields(yaml, [['title'], ['caption'], ...cellPaths(table)], false) : [])),
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

function proseFields(yaml: YamlSource, paths: PathSegment[][], interpolated: boolean): ProseField[] {
  return paths.map((path) => ({ yaml, path, interpolated }));
}

function cellPaths(table: Table): PathSegment[][] {
  return table.rows.flatMap((row, i) => Object.keys(row).map((column) => ['rows', i, column]));
}

function sectionsOf(meta: BriefingFile, markdown: ReadonlyMap<string, MarkdownSource>): Section[] {
  return meta.sections.flatMap((ref) => {
    const source = markdown.get(ref.file);
    return source ? [{ id: ref.id, title: ref.title, file: source.file, relativePath: source.relativePath, markdown: source.text }] : [];
  });
}
