// From a chart definition to the Vega-Lite spec the charts stage draws: the data points as its only rows, value
// labels on bars, the unit on the value axis's ticks, the page's width and theme; and the compiler's messages.
import { describe, expect, it } from 'vitest';
import type { ChartDefinition, DataPoint, Source } from '../../pipeline/model/briefing.js';
import { buildVegaLiteSpec, chartRows, compileChart, type ChartRow } from '../../pipeline/model/chart-spec.js';
import { CHART_WIDTH, chartTheme } from '../../pipeline/theme/chart.js';

const point = (id: string, value: number, changes: Partial<DataPoint> = {}): DataPoint => ({
  id, label: `Label of ${id}`, value, decimals: 1, unit: 'percent', period: { label: '2024', start: '2024-01-01', end: '2024-12-31' }, source: 'aura-2024', ...changes,
});
const POINTS = new Map([point('a', 5.98), point('b', 5.4, { period: { label: 'Aug 2024' }, source: 'unlisted' })].map((p) => [p.id, p]));
const SOURCES = new Map<string, Source>([['aura-2024', { key: 'aura-2024', publisher: 'Aura', date: '2024' } as Source]]);
const chart = (spec: Record<string, unknown>, dataPoints = ['a', 'b']): ChartDefinition => ({ id: 'c', title: 'T', alt: 'A', dataPoints, spec });
const verticalBars = { mark: { type: 'bar' }, encoding: { x: { field: 'periodLabel', type: 'ordinal' }, y: { field: 'value', type: 'quantitative' } } };
const rows: ChartRow[] = [
  { id: 'a', label: 'Label of a', value: 5.98, formatted: '6.0%', unit: 'percent', periodLabel: '2024', periodStart: '2024-01-01', periodEnd: '2024-12-31', source: 'aura-2024', publisher: 'Aura' },
  { id: 'b', label: 'Label of b', value: 5.4, formatted: '5.4%', unit: 'percent', periodLabel: 'Aug 2024', periodStart: '', periodEnd: '', source: 'unlisted', publisher: 'unlisted' },
];
const build = (spec: Record<string, unknown>, options?: Parameters<typeof buildVegaLiteSpec>[3], withRows: ChartRow[] = rows) =>
  buildVegaLiteSpec(chart(spec), withRows, 'described', options) as unknown as Record<string, unknown> & { layer?: Record<string, unknown>[]; encoding?: Record<string, Record<string, unknown>> };

describe('chartRows', () => {
  it('gives one row per listed data point that exists, formatted as printed, its publisher or else its source key', () => {
    expect(chartRows(chart(verticalBars, ['a', 'missing', 'b']), POINTS, SOURCES)).toEqual(rows);
  });
});

describe('buildVegaLiteSpec', () => {
  it('gives the rows as its only data, the description, the theme and the text column width', () => {
    const spec = build(verticalBars, { valueLabels: false });
    expect(spec).toEqual({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: CHART_WIDTH.page, autosize: { type: 'fit-x', contains: 'padding' },
      ...verticalBars, description: 'described', data: { values: rows }, config: chartTheme('page'),
    });
    expect(build(verticalBars, { valueLabels: false, layout: 'phone' })).toMatchObject({ width: CHART_WIDTH.phone, config: chartTheme('phone') });
    expect(build({ ...verticalBars, width: 200 }, { valueLabels: false }).width).toBe(200);
    for (const key of ['facet', 'repeat', 'concat', 'hconcat', 'vconcat']) {
      const spec = build({ [key]: [] }, { valueLabels: false });
      expect(spec.width, key).toBeUndefined();
      expect(spec.autosize, key).toBeUndefined();
    }
  });

  it('labels each bar with its value as printed: above a vertical bar, right of a horizontal one', () => {
    const text = { field: 'formatted', type: 'nominal' };
    expect(build(verticalBars).layer).toEqual([
      { mark: { type: 'bar' } },
      { mark: { type: 'text', fontWeight: 600, baseline: 'bottom', dy: -4 }, encoding: { text } },
    ]);
    const horizontal = { mark: 'bar', encoding: { y: { field: 'periodLabel', type: 'ordinal' }, x: { field: 'value', type: 'quantitative' } } };
    const spec = build(horizontal);
    expect(spec.mark).toBeUndefined();
    expect(spec.layer).toEqual([{ mark: 'bar' }, { mark: { type: 'text', fontWeight: 600, align: 'left', baseline: 'middle', dx: 5 }, encoding: { text } }]);
    expect(spec.encoding!.x).toEqual({ field: 'value', type: 'quantitative', scale: { nice: 5 }, axis: { labelExpr: 'datum.label + "%"' } });
    // Bars with no x are vertical.
    expect(build({ mark: 'bar', encoding: { y: { field: 'value', type: 'quantitative' } } }).layer![1]!.mark).toMatchObject({ baseline: 'bottom', dy: -4 });
  });

  it('labels no line, no layered chart and no bar without an encoding', () => {
    expect(build({ ...verticalBars, mark: 'line' }).layer).toBeUndefined();
    expect(build({ mark: 'bar' }).layer).toBeUndefined();
    expect(build({ ...verticalBars, layer: [] }).layer).toEqual([]);
  });

  it("puts the unit's sign on the value axis's ticks and ends its domain on a round tick, unless the author set them", () => {
    const line = (y: Record<string, unknown>) => build({ mark: 'line', encoding: { x: { field: 'periodLabel', type: 'ordinal' }, y: { field: 'value', type: 'quantitative', ...y } } }).encoding!;
    expect(line({}).y).toEqual({ field: 'value', type: 'quantitative', scale: { nice: 5 }, axis: { labelExpr: 'datum.label + "%"' } });
    expect(line({}).x).toEqual({ field: 'periodLabel', type: 'ordinal' });
    expect(line({ axis: { title: 'Share' }, scale: { zero: false } }).y).toMatchObject({ scale: { zero: false, nice: 5 }, axis: { title: 'Share', labelExpr: 'datum.label + "%"' } });
    expect(line({ axis: { format: '.0%' } }).y!.axis).toEqual({ format: '.0%' });
    expect(line({ axis: { labelExpr: 'datum.label' } }).y!.axis).toEqual({ labelExpr: 'datum.label' });
    expect(line({ scale: { domain: [0, 10] } }).y!.scale).toEqual({ domain: [0, 10] });
    expect(line({ scale: { nice: false } }).y!.scale).toEqual({ nice: false });
    expect(line({ axis: null }).y).toEqual({ field: 'value', type: 'quantitative', axis: null });
    expect(line({ scale: null }).y).toEqual({ field: 'value', type: 'quantitative', scale: null });
    expect(line({ axis: ['x'] }).y).toEqual({ field: 'value', type: 'quantitative', axis: ['x'] });
    expect(line({ axis: 'left' }).y).toEqual({ field: 'value', type: 'quantitative', axis: 'left' });
  });

  it('leaves the ticks alone when the rows mix units or the unit has no sign, and finds the value axis in layers', () => {
    const spec = { mark: 'line', encoding: { y: { field: 'value', type: 'quantitative' } } };
    const days = rows.map((row) => ({ ...row, unit: 'days' }));
    expect(build(spec, {}, days).encoding!.y).toEqual({ field: 'value', type: 'quantitative', scale: { nice: 5 } });
    expect(build(spec, {}, [rows[0]!, { ...rows[1]!, unit: 'multiple' }]).encoding!.y!.axis).toBeUndefined();
    expect(build(spec, {}, rows.map((row) => ({ ...row, unit: 'multiple' }))).encoding!.y!.axis).toEqual({ labelExpr: 'datum.label + "×"' });
    expect(build(spec, {}, rows.map((row) => ({ ...row, unit: 'percentage-points' }))).encoding!.y!.axis).toEqual({ labelExpr: 'datum.label + " pp"' });
    const layered = build({ layer: [{ mark: 'line', encoding: { y: { field: 'value', type: 'quantitative' } } }, 'not a view'] });
    expect(layered.layer).toEqual([{ mark: 'line', encoding: { y: { field: 'value', type: 'quantitative', scale: { nice: 5 }, axis: { labelExpr: 'datum.label + "%"' } } } }, 'not a view']);
    // Only the x or y channel that draws `value` quantitatively is the value axis; anything else is left as written.
    const others = { x: null, color: { field: 'value', type: 'quantitative' }, y: { field: 'value', type: 'ordinal' }, tooltip: 'value' };
    expect(build({ mark: 'line', encoding: others }).encoding).toEqual(others);
    expect(build({ mark: 'line', encoding: { y: { field: 'periodLabel', type: 'quantitative' } } }).encoding).toEqual({ y: { field: 'periodLabel', type: 'quantitative' } });
    expect(build({ mark: 'line', encoding: null, layer: [null] })).toMatchObject({ encoding: null, layer: [null] });
  });
});

describe('compileChart', () => {
  it("compiles to Vega, passing on Vega-Lite's warnings and throwing its errors", () => {
    const warnings: string[] = [];
    const vega = compileChart(buildVegaLiteSpec(chart({ mark: 'bar', encoding: { x: { field: 'value', type: 'quantitative', aggregate: 'nonsense' } } }), rows, 'd'), (message) => warnings.push(message));
    expect(vega.$schema).toMatch(/vega\/v\d/);
    expect(warnings.length).toBeGreaterThan(0);
    expect(() => compileChart(buildVegaLiteSpec(chart({ mark: 'bar', encoding: { x: { field: 'value', type: 'quantitative' } }, transform: [{ calculate: 'pow(', as: 'x' }] }), rows, 'd'))).toThrow();
  });

  it('keeps quiet about the "fit-y" Vega-Lite drops for a discrete height when only "fit-x" was asked for', () => {
    const said: string[] = [];
    const bars = buildVegaLiteSpec(chart(verticalBars), rows, 'd');
    compileChart({ ...bars, encoding: { ...(bars as { encoding?: object }).encoding, y: { field: 'periodLabel', type: 'ordinal' } } } as typeof bars, (m) => said.push(m));
    expect(said).not.toContain('Dropping "fit-y" because spec has discrete height.');
    // With no autosize, or asked to fit both ways, the message is news and is passed on.
    const { autosize: _autosize, ...sized } = { ...bars, width: 300 } as typeof bars & { autosize?: unknown };
    const told: string[] = [];
    compileChart({ ...sized, encoding: { ...(bars as { encoding?: object }).encoding, y: { field: 'periodLabel', type: 'ordinal' } } } as typeof bars, (m) => told.push(m));
    expect(told).toEqual([]);
    compileChart({ ...bars, autosize: { type: 'fit' }, encoding: { ...(bars as { encoding?: object }).encoding, y: { field: 'periodLabel', type: 'ordinal' } } } as typeof bars, (m) => said.push(m));
    expect(said).toContain('Dropping "fit-y" because spec has discrete height.');
  });
});
