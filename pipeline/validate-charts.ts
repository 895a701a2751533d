// Meaning of a chart: its data points exist, it encodes only fields its data has, and Vega-Lite compiles it.
import { diagnostic, type Report } from './diagnostics.js';
import type { ChartDefinition, DataPoint, Source } from './briefing.js';
import type { PathSegment, YamlSource } from './yaml-source.js';
import { closest } from './suggest.js';
import { scanDataPointRefs } from './narrative.js';
import { buildVegaLiteSpec, chartRows, compileChart, CHART_ROW_FIELDS } from './chart-spec.js';

export interface ChartContext {
  dataPointIds: ReadonlySet<string> | undefined;
  /** Undefined when data-points.yaml has errors: the chart cannot be compiled with its data then. */
  dataPointsById: ReadonlyMap<string, DataPoint> | undefined;
  sourcesByKey: ReadonlyMap<string, Source>;
}

export function checkChart(chart: ChartDefinition, yaml: YamlSource, { dataPointIds, dataPointsById, sourcesByKey }: ChartContext, report: Report) {
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
