// From a chart definition to a compiled Vega spec: the briefing's data points become the chart's only data,
// and one theme (theme/chart.ts) gives every chart the document's fonts, sizes and palette. Validation compiles
// the spec as its author wrote it; the resolve stage builds the one the charts stage draws.
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Spec as VegaSpec } from 'vega';
import { CHART_WIDTH, chartTheme, type ChartLayout } from '../theme/chart.js';
import type { ChartDefinition, DataPoint, Source } from './briefing.js';
import { formatValue, UNIT_STYLES } from './units.js';

/** The fields each data row carries; a spec may encode these and whatever its transforms derive. */
export const CHART_ROW_FIELDS = ['id', 'label', 'value', 'formatted', 'unit', 'periodLabel', 'periodStart', 'periodEnd', 'source', 'publisher'] as const;

export type ChartRow = Record<(typeof CHART_ROW_FIELDS)[number], string | number>;

/** A chart as the charts stage draws it: SVG only; the workbook rasterizes what it needs. */
export interface ChartSvg {
  id: string;
  /** At the printed page's text column width: the PDF, the HTML on wider screens, the workbook's picture. */
  svg: string;
  /**
   * At a phone's width with larger text, for the HTML on narrow screens; drawn after the page's, by the
   * phone-charts stage, since the printed page hides it.
   */
  phoneSvg?: string;
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
 * The value axis (the quantitative x or y that encodes `value`, in the spec or any of its layers) with its unit on
 * the ticks ("2%", "3×") when every row has the same unit and that unit has a sign, and a domain that ends on a
 * tick: each unless the author set their own.
 */
function withValueAxis(spec: Record<string, unknown>, rows: ChartRow[]): Record<string, unknown> {
  const units = [...new Set(rows.map((row) => row.unit))];
  const suffix = units.length === 1 ? UNIT_STYLES[units[0] as keyof typeof UNIT_STYLES].tickSuffix : undefined;
  const labelExpr = suffix ? `datum.label + ${JSON.stringify(suffix)}` : undefined;
  const withTicks = (encoding: Record<string, Record<string, unknown> | null>) => Object.fromEntries(Object.entries(encoding).map(([channel, def]) => {
    if (typeof def !== 'object' || def === null) return [channel, def];
    const isObjectOrAbsent = (value: unknown) => value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value));
    const isValueAxis = (channel === 'x' || channel === 'y') && def.type === 'quantitative' && def.field === 'value';
    // Left as written when the author turned the axis or the scale off (null) or wrote something that is not one.
    if (!isValueAxis || !isObjectOrAbsent(def.axis) || !isObjectOrAbsent(def.scale)) return [channel, def];
    const axis = def.axis as Record<string, unknown> | undefined;
    const scale = def.scale as Record<string, unknown> | undefined;
    // A domain rounded out to a round tick beyond the largest value ([0, 1.8] → [0, 2]), unless the author set one.
    const niced = scale?.domain === undefined && scale?.nice === undefined ? { scale: { ...scale, nice: NICE_TICKS } } : {};
    const ticked = labelExpr && axis?.format === undefined && axis?.labelExpr === undefined ? { axis: { ...axis, labelExpr } } : {};
    return [channel, { ...def, ...niced, ...ticked }];
  }));
  const visit = (view: Record<string, unknown>): Record<string, unknown> => ({
    ...view,
    ...(typeof view.encoding === 'object' && view.encoding !== null ? { encoding: withTicks(view.encoding as Record<string, Record<string, unknown> | null>) } : {}),
    ...(Array.isArray(view.layer) ? { layer: view.layer.map((layer) => (typeof layer === 'object' && layer !== null ? visit(layer as Record<string, unknown>) : layer)) } : {}),
  });
  return visit(spec);
}

/** About this many ticks on a value axis; its domain ends on one. */
const NICE_TICKS = 5;

/** A single or layered view takes the column's width; concatenations and facets size themselves. */
const isSingleView = (spec: Record<string, unknown>) => !['facet', 'repeat', 'concat', 'hconcat', 'vconcat'].some((key) => key in spec);

/**
 * `description`: the text alternative, data points inserted. `valueLabels: false` gives the spec as its author
 * wrote it, which is what validation judges. `layout`: drawn for the printed page's text column or a phone.
 */
export function buildVegaLiteSpec(
  chart: ChartDefinition, rows: ChartRow[], description: string, { valueLabels = true, layout = 'page' as ChartLayout } = {},
): TopLevelSpec {
  const spec = valueLabels ? withValueAxis(withValueLabels(chart.spec), rows) : chart.spec;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(isSingleView(spec) && spec.width === undefined ? { width: CHART_WIDTH[layout], autosize: { type: 'fit-x', contains: 'padding' } } : {}),
    ...spec,
    description,
    data: { values: rows },
    config: chartTheme(layout),
  } as unknown as TopLevelSpec;
}

/** Throws vega-lite's own error when the spec is not valid Vega-Lite; its warnings go to `warn`. */
export function compileChart(spec: TopLevelSpec, warn: (message: string) => void = () => {}): VegaSpec {
  const fitsWidthOnly = (spec.autosize as { type?: string } | undefined)?.type === 'fit-x';
  // Vega-Lite says it drops "fit-y" for a discrete height even when only "fit-x" was asked for; nothing is dropped.
  const said = (message: string) => {
    if (!(fitsWidthOnly && message === 'Dropping "fit-y" because spec has discrete height.')) warn(message);
  };
  return compile(spec, { logger: throwingLogger(said) }).spec;
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
