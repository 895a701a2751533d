// From a chart definition to a compiled Vega spec: the briefing's data points become the chart's only data,
// and one theme gives every chart the document's fonts, sizes and palette.
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Spec as VegaSpec } from 'vega';
import type { ChartDefinition, DataPoint, Source } from './briefing.js';
import { formatValue, interpolateDataPoints } from './narrative.js';

/** The fields each data row carries; a spec may encode these and whatever its transforms derive. */
export const CHART_ROW_FIELDS = ['id', 'label', 'value', 'formatted', 'unit', 'periodLabel', 'periodStart', 'periodEnd', 'source', 'publisher'] as const;

export type ChartRow = Record<(typeof CHART_ROW_FIELDS)[number], string | number>;

const CHART_FONT = 'IBM Plex Sans';
export const INK = '#1b2330';
export const ACCENT = '#1f5f8b';
export const MUTED = '#5b6675';
export const GRID = '#e3e7ec';
export const AXIS = '#9aa4b1';

/** Colour-blind-safe (Okabe–Ito order, darkened for print) and distinct in greyscale. */
export const PALETTE = ['#1f5f8b', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

const theme = {
  font: CHART_FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null, continuousWidth: 440, continuousHeight: 200, discreteWidth: { step: 70 }, discreteHeight: { step: 40 } },
  axis: {
    labelFont: CHART_FONT, titleFont: CHART_FONT, labelFontSize: 11, titleFontSize: 11, titleFontWeight: 500,
    labelColor: MUTED, titleColor: MUTED, domainColor: AXIS, tickColor: AXIS, gridColor: GRID,
  },
  axisX: { labelAngle: 0, tickCount: 5 },
  axisY: { tickCount: 5 },
  axisBand: { grid: false, domain: true, ticks: false, labelPadding: 6, labelFontSize: 11, labelColor: INK },
  axisQuantitative: { domain: false, ticks: false, gridColor: GRID },
  legend: { labelFont: CHART_FONT, titleFont: CHART_FONT },
  range: { category: PALETTE },
  mark: { color: ACCENT },
  bar: { color: ACCENT, cornerRadiusTopLeft: 2, cornerRadiusTopRight: 2 },
  line: { color: ACCENT, strokeWidth: 2.5 },
  point: { color: ACCENT, filled: true, size: 50 },
  text: { font: CHART_FONT, fontSize: 11, color: INK },
} as const;

export function chartRows(chart: ChartDefinition, dataPointsById: ReadonlyMap<string, DataPoint>, sourcesByKey: ReadonlyMap<string, Source>): ChartRow[] {
  return chart.dataPoints.flatMap((id) => {
    const point = dataPointsById.get(id);
    if (!point) return [];
    return [{
      id: point.id, label: point.label, value: point.value, formatted: formatValue(point), unit: point.unit,
      periodLabel: point.period.label, periodStart: point.period.start, periodEnd: point.period.end,
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

/** `valueLabels: false` gives the spec as its author wrote it, which is what validation judges. */
export function buildVegaLiteSpec(chart: ChartDefinition, rows: ChartRow[], dataPointsById: ReadonlyMap<string, DataPoint>, { valueLabels = true } = {}): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(valueLabels ? withValueLabels(chart.spec) : chart.spec),
    description: interpolateDataPoints(chart.alt, dataPointsById),
    data: { values: rows },
    config: theme,
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
