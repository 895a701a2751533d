// The units a data point can have, and everything briefpress writes differently by unit, in one table: how a
// value prints ("5.98%"), the Excel format that shows the same, how a change is said (percentages in percentage
// points), and how prose marks a number as a figure of that unit.
import type { DataPoint, Unit } from './briefing.js';

interface UnitStyle {
  /** The number with its unit, as every output prints it. */
  print(number: string): string;
  /** The digits of its Excel number format, before decimals are added. */
  excelDigits: string;
  /** The Excel number format around those digits, showing what `print` shows. */
  excelFormat(digits: string): string;
  /** What the workbook divides a value by to store it: Excel keeps a percentage as a fraction (5.98% is 0.0598). */
  excelDivisor: number;
  /** A difference between two values of this unit. */
  change(magnitude: string): string;
  /**
   * How prose marks a number as a figure of this unit: a pattern before the number with one group (a currency
   * sign), one after it with one group (a scale word such as "billion"). Counts have none: nothing marks a plain
   * number as a measurement. `always`: the mark alone makes a figure ("%"); otherwise only when some data point
   * has this unit ("$", "×").
   */
  prose?: { before: string; after: string; always: boolean };
}

export const UNIT_STYLES: Record<Unit, UnitStyle> = {
  percent: {
    print: (n) => `${n}%`,
    excelDigits: '0',
    excelFormat: (digits) => `${digits}%`,
    excelDivisor: 100,
    change: (n) => `${n} pp`,
    prose: { before: '()', after: String.raw`(?:\s?%|\s(?:percent|per cent)\b)()`, always: true },
  },
  count: {
    print: (n) => n,
    excelDigits: '#,##0',
    excelFormat: (digits) => digits,
    excelDivisor: 1,
    change: (n) => n,
  },
  usd: {
    print: (n) => `$${n}`,
    excelDigits: '#,##0',
    excelFormat: (digits) => `"$"${digits}`,
    excelDivisor: 1,
    change: (n) => `$${n}`,
    prose: { before: String.raw`((?:US)?\$\s?)`, after: String.raw`(?:\s?(thousand|million|billion|trillion|bn|tn|[kmb])\b)?`, always: false },
  },
  multiple: {
    print: (n) => `${n}×`,
    excelDigits: '#,##0',
    excelFormat: (digits) => `${digits}"×"`,
    excelDivisor: 1,
    change: (n) => `${n}×`,
    prose: { before: '()', after: String.raw`(?:\s?×|x\b)()`, always: false },
  },
};

/** A number at a fixed number of decimals with thousands separators, as every output writes it. */
export const formatNumber = (value: number, decimals: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** The value as printed: at the precision the source states, with its unit ("5.98%"). */
export function formatValue(point: DataPoint): string {
  return UNIT_STYLES[point.unit].print(formatNumber(point.value, point.decimals));
}

/** The value with its qualifier, as prose would say it ("over 30%"). */
export function formatValueInProse(point: DataPoint): string {
  return point.qualifier ? `${point.qualifier} ${formatValue(point)}` : formatValue(point);
}

/** The cell format that shows a value as formatValue prints it, at the precision its source states. */
export function excelNumberFormat(point: Pick<DataPoint, 'unit' | 'decimals'>): string {
  const { excelDigits, excelFormat } = UNIT_STYLES[point.unit];
  return excelFormat(point.decimals > 0 ? `${excelDigits}.${'0'.repeat(point.decimals)}` : excelDigits);
}

/** The number a workbook cell stores for a value; toPrecision drops the float noise of dividing. */
export function excelValue(point: Pick<DataPoint, 'unit' | 'value'>): number {
  const { excelDivisor } = UNIT_STYLES[point.unit];
  return excelDivisor === 1 ? point.value : Number((point.value / excelDivisor).toPrecision(15));
}
