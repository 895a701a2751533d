// A figure's Vega-Lite spec as an Excel chart: which cells it draws and how. A bar or line mark with x and y,
// a colour field for several series, xOffset/yOffset for grouped bars, stacking, layers of which one draws bars
// or a line (text layers label values; the Excel chart labels its own), and the transforms calculate, flatten and
// filter. The values are data points (a cell "=Name" on the point's defined name) or computed from them (the
// formula chart-expr.ts translates). Anything else is refused with the reason, which the About sheet
// states, and the figure keeps its picture.
import type { DataPoint } from '../../model/briefing.js';
import type { ChartRow } from '../../model/chart-spec.js';
import { excelNumberFormat, scaleFactor, storedValue } from '../../model/units.js';
import { literalSequence, parse, test, translate, Untranslatable, type Term } from './chart-expr.js';
import { formatFromD3 } from './formats.js';
import { excelName } from '../../model/excel-names.js';

/** Stands in a cell's formula for the address of its row's category cell, which the sheet knows. */
export const CATEGORY_REF = '\u0001';

export interface PlotCell {
  value: number;
  format: string;
  /** Without "="; CATEGORY_REF where it reads the row's category. */
  formula: string;
}

export interface ChartPlan {
  mark: 'bar' | 'line';
  /** Bars along x, categories down the y axis. */
  horizontal: boolean;
  grouping: 'clustered' | 'stacked' | 'percentStacked' | 'overlaid' | 'standard';
  markers: boolean;
  /** Each bar's value printed at its end, as the PDF's bar charts do. */
  valueLabels: boolean;
  categoryTitle?: string;
  valueTitle?: string;
  categoryHeader: string;
  categories: (string | number)[];
  series: { name: string; cells: (PlotCell | undefined)[] }[];
  axisFormat: string;
  /** The value axis starts at zero, as Vega-Lite's quantitative scales do unless the spec says `zero: false`. */
  fromZero: boolean;
}

export type PlanResult = { plan: ChartPlan } | { reason: string };

type Spec = Record<string, unknown>;
interface Channel {
  field?: string;
  type?: string;
  title?: string | null;
  sort?: unknown;
  stack?: unknown;
  format?: string;
  value?: unknown;
  [key: string]: unknown;
}
type Encoding = Record<string, Channel>;

/** One row of the chart's data as the transforms leave it: the data point it came from and its fields. */
interface Row {
  point: DataPoint;
  fields: Map<string, Term>;
  /** Values of fields `calculate` made a sequence of, until `flatten` spreads them over rows. */
  lists: Map<string, number[]>;
}

const COMPOSITION = ['facet', 'repeat', 'concat', 'hconcat', 'vconcat'];
const CHANNELS = new Set(['x', 'y', 'color', 'xOffset', 'yOffset', 'tooltip']);
/** Readable headers for the row fields a spec encodes. */
const FIELD_HEADERS: Record<string, string> = { id: 'ID', label: 'Measure', value: 'Value', formatted: 'Value', unit: 'Unit', periodLabel: 'Period', periodStart: 'Period start', periodEnd: 'Period end', source: 'Source key', publisher: 'Source' };
/** Marks a field a sequence made, in a formula, until the sheet decides whether it reads a cell or a number. */
const mark = (field: string) => `\u0002${field}\u0003`;

export function planChart(spec: Spec, rows: readonly ChartRow[], points: ReadonlyMap<string, DataPoint>): PlanResult {
  try {
    return { plan: plan(spec, rows, points) };
  } catch (error) {
    if (error instanceof Untranslatable) return { reason: error.message };
    throw error;
  }
}

function plan(spec: Spec, chartRows: readonly ChartRow[], points: ReadonlyMap<string, DataPoint>): ChartPlan {
  const composed = COMPOSITION.find((key) => key in spec);
  if (composed) throw new Untranslatable(`a "${composed}" of several views is not one Excel chart`);
  const layers = ((spec.layer as Spec[] | undefined) ?? [spec]).map((layer) => ({
    mark: markOf(layer.mark),
    point: typeof layer.mark === 'object' && (layer.mark as Spec).point === true,
    encoding: { ...(spec.encoding as Encoding | undefined), ...(layer.encoding as Encoding | undefined) },
    transform: layer === spec ? [] : ((layer.transform as Spec[] | undefined) ?? []),
  }));
  const unknown = layers.find((layer) => !['bar', 'line', 'text'].includes(layer.mark));
  if (unknown) throw new Untranslatable(`the "${unknown.mark}" mark has no Excel chart here (bar and line do)`);
  const drawn = layers.filter((layer) => layer.mark !== 'text');
  if (drawn.length !== 1) throw new Untranslatable(`${drawn.length} layers draw bars or lines; one Excel chart draws one`);
  const layer = drawn[0]!;
  const { encoding } = layer;
  const extra = Object.keys(encoding).find((channel) => !CHANNELS.has(channel));
  if (extra) throw new Untranslatable(`the "${extra}" encoding has no Excel chart equivalent`);
  for (const [channel, def] of Object.entries(encoding)) {
    const derived = ['aggregate', 'bin', 'timeUnit'].find((key) => key in def);
    if (derived) throw new Untranslatable(`"${derived}" on ${channel} is computed by Vega-Lite, not from cells`);
  }

  const rows = applyTransforms([...((spec.transform as Spec[] | undefined) ?? []), ...layer.transform], dataRows(chartRows, points));
  const { x, y } = encoding;
  if (!x?.field || !y?.field) throw new Untranslatable('a chart needs fields on both x and y');
  const horizontal = x.type === 'quantitative';
  const [value, category] = horizontal ? [x, y] : [y, x];
  if (value.type !== 'quantitative' || category.type === 'quantitative') throw new Untranslatable('one axis must be quantitative and the other nominal or ordinal');
  if (category.type === 'temporal') throw new Untranslatable('a temporal axis is not drawn from cells here');
  if (layer.mark === 'line' && horizontal) throw new Untranslatable('a line along a vertical category axis has no Excel chart');
  const color = encoding.color?.field ? encoding.color : undefined;
  const offset = encoding.xOffset ?? encoding.yOffset;
  if (offset && offset.field !== color?.field) throw new Untranslatable('an offset field that is not the colour field');

  const categories = ordered(rows.map((row) => plain(row, category.field!)), category.sort);
  const seriesKeys = color ? ordered(rows.map((row) => plain(row, color.field!)), color.sort) : [undefined];
  const valueHeader = headerOf(value);
  const series = seriesKeys.map((key) => ({
    name: key === undefined ? valueHeader : String(key),
    cells: categories.map((cat) => {
      const matching = rows.filter((row) => plain(row, category.field!) === cat && (key === undefined || plain(row, color!.field!) === key));
      if (matching.length > 1) throw new Untranslatable(`${matching.length} rows fall on one ${layer.mark === 'bar' ? 'bar' : 'point'}: Vega-Lite would stack or aggregate them`);
      return matching[0] && plotCell(matching[0], value.field!, category.field!, formatOf(spec, value.field!));
    }),
  }));
  const cells = series.flatMap((s) => s.cells.filter((c): c is PlotCell => c !== undefined));
  const units = new Set(rows.map((row) => row.point.unit));
  const [unit] = units;
  const axisFormat = value.field === 'value' && units.size === 1
    ? excelNumberFormat({ unit: unit!, decimals: Math.min(...rows.map((row) => row.point.decimals)) })
    : (cells[0]?.format ?? 'General');
  return {
    mark: layer.mark as 'bar' | 'line',
    horizontal,
    grouping: layer.mark === 'line' ? 'standard' : grouping(color, offset, value.stack),
    markers: layer.point,
    valueLabels: layer.mark === 'bar' && !('layer' in spec),
    ...(titleOf(category) !== undefined ? { categoryTitle: titleOf(category) } : {}),
    ...(titleOf(value) !== undefined ? { valueTitle: titleOf(value) } : {}),
    categoryHeader: headerOf(category),
    categories,
    series,
    axisFormat,
    fromZero: (value.scale as { zero?: unknown } | undefined)?.zero !== false && cells.every((c) => c.value >= 0),
  };
}

function markOf(value: unknown): string {
  return typeof value === 'string' ? value : String((value as Spec | undefined)?.type);
}

/** The rows a chart is given: each data point's fields, its value readable in formulas by its defined name. */
function dataRows(chartRows: readonly ChartRow[], points: ReadonlyMap<string, DataPoint>): Row[] {
  return chartRows.map((chartRow) => {
    const point = points.get(String(chartRow.id))!;
    const fields = new Map<string, Term>(Object.entries(chartRow).map(([field, value]) => [field, { value, formula: typeof value === 'number' ? String(value) : `"${value.replace(/"/g, '""')}"` }]));
    const name = excelName(point.id);
    // The Data cell stores the real quantity (a percentage as a fraction): the chart's value is the number as stated.
    if (point.unit === 'percent') fields.set('value', { value: point.value, formula: `${name}*100`, hundredth: name });
    else if (point.scale) fields.set('value', { value: point.value, formula: `${name}/${scaleFactor(point.scale)}` });
    else fields.set('value', { value: point.value, formula: name });
    return { point, fields, lists: new Map() };
  });
}

function applyTransforms(transforms: readonly Spec[], rows: Row[]): Row[] {
  let current = rows;
  for (const transform of transforms) {
    if (typeof transform.calculate === 'string' && typeof transform.as === 'string') {
      const node = parse(transform.calculate);
      const list = literalSequence(node);
      const as = transform.as;
      current = current.map((row) => {
        const next: Row = { ...row, fields: new Map(row.fields), lists: new Map(row.lists) };
        if (list) next.lists.set(as, list);
        else next.fields.set(as, translate(node, { field: (name) => row.fields.get(name) }));
        return next;
      });
    } else if (Array.isArray(transform.flatten) && transform.flatten.length === 1 && !transform.as) {
      const field = String(transform.flatten[0]);
      current = current.flatMap((row) => {
        const list = row.lists.get(field);
        if (!list) throw new Untranslatable(`flatten of "${field}", which is not a sequence`);
        return list.map((value) => ({ ...row, fields: new Map(row.fields).set(field, { value, formula: mark(field) }), lists: new Map([...row.lists].filter(([name]) => name !== field)) }));
      });
    } else if (typeof transform.filter === 'string') {
      const node = parse(transform.filter);
      current = current.filter((row) => test(node, (field) => row.fields.get(field)?.value));
    } else {
      throw new Untranslatable(`the transform ${JSON.stringify(Object.keys(transform))} has no Excel equivalent here`);
    }
  }
  return current;
}

/** A field's value for grouping and category labels. */
function plain(row: Row, field: string): string | number {
  const term = row.fields.get(field);
  if (!term) throw new Untranslatable(`the field "${field}" is not in the chart's rows`);
  return term.value;
}

/** Distinct values in the order Vega-Lite draws them: ascending unless `sort: null` keeps the data's order. */
function ordered(values: (string | number)[], sort: unknown): (string | number)[] {
  const distinct = [...new Set(values)];
  if (sort === null) return distinct;
  if (sort !== undefined && sort !== 'ascending' && sort !== 'descending') throw new Untranslatable(`the sort ${JSON.stringify(sort)} is not kept by an Excel chart here`);
  const ascending = distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sort === 'descending' ? ascending.reverse() : ascending;
}

function plotCell(row: Row, field: string, categoryField: string, d3Format: string | undefined): PlotCell {
  if (field === 'value') return { value: storedValue(row.point, row.point.value), format: excelNumberFormat(row.point), formula: excelName(row.point.id) };
  const term = row.fields.get(field);
  if (!term || typeof term.value !== 'number') throw new Untranslatable(`the field "${field}" is not a number in every row`);
  // A sequence field reads the row's category cell when it is the category, and is its number otherwise.
  const formula = term.formula.replace(/\u0002([^\u0003]*)\u0003/g, (_, name: string) => (name === categoryField ? CATEGORY_REF : String(row.fields.get(name)!.value)));
  return { value: term.value, format: formatFromD3(d3Format), formula };
}

/** The d3 format some encoding of the spec gives the field, for its cells' number format. */
function formatOf(spec: Spec, field: string): string | undefined {
  const encodings = [spec, ...((spec.layer as Spec[] | undefined) ?? [])].flatMap((view) => Object.values((view.encoding as Encoding | undefined) ?? {}));
  return encodings.find((channel) => channel.field === field && typeof channel.format === 'string')?.format;
}

function grouping(color: Channel | undefined, offset: Channel | undefined, stack: unknown): ChartPlan['grouping'] {
  if (!color || offset) return 'clustered';
  if (stack === undefined || stack === true || stack === 'zero') return 'stacked';
  if (stack === 'normalize') return 'percentStacked';
  if (stack === null || stack === false) return 'overlaid';
  throw new Untranslatable(`the stack "${String(stack)}" has no Excel chart equivalent`);
}

/** The axis title as Vega-Lite shows it: the spec's, none when null, the field's name when absent. */
function titleOf(channel: Channel): string | undefined {
  if (channel.title === null) return undefined;
  return typeof channel.title === 'string' ? channel.title : channel.field;
}

/** A column header for the channel's field: its title, else a readable name for the field. */
function headerOf(channel: Channel): string {
  if (typeof channel.title === 'string') return channel.title;
  const field = channel.field!;
  return FIELD_HEADERS[field] ?? field.charAt(0).toUpperCase() + field.slice(1);
}
