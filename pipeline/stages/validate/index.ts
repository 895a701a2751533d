// Stage 2, validate: shape (schema.ts) and meaning (references resolve, numbers are sourced and in range).
// Returns every problem at once, each positioned; a briefing comes out only when there is no error.
//
//   shape (validate-shape) → ids → data points, tables (validate-data) → charts (validate-charts)
//   → narrative (validate-narrative)
import { diagnostic, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedBriefing, MarkdownSource } from '../../model/loaded.js';
import type { Briefing, Section, Table } from '../../model/briefing.js';
import { briefingFileSchema, chartFileSchema, dataPointsFileSchema, sourcesFileSchema, tableFileSchema, type BriefingFile } from '../../model/schema.js';
import type { PathSegment, YamlSource } from '../../diagnostics/yaml-source.js';
import { checkShape } from './shape.js';
import { checkDataPoints, checkSources, checkTable, checkUnique } from './data.js';
import { checkChart } from './charts.js';
import { checkNarrative, type ProseField } from './narrative.js';
import { checkChartResources, checkCounts, checkSectionContent, checkYamlContent } from './content.js';
import { LIMITS } from '../../model/limits.js';

export function validateBriefing(loaded: LoadedBriefing): { briefing?: Briefing; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => diagnostics.push(d);

  const yamlFiles = [loaded.briefing, loaded.dataPoints, loaded.sources, ...loaded.tables, ...loaded.charts].filter((y): y is YamlSource => y !== undefined);
  for (const yaml of yamlFiles) checkYamlContent(yaml, report);

  const meta = checkShape(loaded.briefing, briefingFileSchema, report);
  const pointsFile = checkShape(loaded.dataPoints, dataPointsFileSchema, report);
  const sourcesFile = checkShape(loaded.sources, sourcesFileSchema, report);
  const tables = loaded.tables.map((t) => ({ yaml: t, table: checkShape(t, tableFileSchema, report) }));
  const charts = loaded.charts.map((c) => ({ yaml: c, chart: checkShape(c, chartFileSchema, report) }));

  const dataPoints = pointsFile?.dataPoints ?? [];
  const sources = sourcesFile?.sources ?? [];
  const sourcesByKey = new Map(sources.map((s) => [s.key, s]));
  const dataPointsById = new Map(dataPoints.map((p) => [p.id, p]));
  // References are checked against the ids a file declares even when some of its entries are malformed,
  // and not at all when the file itself could not be read, so one mistake does not cascade into dozens.
  const sourceKeys = declaredIds(loaded.sources, 'sources', 'key');
  const dataPointIds = declaredIds(loaded.dataPoints, 'dataPoints', 'id');

  checkUnique('data point', dataPoints.map((p, i) => [p.id, loaded.dataPoints!, ['dataPoints', i, 'id']]), report);
  checkUnique('source', sources.map((s, i) => [s.key, loaded.sources!, ['sources', i, 'key']]), report);
  checkUnique('table', tables.flatMap(({ yaml, table }) => (table ? [[table.id, yaml, ['id']]] : [])), report);
  checkUnique('chart', charts.flatMap(({ yaml, chart }) => (chart ? [[chart.id, yaml, ['id']]] : [])), report);
  if (meta) checkUnique('section', meta.sections.map((s, i) => [s.id, loaded.briefing!, ['sections', i, 'id']]), report);

  if (pointsFile) checkDataPoints(dataPoints, loaded.dataPoints!, sourceKeys, report);
  if (sourcesFile) checkSources(sources, loaded.sources!, meta ? Number(meta.date.slice(0, 4)) : undefined, report);
  for (const { yaml, table } of tables) if (table) checkTable(table, yaml, report);
  checkCounts([
    ...(meta ? [{ what: 'the number of sections', actual: meta.sections.length, limit: LIMITS.sections, yaml: loaded.briefing!, path: ['sections'] }] : []),
    ...(pointsFile ? [{ what: 'the number of data points', actual: dataPoints.length, limit: LIMITS.dataPoints, yaml: loaded.dataPoints!, path: ['dataPoints'] }] : []),
    ...(sourcesFile ? [{ what: 'the number of sources', actual: sources.length, limit: LIMITS.sources, yaml: loaded.sources!, path: ['sources'] }] : []),
    ...tables.flatMap(({ yaml, table }) => (table ? [{ what: `the number of rows of table "${table.id}"`, actual: table.rows.length, limit: LIMITS.tableRows, yaml, path: ['rows'] }] : [])),
    ...(loaded.tables.length > LIMITS.tables ? [{ what: 'the number of tables', actual: loaded.tables.length, limit: LIMITS.tables, yaml: loaded.tables[LIMITS.tables]!, path: [] }] : []),
    ...(loaded.charts.length > LIMITS.charts ? [{ what: 'the number of charts', actual: loaded.charts.length, limit: LIMITS.charts, yaml: loaded.charts[LIMITS.charts]!, path: [] }] : []),
  ], report);
  for (const { yaml, chart } of charts) {
    if (chart) checkChartResources(chart.id, chart.spec, yaml, report);
    if (chart) checkChart(chart, yaml, { dataPointIds, dataPointsById: pointsFile ? dataPointsById : undefined, sourcesByKey }, report);
  }

  const sections = meta ? sectionsOf(meta, loaded.sections) : [];
  for (const section of sections) checkSectionContent(section, report);
  // "Never placed" and "never cited" are only meaningful when every section could be read.
  const narrativeComplete = meta !== undefined && sections.length === meta.sections.length;
  const cited = new Set<string>();
  const fields = [
    ...(meta ? proseFields(loaded.briefing!, [['title'], ['subtitle']], false) : []),
    ...(meta ? proseFields(loaded.briefing!, [['summary']], true) : []),
    ...charts.flatMap(({ yaml, chart }) => (chart ? proseFields(yaml, [['title'], ['caption'], ['alt']], true) : [])),
    ...tables.flatMap(({ yaml, table }) => (table ? proseFields(yaml, [['title'], ['caption'], ...cellPaths(table)], false) : [])),
  ];
  checkNarrative(sections, fields, {
    sourceKeys,
    dataPointIds,
    dataPoints: pointsFile ? dataPoints : undefined,
    placeable: { chart: declaredFigureIds(loaded, 'charts'), table: declaredFigureIds(loaded, 'tables') },
    placeableFiles: {
      chart: new Map(charts.flatMap(({ yaml, chart }) => (chart ? [[chart.id, yaml] as const] : []))),
      table: new Map(tables.flatMap(({ yaml, table }) => (table ? [[table.id, yaml] as const] : []))),
    },
    cited,
    complete: narrativeComplete,
  }, report);
  if (sourcesFile && pointsFile && narrativeComplete) {
    sources.forEach((source, i) => {
      const usedByData = dataPoints.some((p) => p.source === source.key);
      if (!cited.has(source.key) && !usedByData) {
        report(diagnostic('BP202', { file: loaded.sources!.file, ...loaded.sources!.locate(['sources', i, 'key']) }, { key: source.key }));
      }
    });
  }

  // A file that could not be read or parsed was reported by load; its briefing is incomplete either way.
  if (hasErrors(diagnostics) || loaded.failed.length > 0 || !meta || !pointsFile || !sourcesFile) return { diagnostics };
  const { sections: _refs, ...metaFields } = meta;
  return {
    diagnostics,
    briefing: {
      id: loaded.id,
      dir: loaded.dir,
      meta: metaFields,
      sections,
      dataPoints,
      sources,
      ...(sourcesFile.editorialNote ? { sourcesEditorialNote: sourcesFile.editorialNote } : {}),
      tables: tables.map((t) => t.table!),
      charts: charts.map((c) => c.chart!),
      chartSpecs: new Map(charts.map(({ yaml, chart }) => [chart!.id, { file: yaml.file, ...yaml.locate(['spec'], 'key') }])),
      images: loaded.images,
      inputs: loaded.inputs,
    },
  };
}

/** The string ids a YAML list declares, or undefined when the file could not be parsed at all. */
function declaredIds(yaml: YamlSource | undefined, list: string, idField: string): ReadonlySet<string> | undefined {
  if (!yaml) return undefined;
  const items = (yaml.value as Record<string, unknown> | null)?.[list];
  if (!Array.isArray(items)) return new Set();
  return new Set(items.map((item) => (item as Record<string, unknown> | null)?.[idField]).filter((id): id is string => typeof id === 'string'));
}

/** Text fields readers see, whose figures are checked; `interpolated` where the renderer fills in {{dp:id}}. */
function proseFields(yaml: YamlSource, paths: PathSegment[][], interpolated: boolean): ProseField[] {
  return paths.map((path) => ({ yaml, path, interpolated }));
}

function cellPaths(table: Table): PathSegment[][] {
  return table.rows.flatMap((row, i) => Object.keys(row).map((column) => ['rows', i, column]));
}

/** The ids chart or table files declare, or undefined when one of them could not be read or parsed. */
function declaredFigureIds(loaded: LoadedBriefing, folder: 'charts' | 'tables'): ReadonlySet<string> | undefined {
  if (loaded.failed.some((path) => path.startsWith(`${folder}/`))) return undefined;
  return new Set(loaded[folder].flatMap((yaml) => {
    const id = (yaml.value as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  }));
}

function sectionsOf(meta: BriefingFile, markdown: ReadonlyMap<string, MarkdownSource>): Section[] {
  return meta.sections.flatMap((ref) => {
    const source = markdown.get(ref.file);
    return source ? [{ id: ref.id, title: ref.title, file: source.file, relativePath: source.relativePath, markdown: source.text }] : [];
  });
}
