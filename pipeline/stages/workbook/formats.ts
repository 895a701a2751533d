// The workbook's own number formats, beside the units table's (model/units.ts: a data point's format and stored
// value): a key figure with its qualifier, a briefing date as precise as it is given, and a derived chart series
// written with a d3 format.
import type { DataPoint } from '../../model/briefing.js';
import { excelNumberFormat, QUALIFIER_WORDS } from '../../model/units.js';

/** As excelNumberFormat, with the qualifier in front as prose says it: "over 30%" stays the number 0.3. */
export function qualifiedFormat(point: DataPoint): string {
  const format = excelNumberFormat(point);
  // A change's format has a section per sign; each gets the words.
  return point.qualifier ? format.split(';').map((section) => `"${QUALIFIER_WORDS[point.qualifier!]} "${section}`).join(';') : format;
}

/** The format of a briefing's date, as precise as the briefing gives it: "2024", "May 2024" or "3 May 2024". */
export function briefingDateFormat(date: string): string {
  return ['yyyy', 'mmmm yyyy', 'd mmmm yyyy'][date.split('-').length - 1]!;
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
