// Stage 2, validate: shape (schema.ts) and meaning (references resolve, numbers are sourced and in range).
// Returns every problem at once, each positioned; a briefing comes out only when there is no error.
import type { z } from 'zod';
import { diagnostic, hasErrors, positionAt, type Diagnostic } from './diagnostics.js';
import type { LoadedBriefing, MarkdownSource } from './load.js';
import type { Briefing, ChartDefinition, DataPoint, Section, Source, Table } from './briefing.js';
import {
  briefingFileSchema, chartFileSchema, dataPointsFileSchema, sourcesFileSchema, tableFileSchema,
  type BriefingFile, type SourcesFile,
} from './schema.js';
import type { PathSegment, YamlSource } from './yaml-source.js';
import { closest } from './suggest.js';
import { scanCitations, scanDataPointRefs, scanDirectives } from './narrative.js';
import { buildVegaLiteSpec, chartRows, compileChart, CHART_ROW_FIELDS } from './chart-spec.js';

export function validateBriefing(loaded: LoadedBriefing): { briefing?: Briefing; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => diagnostics.push(d);

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
  for (const { yaml, table } of tables) if (table) checkTable(table, yaml, report);
  for (const { yaml, chart } of charts) {
    if (chart) checkChart(chart, yaml, { dataPointIds, dataPointsById: pointsFile ? dataPointsById : undefined, sourcesByKey }, report);
  }

  const sections = meta ? sectionsOf(meta, loaded.sections) : [];
  // "Never placed" and "never cited" are only meaningful when every section could be read.
  const narrativeComplete = meta !== undefined && sections.length === meta.sections.length;
  const cited = new Set<string>();
  checkNarrative(sections, {
    sourceKeys,
    dataPointIds,
    figures: { chart: charts.flatMap(({ chart }) => (chart ? [chart.id] : [])), table: tables.flatMap(({ table }) => (table ? [table.id] : [])) },
    figureFiles: {
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

  if (hasErrors(diagnostics) || !meta || !pointsFile || !sourcesFile) return { diagnostics };
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
      inputs: loaded.inputs,
    },
  };
}

type Report = (d: Diagnostic) => void;

/** The string ids a YAML list declares, or undefined when the file could not be parsed at all. */
function declaredIds(yaml: YamlSource | undefined, list: string, idField: string): ReadonlySet<string> | undefined {
  if (!yaml) return undefined;
  const items = (yaml.value as Record<string, unknown> | null)?.[list];
  if (!Array.isArray(items)) return new Set();
  return new Set(items.map((item) => (item as Record<string, unknown> | null)?.[idField]).filter((id): id is string => typeof id === 'string'));
}

function checkShape<S extends z.ZodType>(yaml: YamlSource | undefined, schema: S, report: Report): z.output<S> | undefined {
  if (!yaml) return undefined;
  const result = schema.safeParse(yaml.value, { reportInput: true });
  if (result.success) return result.data;
  // A misspelt field shows once, as unknown with its suggestion, not again as the real one missing.
  const suggested = new Set<string>();
  for (const issue of result.error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    for (const key of issue.keys) {
      const suggestion = closest(key, knownKeys(schema, path));
      if (suggestion) suggested.add([...path, suggestion].join('.'));
    }
  }
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    const field = String(path.filter((p) => typeof p === 'string').at(-1) ?? '(top level)');
    const at = (p: readonly PathSegment[], want?: 'key' | 'value') => ({ file: yaml.file, ...yaml.locate(p, want) });
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      for (const key of issue.keys) {
        const suggestion = closest(key, known);
        report(diagnostic('BP103', at([...path, key], 'key'), { field: key, ...(suggestion ? { suggestion } : {}) }));
      }
    } else if (issue.input === undefined && issue.code !== 'custom') {
      if (suggested.has(path.join('.'))) continue;
      report(diagnostic('BP101', at(path.slice(0, -1), 'key'), { field }));
    } else if (issue.code === 'invalid_type') {
      report(diagnostic('BP102', at(path), { field, expected: describeExpected(issue.expected), actual: describeValue(issue.input) }));
    } else {
      report(diagnostic('BP104', at(path), { field, reason: issue.message.startsWith('must') ? issue.message : `is invalid: ${issue.message}` }));
    }
  }
  return undefined;
}

/** The field names a schema allows at `path`, for "did you mean". */
function knownKeys(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let def = (schema as unknown as { def: Record<string, unknown> }).def;
  const unwrap = () => {
    while (def && ['optional', 'default', 'nullable', 'pipe'].includes(def.type as string)) {
      def = ((def.innerType ?? def.in) as { def: Record<string, unknown> }).def;
    }
  };
  for (const segment of path) {
    unwrap();
    if (def?.type === 'object') def = ((def.shape as Record<string, { def: Record<string, unknown> }>)[segment as string])?.def as Record<string, unknown>;
    else if (def?.type === 'array') def = (def.element as { def: Record<string, unknown> }).def;
    else return [];
  }
  unwrap();
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

function describeExpected(expected: string): string {
  return ({ string: 'text', number: 'a number', array: 'a list', object: 'a mapping of fields', int: 'a whole number' } as Record<string, string>)[expected] ?? expected;
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping of fields';
  if (typeof value === 'string') return `text "${value.length > 30 ? `${value.slice(0, 30)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

function checkUnique(kind: string, entries: [string, YamlSource, PathSegment[]][], report: Report) {
  const seen = new Set<string>();
  for (const [id, yaml, path] of entries) {
    if (seen.has(id)) report(diagnostic('BP105', { file: yaml.file, ...yaml.locate(path) }, { kind, id }));
    seen.add(id);
  }
}

function checkDataPoints(points: DataPoint[], yaml: YamlSource, sourceKeys: ReadonlySet<string> | undefined, report: Report) {
  points.forEach((point, i) => {
    const at = (field: string) => ({ file: yaml.file, ...yaml.locate(['dataPoints', i, ...field.split('.')]) });
    if (sourceKeys && !sourceKeys.has(point.source)) {
      const suggestion = closest(point.source, sourceKeys);
      report(diagnostic('BP301', at('source'), { id: point.id, key: point.source, ...(suggestion ? { suggestion } : {}) }));
    }
    if (point.unit === 'percent' && (point.value < 0 || point.value > 100)) report(diagnostic('BP302', at('value'), { id: point.id, value: point.value }));
    if (point.period.end < point.period.start) report(diagnostic('BP303', at('period.end'), { id: point.id }));
  });
}

function checkTable(table: Table, yaml: YamlSource, report: Report) {
  const columns = table.columns.map((c) => c.id);
  if (!columns.includes(table.key)) {
    report(diagnostic('BP104', { file: yaml.file, ...yaml.locate(['key']) }, { field: 'key', reason: `must name one of the columns (${columns.join(', ')})` }));
  }
  table.rows.forEach((row, i) => {
    for (const column of columns) {
      if (!(column in row)) report(diagnostic('BP501', { file: yaml.file, ...yaml.locate(['rows', i]) }, { table: table.id, row: i + 1, column }));
    }
    for (const cell of Object.keys(row)) {
      if (!columns.includes(cell)) report(diagnostic('BP503', { file: yaml.file, ...yaml.locate(['rows', i, cell], 'key') }, { table: table.id, column: cell }));
    }
    if (columns.includes(table.key) && table.key in row && row[table.key]!.trim() === '') {
      report(diagnostic('BP502', { file: yaml.file, ...yaml.locate(['rows', i, table.key]) }, { table: table.id, row: i + 1, column: table.key }));
    }
  });
}

interface ChartContext {
  dataPointIds: ReadonlySet<string> | undefined;
  /** Undefined when data-points.yaml has errors: the chart cannot be compiled with its data then. */
  dataPointsById: ReadonlyMap<string, DataPoint> | undefined;
  sourcesByKey: ReadonlyMap<string, Source>;
}

function checkChart(chart: ChartDefinition, yaml: YamlSource, { dataPointIds, dataPointsById, sourcesByKey }: ChartContext, report: Report) {
  const at = (path: PathSegment[], want?: 'key' | 'value') => ({ file: yaml.file, ...yaml.locate(path, want) });
  const unknown = (id: string) => dataPointIds !== undefined && !dataPointIds.has(id);
  const suggest = (id: string) => {
    const suggestion = dataPointIds && closest(id, dataPointIds);
    return suggestion ? { suggestion } : {};
  };
  let complete = true;
  chart.dataPoints.forEach((id, i) => {
    if (!unknown(id)) return;
    complete = false;
    report(diagnostic('BP304', at(['dataPoints', i]), { id, ...suggest(id) }));
  });
  for (const field of ['title', 'caption', 'alt'] as const) {
    for (const ref of scanDataPointRefs(chart[field])) {
      if (unknown(ref.id)) report(diagnostic('BP304', at([field]), { id: ref.id, ...suggest(ref.id) }));
    }
  }
  if ('data' in chart.spec) {
    report(diagnostic('BP403', at(['spec', 'data'], 'key'), { chart: chart.id }));
    return;
  }
  const known = new Set<string>([...CHART_ROW_FIELDS, ...derivedFields(chart.spec)]);
  for (const { field, path } of encodedFields(chart.spec, ['spec'])) {
    if (!known.has(field)) report(diagnostic('BP402', at(path), { chart: chart.id, field }));
  }
  if (!complete || !dataPointsById) return;
  try {
    compileChart(buildVegaLiteSpec(chart, chartRows(chart, dataPointsById, sourcesByKey), dataPointsById));
  } catch (error) {
    report(diagnostic('BP401', at(['spec'], 'key'), { chart: chart.id, reason: (error as Error).message }));
  }
}

/** Field names that transforms create (`as`, flatten, fold, …), anywhere in the spec. */
function derivedFields(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(derivedFields);
  if (!node || typeof node !== 'object') return [];
  const object = node as Record<string, unknown>;
  const own = [object.as, object.flatten].flat().filter((v): v is string => typeof v === 'string');
  return [...own, ...Object.values(object).flatMap(derivedFields)];
}

/** Every `field` an `encoding` names, with its path in the chart file. */
function encodedFields(node: unknown, path: PathSegment[]): { field: string; path: PathSegment[] }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => encodedFields(item, [...path, i]));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => {
    if (key === 'encoding' && value && typeof value === 'object') {
      return Object.entries(value as Record<string, unknown>).flatMap(([channel, def]) => {
        const field = (def as { field?: unknown } | null)?.field;
        return typeof field === 'string' ? [{ field, path: [...path, key, channel, 'field'] }] : [];
      });
    }
    return encodedFields(value, [...path, key]);
  });
}

function sectionsOf(meta: BriefingFile, markdown: ReadonlyMap<string, MarkdownSource>): Section[] {
  return meta.sections.flatMap((ref) => {
    const source = markdown.get(ref.file);
    return source ? [{ id: ref.id, title: ref.title, file: source.file, markdown: source.text }] : [];
  });
}

interface NarrativeContext {
  sourceKeys: ReadonlySet<string> | undefined;
  dataPointIds: ReadonlySet<string> | undefined;
  figures: Record<'chart' | 'table', string[]>;
  figureFiles: Record<'chart' | 'table', ReadonlyMap<string, YamlSource>>;
  cited: Set<string>;
  complete: boolean;
}

function checkNarrative(sections: Section[], context: NarrativeContext, report: Report) {
  const placed = { chart: new Set<string>(), table: new Set<string>() };
  for (const section of sections) {
    const at = (offset: number) => ({ file: section.file, ...positionAt(section.markdown, offset) });
    for (const citation of scanCitations(section.markdown)) {
      context.cited.add(citation.key);
      if (!context.sourceKeys || context.sourceKeys.has(citation.key)) continue;
      const suggestion = closest(citation.key, context.sourceKeys);
      report(diagnostic('BP201', at(citation.offset), { key: citation.key, ...(suggestion ? { suggestion } : {}) }));
    }
    for (const ref of scanDataPointRefs(section.markdown)) {
      if (!context.dataPointIds || context.dataPointIds.has(ref.id)) continue;
      const suggestion = closest(ref.id, context.dataPointIds);
      report(diagnostic('BP304', at(ref.offset), { id: ref.id, ...(suggestion ? { suggestion } : {}) }));
    }
    for (const directive of scanDirectives(section.markdown)) {
      const known = context.figures[directive.kind];
      if (!known.includes(directive.id)) {
        const suggestion = closest(directive.id, known);
        report(diagnostic('BP601', at(directive.offset), { kind: directive.kind, id: directive.id, ...(suggestion ? { suggestion } : {}) }));
      } else if (placed[directive.kind].has(directive.id)) {
        report(diagnostic('BP603', at(directive.offset), { kind: directive.kind, id: directive.id }));
      }
      placed[directive.kind].add(directive.id);
    }
  }
  if (!context.complete) return;
  for (const kind of ['chart', 'table'] as const) {
    for (const id of context.figures[kind]) {
      const yaml = context.figureFiles[kind].get(id);
      if (!placed[kind].has(id) && yaml) report(diagnostic('BP602', { file: yaml.file, ...yaml.locate(['id']) }, { kind, id }));
    }
  }
}
