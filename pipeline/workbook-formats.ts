// Every number format and stored value of the workbook, in one place: a data point's value cell, its key
// figure with the qualifier, a chart axis, and a derived chart series written with a d3 format. When the
// numbers model's units table (issue 12: currency with scale, percentage points, durations) exists, the unit
// part of this file is what moves next to it.
import type { DataPoint, Unit } from './briefing.js';

const UNIT_FORMATS: Record<Unit, (number: string) => string> = {
  percent: (n) => `${n}%`,
  count: (n) => n,
  usd: (n) => `"$"${n}`,
  multiple: (n) => `${n}"×"`,
};

/** The cell format that shows a value as narrative.ts prints it, at the precision its source states. */
export function numberFormat(point: Pick<DataPoint, 'unit' | 'decimals'>): string {
  const number = point.unit === 'percent' ? '0' : '#,##0';
  return UNIT_FORMATS[point.unit](point.decimals > 0 ? `${number}.${'0'.repeat(point.decimals)}` : number);
}

/** As numberFormat, with the qualifier in front as prose says it: "over 30%" stays the number 0.3. */
export function qualifiedFormat(point: DataPoint): string {
  return point.qualifier ? `"${point.qualifier} "${numberFormat(point)}` : numberFormat(point);
}

/** The format of a briefing's date, as precise as the briefing gives it: "2024", "May 2024" or "3 May 2024". */
export function briefingDateFormat(date: string): string {
  return ['yyyy', 'mmmm yyyy', 'd mmmm yyyy'][date.split('-').length - 1]!;
}

/** Percentages are fractions in Excel (5.98% is 0.0598); toPrecision drops the float noise of dividing. */
export function storedValue(point: Pick<DataPoint, 'unit' | 'value'>): number {
  return point.unit === 'percent' ? Number((point.value / 100).toPrecision(15)) : point.value;
}

/** The factor from a data point's value as charts see it (5.98) to the stored cell (0.0598). */
export function storedFactor(unit: Unit): number {
  return unit === 'percent' ? 100 : 1;
}

/**
 * The Excel format for a d3 number format a chart spec gives (".1f", ",.2f", ".0%"), or General for any other:
 * fixed decimals, thousands separators and percentages are all a chart's labels use.
 */
export function formatFromD3(d3: string | undefined): string {
  const match = d3 === undefined ? null : /^(,)?\.(\d)([f%])$/.exec(d3);
  if (!match) return 'General';
  const digits = `${match[1] ? '#,##0' : '0'}${Number(match[2]) > 0 ? `.${'0'.repeat(Number(match[2]))}` : ''}`;
  return match[3] === '%' ? `${digits}%` : digits;
}
