// Derived numbers: a data point defined from others (difference, ratio, sum, growth, CAGR projection) gets its
// value here, at validation, rounded to its stated precision; a table column that derives per row gets its cells.
// A value the source states beside its derivation must agree with it: each number is an interval (its value ± half
// a unit in its last stated decimal), the derivation is evaluated over the inputs' intervals, and the two must
// overlap. Problems come back as data for checks/derived.ts to report.
import type { DataPoint, DataPointEntry, Derivation, Table } from '../../model/schema.js';
import { quantityOf, scaleFactor, type Measure } from '../../model/units.js';

export type DeriveProblem =
  | { kind: 'missing'; index: number }
  | { kind: 'unknown'; index: number; input: string; path: (string | number)[] }
  | { kind: 'cycle'; index: number }
  | { kind: 'units'; index: number; reason: string }
  | { kind: 'disagrees'; index: number; stated: number; computed: number };

interface Interval { low: number; high: number }

const halfUnit = (decimals: number) => 0.5 * 10 ** -decimals;
/** A stated value as the interval of quantities its rounding allows. */
const intervalOf = (measure: Measure, value: number): Interval => ({
  low: quantityOf(measure, value - halfUnit(measure.decimals)),
  high: quantityOf(measure, value + halfUnit(measure.decimals)),
});

/** Every corner of the inputs' intervals through `f`: the result's interval (f is monotonic in each input here). */
function evaluate(inputs: Interval[], f: (values: number[]) => number): Interval & { value: number } {
  const middle = f(inputs.map((i) => (i.low + i.high) / 2));
  let low = Infinity;
  let high = -Infinity;
  for (let corner = 0; corner < 2 ** inputs.length; corner++) {
    const result = f(inputs.map((input, i) => ((corner >> i) & 1 ? input.high : input.low)));
    low = Math.min(low, result);
    high = Math.max(high, result);
  }
  return { low, high, value: middle };
}

/** The inputs a derivation names, with where each is written (under `derive`). */
function derivationInputs(derive: Derivation): { id: string; path: (string | number)[] }[] {
  if ('difference' in derive) return derive.difference.map((id, i) => ({ id, path: ['difference', i] }));
  if ('ratio' in derive) return derive.ratio.map((id, i) => ({ id, path: ['ratio', i] }));
  if ('growth' in derive) return derive.growth.map((id, i) => ({ id, path: ['growth', i] }));
  if ('sum' in derive) return derive.sum.map((id, i) => ({ id, path: ['sum', i] }));
  const { base, rate } = derive['cagr-projection'];
  return [{ id: base, path: ['cagr-projection', 'base'] }, { id: rate, path: ['cagr-projection', 'rate'] }];
}

/** Why a derivation's inputs do not make the point's unit, or undefined when they do. */
function unitProblem(point: DataPointEntry, inputs: DataPointEntry[]): string | undefined {
  const derive = point.derive!;
  const [first] = inputs;
  const sameUnit = inputs.every((p) => p.unit === first!.unit && p.currency === first!.currency);
  if ('cagr-projection' in derive) {
    const [base, rate] = inputs;
    if (rate!.unit !== 'percent') return `its rate "${rate!.id}" is not a percent`;
    return base!.unit === point.unit && base!.currency === point.currency ? undefined : `its unit differs from its base "${base!.id}"`;
  }
  if (!sameUnit) return 'its inputs differ in unit or currency';
  if ('ratio' in derive) return ['multiple', 'number', 'index'].includes(point.unit) ? undefined : 'a ratio is a multiple, number or index';
  if ('growth' in derive) return point.unit === 'percent' ? undefined : 'a growth rate is a percent';
  const allowed = first!.unit === 'percent' ? ['percent', 'percentage-points'] : [first!.unit];
  if (!allowed.includes(point.unit) || point.currency !== first!.currency) return `its inputs are ${first!.unit}${first!.currency ? ` (${first!.currency})` : ''}`;
  return undefined;
}

function formula(derive: Derivation): (values: number[]) => number {
  if ('difference' in derive) return ([a, b]) => a! - b!;
  if ('ratio' in derive) return ([a, b]) => a! / b!;
  if ('growth' in derive) return ([a, b]) => (a! / b! - 1) * 100;
  if ('sum' in derive) return (values) => values.reduce((total, v) => total + v, 0);
  const { years } = derive['cagr-projection'];
  return ([base, rate]) => base! * (1 + rate! / 100) ** years;
}

/** Every data point with its value: stated, or derived and rounded to its decimals (NaN where it cannot be). */
export function deriveDataPoints(entries: readonly DataPointEntry[]): { points: DataPoint[]; problems: DeriveProblem[] } {
  const problems: DeriveProblem[] = [];
  const indexById = new Map(entries.map((p, i) => [p.id, i]));
  const intervals = new Map<number, Interval | null>();
  const values: number[] = entries.map((p) => p.value ?? Number.NaN);
  const visiting = new Set<number>();

  // The quantity interval of entry i, deriving it first when needed; null when it cannot be known.
  const resolve = (i: number): Interval | null => {
    if (intervals.has(i)) return intervals.get(i)!;
    const point = entries[i]!;
    if (!point.derive) {
      if (point.value === undefined) problems.push({ kind: 'missing', index: i });
      const known = point.value === undefined ? null : intervalOf(point, point.value);
      intervals.set(i, known);
      return known;
    }
    if (visiting.has(i)) {
      problems.push({ kind: 'cycle', index: i });
      intervals.set(i, null);
      return null;
    }
    visiting.add(i);
    const inputs = derivationInputs(point.derive).map((input) => ({ ...input, index: indexById.get(input.id) }));
    const unknown = inputs.filter((input) => input.index === undefined);
    for (const input of unknown) problems.push({ kind: 'unknown', index: i, input: input.id, path: input.path });
    const inputIntervals = unknown.length > 0 ? [] : inputs.map((input) => resolve(input.index!));
    visiting.delete(i);
    const units = unknown.length > 0 ? undefined : unitProblem(point, inputs.map((input) => entries[input.index!]!));
    if (units) problems.push({ kind: 'units', index: i, reason: units });
    if (unknown.length > 0 || units || inputIntervals.some((interval) => interval === null)) {
      intervals.set(i, null);
      return null;
    }
    const computed = evaluate(inputIntervals as Interval[], formula(point.derive));
    const factor = scaleFactor(point.scale);
    if (point.value === undefined) {
      values[i] = Number((computed.value / factor).toFixed(point.decimals));
    } else {
      const stated = intervalOf(point, point.value);
      if (stated.high < computed.low || stated.low > computed.high) problems.push({ kind: 'disagrees', index: i, stated: point.value, computed: computed.value / factor });
    }
    const interval = Number.isNaN(values[i]!) ? null : intervalOf(point, values[i]!);
    intervals.set(i, interval);
    return interval;
  };
  entries.forEach((_, i) => resolve(i));
  return { points: entries.map((p, i) => ({ ...p, value: values[i]! })), problems };
}

export type TableDeriveProblem = { row: number; column: string; stated: number; computed: number };

/** The table with its derived cells computed (rounded to the column's decimals) and the stated ones that disagree. */
export function deriveTableCells(table: Table): { table: Table; problems: TableDeriveProblem[] } {
  const problems: TableDeriveProblem[] = [];
  const columnsById = new Map(table.columns.map((c) => [c.id, c]));
  const rows = table.rows.map((row, r) => {
    const filled = { ...row };
    for (const column of table.columns) {
      if (column.type !== 'number' || !column.derive) continue;
      const [a, b] = column.derive.difference.map((id) => columnsById.get(id));
      const [x, y] = column.derive.difference.map((id) => row[id]);
      if (a?.type !== 'number' || b?.type !== 'number' || typeof x !== 'number' || typeof y !== 'number') continue;
      const computed = evaluate([intervalOf(a, x), intervalOf(b, y)], ([p, q]) => p! - q!);
      const factor = scaleFactor(column.scale);
      const stated = row[column.id];
      if (typeof stated === 'number') {
        const interval = intervalOf(column, stated);
        if (interval.high < computed.low || interval.low > computed.high) problems.push({ row: r, column: column.id, stated, computed: computed.value / factor });
      } else {
        filled[column.id] = Number((computed.value / factor).toFixed(column.decimals));
      }
    }
    return filled;
  });
  return { table: { ...table, rows }, problems };
}
