// From a chart definition to a compiled Vega spec: the briefing's data points become the chart's only data,
// and one theme (theme/chart.ts) gives every chart the document's fonts, sizes and palette. Validation compiles
// the spec as its author wrote it; the resolve stage builds the one the charts stage draws.
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Spec as VegaSpec } from 'vega';
import { CHART_THEME } from '../theme/chart.js';
import type { ChartDefinition, DataPoint, Source } from './briefing.js';
import { formatValue } from './units.js';

/** The fields each data row carries; a spec may encode these and whatever its transforms derive. */
export const CHART_ROW_FIELDS = ['id', 'label', 'value', 'formatted', 'unit', 'periodLabel', 'periodStart', 'periodEnd', 'source', 'publisher'] as const;

export type ChartRow = Record<(typeof CHART_ROW_FIELDS)[number], string | number>;

/** A chart as the charts stage draws it: SVG only; the workbook rasterizes what it needs. */
export interface ChartSvg {
  id: string;
  svg: string;
  width: number;
  height: number;
}

export function chartRows(chart: ChartDefinition, dataPointsById: ReadonlyMap<string, DataPoint>, sourcesByKey: ReadonlyMap<string, Source>): ChartRow[] {
  return chart.dataPoints.flatMap((id) => {
    const point = dataPointsById.get(id);
    if (!point) return [];
    return [{
      id: point.id, label: point.label, value: point.value, formatted: formatValue(point), unit: point.unit,
      // A period the source gives no dates for has empty ones.
      periodLabel: point.period.label, periodStart: point.period.start ?? '', periodEnd: point.period.end ?? '',
      source: point.source, publisher: sourcesByKey.get(point.source)?.publisher ?? point.source,
    }];
  });
}

/**
 * Bars get their value printed at their end, as the source states it ("5.98%"), so readers need not estimate
 * from the axis: above a vertical bar, right of a horizontal one.
 */
function withValueLabels(spec: Record<string, unknown>): Record<string, unknown> {
  const mark = spec.mark as { type?: string } | string | undefined;
  const type = typeof mark === 'string' ? mark : mark?.type;
  if (type !== 'bar' || !spec.encoding || 'layer' in spec) return spec;
  const { mark: _mark, encoding, ...rest } = spec;
  const horizontal = ((encoding as Record<string, { type?: string }>).x?.type) === 'quantitative';
  const label = horizontal ? { align: 'left', baseline: 'middle', dx: 5 } : { baseline: 'bottom', dy: -4 };
  return {
    ...rest,
    encoding,
    layer: [
      { mark },
      { mark: { type: 'text', fontWeight: 600, ...label }, encoding: { text: { field: 'formatted', type: 'nominal' } } },
    ],
  };
}

/**
 * `description`: the text alternative, data points inserted. `valueLabels: false` gives the spec as its author
 * wrote it, which is what validation judges.
 */
export function buildVegaLiteSpec(chart: ChartDefinition, rows: ChartRow[], description: string, { valueLabels = true } = {}): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(valueLabels ? withValueLabels(chart.spec) : chart.spec),
    description,
    data: { values: rows },
    config: CHART_THEME,
  } as unknown as TopLevelSpec;
}

/** Throws vega-lite's own error when the spec is not valid Vega-Lite; its warnings go to `warn`. */
export function compileChart(spec: TopLevelSpec, warn: (message: string) => void = () => {}): VegaSpec {
  return compile(spec, { logger: throwingLogger(warn) }).spec;
}

function throwingLogger(warn: (message: string) => void) {
  const logger = {
    level: (_?: number) => (typeof _ === 'number' ? logger : 0),
    error: (...args: unknown[]) => { throw new Error(args.map(String).join(' ')); },
    warn: (...args: unknown[]) => {
      warn(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger as never;
}
