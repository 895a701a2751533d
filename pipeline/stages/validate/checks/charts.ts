// A chart draws existing data points (BP304), sets no data of its own (BP403), encodes only fields its data has
// (BP402), names real mark types and compiles (BP401), and Vega-Lite does not warn about it (BP404). The
// compiler's own words are reported, at the spec. Every expression of the compiled Vega spec must parse, as the
// build parses them (BP401): Vega-Lite writes titles into expressions without escaping a backslash.
import { parseExpression } from 'vega-expression';
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import type { PathSegment, YamlSource } from '../../../diagnostics/yaml-source.js';
import { closest } from '../../../diagnostics/suggest.js';
import type { ChartDefinition } from '../../../model/briefing.js';
import { buildVegaLiteSpec, chartRows, compileChart, CHART_ROW_FIELDS } from '../../../model/chart-spec.js';
import { formatValueInProse } from '../../../model/units.js';
import { expandPlaceholders } from '../../../narrative/grammar.js';
import type { ValidationContext } from '../context.js';

/** Vega-Lite's mark types (its schema's Mark and CompositeMark); a test keeps the list equal to the schema. */
export const VEGA_LITE_MARKS = [
  'arc', 'area', 'bar', 'image', 'line', 'point', 'rect', 'rule', 'text', 'tick', 'trail', 'circle', 'square', 'geoshape',
  'boxplot', 'errorbar', 'errorband',
] as const;

export function checkCharts(context: ValidationContext): void {
  for (const { yaml, chart } of context.charts) if (chart) checkChart(chart, yaml, context);
}

function checkChart(chart: ChartDefinition, yaml: YamlSource, { dataPointIds, dataPointsFile, dataPointsById, sourcesByKey, report }: ValidationContext): void {
  const at = (path: PathSegment[], want?: 'key' | 'value') => ({ file: yaml.file, ...yaml.locate(path, want) });
  let complete = true;
  chart.dataPoints.forEach((id, i) => {
    if (dataPointIds === undefined || dataPointIds.has(id)) return;
    complete = false;
    const suggestion = closest(id, dataPointIds);
    report(diagnostic('BP304', at(['dataPoints', i]), { id, ...(suggestion ? { suggestion } : {}) }));
  });
  if ('data' in chart.spec) {
    report(diagnostic('BP403', at(['spec', 'data'], 'key'), { chart: chart.id }));
    return;
  }
  // A pivot makes a field of each value of its field: those values are in the rows the chart is given.
  const rows = chartRows(chart, dataPointsById, sourcesByKey);
  const pivoted = pivotFields(chart.spec).flatMap((field) => rows.map((row) => String(row[field as keyof typeof row] ?? '')));
  const known = new Set<string>([...CHART_ROW_FIELDS, ...derivedFields(chart.spec), ...pivoted]);
  for (const { field, path } of encodedFields(chart.spec, ['spec'])) {
    if (!known.has(field)) report(diagnostic('BP402', at(path), { chart: chart.id, field }));
  }
  // The compiler stumbles over an unknown mark with a message about something else; name the mark instead.
  const badMarks = marks(chart.spec, ['spec']).filter(({ type }) => !(VEGA_LITE_MARKS as readonly string[]).includes(type));
  for (const { type, path } of badMarks) {
    const suggestion = closest(type, VEGA_LITE_MARKS);
    const reason = `"${type}" is not a Vega-Lite mark type${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
    report(diagnostic('BP401', at(path), { chart: chart.id, reason }));
  }
  // Without a valid data-points.yaml the chart has no data to be compiled with.
  if (!complete || !dataPointsFile || badMarks.length > 0) return;
  // Judged as the author wrote it: the value labels briefpress adds to bar charts are briefpress's business.
  const description = expandPlaceholders(chart.alt, (id) => {
    const point = dataPointsById.get(id);
    return point && formatValueInProse(point);
  }, () => undefined);
  const spec = buildVegaLiteSpec(chart, rows, description, { valueLabels: false });
  const verdict = compilerVerdict(spec);
  if ('error' in verdict) {
    // An expression Vega-Lite wrote from the author's text: the first text with a backslash is the likely culprit.
    const where = verdict.inExpression ? backslashes(chart.spec, ['spec'])[0] : undefined;
    return report(diagnostic('BP401', where ? at(where) : at(['spec'], 'key'), { chart: chart.id, reason: verdict.error }));
  }
  for (const reason of verdict.warnings) report(diagnostic('BP404', at(['spec'], 'key'), { chart: chart.id, reason }));
}

/** What Vega-Lite says about a spec: the error that stops it, or its warnings. */
type Verdict = { error: string; inExpression?: boolean } | { warnings: string[] };

/**
 * Compiling takes Vega-Lite ~3 ms a chart, most of what validating a briefing costs, and the same specs come back
 * again and again: `watch` validates on every save, and most saves leave the charts alone. So the verdicts on the
 * latest specs are kept, by the spec's JSON (compiling is a pure function of it).
 */
const verdicts = new Map<string, Verdict>();
const VERDICTS_KEPT = 256;

function compilerVerdict(spec: Parameters<typeof compileChart>[0]): Verdict {
  const key = JSON.stringify(spec);
  const known = verdicts.get(key);
  if (known) return known;
  const warnings = new Set<string>();
  let verdict: Verdict;
  try {
    const unreadable = unparsedExpression(compileChart(spec, (message) => warnings.add(message)));
    verdict = unreadable ? { error: unreadable, inExpression: true } : { warnings: [...warnings] };
  } catch (error) {
    verdict = { error: (error as Error).message };
  }
  if (verdicts.size >= VERDICTS_KEPT) verdicts.delete(verdicts.keys().next().value!);
  verdicts.set(key, verdict);
  return verdict;
}

/** Keys under which a compiled Vega spec holds an expression. */
const EXPRESSION_KEYS = new Set(['signal', 'expr', 'update', 'test']);

/** Why the first expression of a compiled Vega spec that does not parse fails, or undefined. */
function unparsedExpression(node: unknown): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && EXPRESSION_KEYS.has(key)) {
      try {
        parseExpression(value);
      } catch {
        return `Vega-Lite makes an expression of the chart's text that Vega cannot read (${value.slice(0, 80)}…): a backslash in a title or label?`;
      }
    }
    const inner = unparsedExpression(value);
    if (inner) return inner;
  }
  return undefined;
}

/** The paths of the spec's strings that hold a backslash. */
function backslashes(node: unknown, path: PathSegment[]): PathSegment[][] {
  if (typeof node === 'string') return node.includes('\\') ? [path] : [];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => backslashes(value, [...path, Array.isArray(node) ? Number(key) : key]));
}

/** Field names that transforms create (`as`, flatten, fold, …), anywhere in the spec. */
function derivedFields(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(derivedFields);
  if (!node || typeof node !== 'object') return [];
  const object = node as Record<string, unknown>;
  // A fold without `as` names its fields "key" and "value".
  const folded = 'fold' in object && !('as' in object) ? ['key', 'value'] : [];
  const own = [object.as, object.flatten].flat().filter((v): v is string => typeof v === 'string');
  return [...own, ...folded, ...Object.values(object).flatMap(derivedFields)];
}

/** The fields `pivot` transforms spread into columns, one per value. */
function pivotFields(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(pivotFields);
  if (!node || typeof node !== 'object') return [];
  const object = node as Record<string, unknown>;
  return [...(typeof object.pivot === 'string' ? [object.pivot] : []), ...Object.values(object).flatMap(pivotFields)];
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

/** Every mark type the spec names (`mark: bar` or `mark: { type: bar }`), with its path in the chart file. */
function marks(node: unknown, path: PathSegment[]): { type: string; path: PathSegment[] }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => marks(item, [...path, i]));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => {
    if (key === 'mark' && typeof value === 'string') return [{ type: value, path: [...path, key] }];
    const type = (value as { type?: unknown } | null)?.type;
    if (key === 'mark' && typeof type === 'string') return [{ type, path: [...path, key, 'type'] }];
    return marks(value, [...path, key]);
  });
}
