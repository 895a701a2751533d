import { describe, expect, it } from 'vitest';
import type { DataPoint } from '../../../pipeline/model/briefing.js';
import { chartRows } from '../../../pipeline/model/chart-spec.js';
import { CATEGORY_REF, planChart, type ChartPlan } from '../../../pipeline/stages/workbook/chart-plan.js';
import { chartXml } from '../../../pipeline/stages/workbook/chart-xml.js';

/** Shares of two regions in two years, and a count. */
const POINTS: DataPoint[] = [
  { id: 'eu-2023', label: 'Europe', value: 4.5, decimals: 1, unit: 'percent', period: { label: '2023', start: '2023-01-01', end: '2023-12-31' }, source: 's' },
  { id: 'eu-2024', label: 'Europe', value: 5.25, decimals: 2, unit: 'percent', period: { label: '2024', start: '2024-01-01', end: '2024-12-31' }, source: 's' },
  { id: 'us-2023', label: 'United States', value: 6, decimals: 0, unit: 'percent', period: { label: '2023', start: '2023-01-01', end: '2023-12-31' }, source: 's' },
  { id: 'us-2024', label: 'United States', value: 7.5, decimals: 1, unit: 'percent', period: { label: '2024', start: '2024-01-01', end: '2024-12-31' }, source: 's' },
  { id: 'staff', label: 'Staff', value: 1200, decimals: 0, unit: 'count', period: { label: '2024', start: '2024-01-01', end: '2024-12-31' }, source: 's' },
];
const byId = new Map(POINTS.map((p) => [p.id, p]));
const rowsOf = (ids: string[]) => chartRows({ id: 'c', title: 't', caption: 'c', alt: 'a', dataPoints: ids, spec: {} }, byId, new Map([['s', { key: 's', publisher: 'P', date: '2024' }]]));
const REGIONS = ['eu-2023', 'eu-2024', 'us-2023', 'us-2024'];

function plan(spec: Record<string, unknown>, ids = REGIONS): ChartPlan {
  const result = planChart(spec, rowsOf(ids), byId);
  if (!('plan' in result)) throw new Error(result.reason);
  return result.plan;
}
const reason = (spec: Record<string, unknown>, ids = REGIONS) => {
  const result = planChart(spec, rowsOf(ids), byId);
  return 'reason' in result ? result.reason : undefined;
};

describe('chart plan', () => {
  it('draws horizontal bars of data points in data order, each cell a formula on the point\'s name', () => {
    const bars = plan({ mark: 'bar', encoding: { y: { field: 'id', type: 'nominal', sort: null, title: null }, x: { field: 'value', type: 'quantitative', title: 'Share' } } });
    expect(bars).toMatchObject({ mark: 'bar', horizontal: true, grouping: 'clustered', valueLabels: true, valueTitle: 'Share', categoryHeader: 'ID', axisFormat: '0%', fromZero: true });
    expect(bars.categoryTitle).toBeUndefined();
    expect(bars.categories).toEqual(REGIONS);
    expect(bars.series).toEqual([{ name: 'Share', cells: [
      { value: 0.045, format: '0.0%', formula: 'Eu_2023' },
      { value: 0.0525, format: '0.00%', formula: 'Eu_2024' },
      { value: 0.06, format: '0%', formula: 'Us_2023' },
      { value: 0.075, format: '0.0%', formula: 'Us_2024' },
    ] }]);
  });

  it('groups bars by colour with an offset, stacks them without one, as Vega-Lite does', () => {
    const encoding = { x: { field: 'periodLabel', type: 'ordinal' }, y: { field: 'value', type: 'quantitative' }, color: { field: 'label', type: 'nominal' } };
    const grouped = plan({ mark: 'bar', encoding: { ...encoding, xOffset: { field: 'label' } } });
    expect(grouped).toMatchObject({ horizontal: false, grouping: 'clustered', categories: ['2023', '2024'], valueTitle: 'value' });
    expect(grouped.series.map((s) => [s.name, s.cells.map((c) => c?.formula)])).toEqual([['Europe', ['Eu_2023', 'Eu_2024']], ['United States', ['Us_2023', 'Us_2024']]]);
    expect(plan({ mark: 'bar', encoding }).grouping).toBe('stacked');
    expect(plan({ mark: 'bar', encoding: { ...encoding, y: { ...encoding.y, stack: 'normalize' } } }).grouping).toBe('percentStacked');
    expect(plan({ mark: 'bar', encoding: { ...encoding, y: { ...encoding.y, stack: null } } }).grouping).toBe('overlaid');
  });

  it('sorts categories ascending unless the spec keeps the data order, and leaves a gap where a series has no value', () => {
    const encoding = { x: { field: 'label', type: 'nominal', sort: 'descending' }, y: { field: 'value', type: 'quantitative' }, color: { field: 'periodLabel', type: 'nominal' }, xOffset: { field: 'periodLabel' } };
    const sparse = plan({ mark: 'bar', encoding }, ['us-2024', 'eu-2023', 'eu-2024']);
    expect(sparse.categories).toEqual(['United States', 'Europe']);
    expect(sparse.series.map((s) => s.cells.map((c) => c?.formula))).toEqual([[undefined, 'Eu_2023'], ['Us_2024', 'Eu_2024']]);
  });

  it('computes a derived series as formulas over the data point, reading the category cell, with Vega\'s values', () => {
    const projection = plan({
      transform: [
        { calculate: 'sequence(2023, 2026)', as: 'year' },
        { flatten: ['year'] },
        { calculate: 'pow(1 + datum.value / 100, datum.year - 2023)', as: 'index' },
      ],
      layer: [
        { mark: { type: 'line', point: true }, encoding: { x: { field: 'year', type: 'ordinal', title: null }, y: { field: 'index', type: 'quantitative', title: 'Index' } } },
        { transform: [{ filter: 'datum.year == 2025' }], mark: 'text', encoding: { x: { field: 'year', type: 'ordinal' }, y: { field: 'index', type: 'quantitative' }, text: { field: 'index', type: 'quantitative', format: '.2f' } } },
      ],
    }, ['us-2023']);
    expect(projection).toMatchObject({ mark: 'line', markers: true, valueLabels: false, categoryHeader: 'Year', categories: [2023, 2024, 2025], axisFormat: '0.00' });
    const cells = projection.series[0]!.cells;
    expect(cells.map((c) => c!.formula)).toEqual([0, 1, 2].map(() => `POWER(1+Us_2023,${CATEGORY_REF}-2023)`));
    expect(cells.map((c) => c!.value)).toEqual([1, 1.06, 1.06 ** 2]);
    expect(cells[0]!.format).toBe('0.00');
  });

  it('keeps the order of operations and the percent scale in translated formulas', () => {
    const derived = plan({
      transform: [{ calculate: '-(datum.value * 2 + 1) / (3 - datum.value)', as: 'odd' }],
      mark: 'bar',
      encoding: { y: { field: 'id', type: 'nominal' }, x: { field: 'odd', type: 'quantitative' } },
    }, ['eu-2023']);
    const cell = derived.series[0]!.cells[0]!;
    // Every operand that is an operation keeps its parentheses: more than Excel needs, never fewer.
    expect(cell.formula).toBe('(-(((Eu_2023*100)*2)+1))/(3-(Eu_2023*100))');
    expect(cell.value).toBeCloseTo(-(4.5 * 2 + 1) / (3 - 4.5), 12);
    expect(derived.axisFormat).toBe('General');
    expect(plan({ mark: 'bar', encoding: { y: { field: 'id', type: 'nominal' }, x: { field: 'value', type: 'quantitative' } } }, ['staff']).series[0]!.cells[0]).toEqual({ value: 1200, format: '#,##0', formula: 'Staff' });
  });

  it('refuses what an Excel chart cannot draw from cells, saying why', () => {
    const xy = { x: { field: 'periodLabel', type: 'ordinal' }, y: { field: 'value', type: 'quantitative' } };
    expect(reason({ mark: 'arc', encoding: { theta: { field: 'value', type: 'quantitative' } } })).toBe('the "arc" mark has no Excel chart here (bar and line do)');
    expect(reason({ hconcat: [] })).toBe('a "hconcat" of several views is not one Excel chart');
    expect(reason({ mark: 'bar', encoding: { ...xy, y: { ...xy.y, aggregate: 'sum' } } })).toBe('"aggregate" on y is computed by Vega-Lite, not from cells');
    expect(reason({ mark: 'bar', encoding: { ...xy, size: { value: 3 } } })).toBe('the "size" encoding has no Excel chart equivalent');
    expect(reason({ mark: 'bar', encoding: xy })).toBe('2 rows fall on one bar: Vega-Lite would stack or aggregate them');
    expect(reason({ layer: [{ mark: 'bar', encoding: xy }, { mark: 'line', encoding: xy }] })).toBe('2 layers draw bars or lines; one Excel chart draws one');
    expect(reason({ transform: [{ fold: ['value'] }], mark: 'bar', encoding: xy })).toBe('the transform ["fold"] has no Excel equivalent here');
    expect(reason({ transform: [{ calculate: 'floor(datum.value)', as: 'f' }], mark: 'bar', encoding: xy })).toBe('the function floor() has no Excel equivalent here');
    expect(reason({ mark: 'bar', encoding: { x: { field: 'periodStart', type: 'temporal' }, y: xy.y } })).toBe('a temporal axis is not drawn from cells here');
  });
});

describe('chart XML', () => {
  const ranges = { categories: "'Charts'!$A$2:$A$3", series: [{ name: "'Charts'!$B$1", values: "'Charts'!$B$2:$B$3" }, { name: "'Charts'!$C$1", values: "'Charts'!$C$2:$C$3" }] };

  it('writes the grouping, the cells and their cached values, in the order the schema requires', () => {
    const stacked = plan({ mark: 'bar', encoding: { x: { field: 'periodLabel', type: 'ordinal' }, y: { field: 'value', type: 'quantitative' }, color: { field: 'label', type: 'nominal' } } });
    const xml = chartXml(stacked, 'Shares & <more>', ranges, [1, 2]);
    expect(xml).toContain('<c:barDir val="col"/><c:grouping val="stacked"/>');
    expect(xml).toContain('<c:overlap val="100"/>');
    expect(xml).toContain('<a:t>Shares &amp; &lt;more&gt;</a:t>');
    expect(xml).toContain("<c:val><c:numRef><c:f>&apos;Charts&apos;!$B$2:$B$3</c:f><c:numCache><c:formatCode>0.0%</c:formatCode><c:ptCount val=\"2\"/><c:pt idx=\"0\"><c:v>0.045</c:v></c:pt><c:pt idx=\"1\"><c:v>0.0525</c:v></c:pt></c:numCache>");
    // Labels differ in precision (4.5%, 5.25%): one label per bar, each in its cell's format.
    expect(xml).toMatch(/<c:dLbl><c:idx val="1"\/><c:numFmt formatCode="0.00%" sourceLinked="0"\/>/);
    expect(xml).toContain('<c:legend><c:legendPos val="b"/>');
    const order = ['<c:title>', '<c:autoTitleDeleted', '<c:plotArea>', '<c:barChart>', '<c:catAx>', '<c:valAx>', '</c:plotArea>', '<c:legend>', '<c:plotVisOnly', '</c:chart>'];
    expect(order.map((tag) => xml.indexOf(tag))).toEqual(order.map((tag) => xml.indexOf(tag)).sort((a, b) => a - b));
  });
});
