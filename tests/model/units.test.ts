// One units table: how each unit prints, the Excel format that shows the same over the real quantity, and how a
// difference is said.
import { describe, expect, it } from 'vitest';
import type { DataPoint } from '../../pipeline/model/briefing.js';
import { excelNumberFormat, formatDifference, formatValue, formatValueInProse, quantityOf, storedValue } from '../../pipeline/model/units.js';

const point = (changes: Partial<DataPoint>): DataPoint => ({
  id: 'x', label: 'x', value: 0, decimals: 0, unit: 'count', period: { label: '2024', start: '2024-01-01', end: '2024-12-31' }, source: 's', ...changes,
});
const usdMillions = { unit: 'currency', currency: 'USD', scale: 'million' } as const;

describe('units', () => {
  it('prints each unit at the precision the source states, with its qualifier in prose', () => {
    expect(formatValue(point({ value: 5.98, decimals: 2, unit: 'percent' }))).toBe('5.98%');
    expect(formatValue(point({ value: 5.4, decimals: 2, unit: 'percent' }))).toBe('5.40%');
    expect(formatValue(point({ value: 7, unit: 'percentage-points', change: true }))).toBe('+7 pp');
    expect(formatValue(point({ value: 1234567, unit: 'count' }))).toBe('1,234,567');
    expect(formatValue(point({ value: 4.8, decimals: 1, unit: 'count', scale: 'million' }))).toBe('4.8 million');
    expect(formatValue(point({ value: 4.88, decimals: 2, ...usdMillions }))).toBe('$4.88 million');
    expect(formatValue(point({ value: 4.49, decimals: 2, ...usdMillions, currency: 'EUR' }))).toBe('€4.49 million');
    expect(formatValue(point({ value: 42, unit: 'currency', currency: 'CHF' }))).toBe('CHF 42');
    expect(formatValue(point({ value: 258, unit: 'days' }))).toBe('258 days');
    expect(formatValue(point({ value: 1, unit: 'months' }))).toBe('1 month');
    expect(formatValue(point({ value: 9.2, decimals: 1, unit: 'multiple' }))).toBe('9.2×');
    expect(formatValueInProse(point({ value: 30, unit: 'percent', qualifier: 'over' }))).toBe('over 30%');
    expect(formatValueInProse(point({ value: 100, unit: 'days', qualifier: 'more-than' }))).toBe('more than 100 days');
  });

  it('signs changes with a plus and negatives with a true minus', () => {
    expect(formatValue(point({ value: 10, unit: 'percent', change: true }))).toBe('+10%');
    expect(formatValue(point({ value: -19, unit: 'days', change: true }))).toBe('\u221219 days');
    expect(formatValue(point({ value: -2.2, decimals: 1, ...usdMillions, change: true }))).toBe('\u2212$2.2 million');
    expect(formatValue(point({ value: -4.9, decimals: 1, unit: 'percent' }))).toBe('\u22124.9%');
  });

  it('stores the real quantity and gives the Excel format that shows what the document prints', () => {
    expect(quantityOf({ ...usdMillions, decimals: 2 }, 4.88)).toBe(4880000);
    expect(storedValue({ ...usdMillions, decimals: 2 }, 4.88)).toBe(4880000);
    expect(storedValue({ unit: 'percent', decimals: 2 }, 5.98)).toBe(0.0598);
    expect(storedValue({ unit: 'percent', decimals: 1 }, 37.3)).toBe(0.373);
    expect(excelNumberFormat(point({ decimals: 2, unit: 'percent' }))).toBe('0.00%');
    expect(excelNumberFormat(point({ unit: 'count' }))).toBe('#,##0');
    expect(excelNumberFormat(point({ decimals: 2, ...usdMillions }))).toBe('"$"#,##0.00,," million"');
    expect(excelNumberFormat(point({ unit: 'count', scale: 'thousand' }))).toBe('#,##0," thousand"');
    expect(excelNumberFormat(point({ decimals: 1, unit: 'count', scale: 'billion' }))).toBe('#,##0.0,,," billion"');
    expect(quantityOf({ unit: 'count', scale: 'thousand', decimals: 0 }, 12)).toBe(12000);
    expect(quantityOf({ unit: 'count', scale: 'billion', decimals: 1 }, 2.5)).toBe(2500000000);
    expect(excelNumberFormat(point({ unit: 'days', change: true }))).toBe('"+"#,##0" days";"\u2212"#,##0" days";#,##0" days"');
    expect(excelNumberFormat(point({ decimals: 1, unit: 'multiple' }))).toBe('#,##0.0"×"');
  });

  it('says a difference in percentage points for percentages, in the unit otherwise', () => {
    expect(formatDifference({ unit: 'percent', decimals: 2 }, 0.58)).toBe('+0.58 pp');
    expect(formatDifference({ unit: 'currency', currency: 'USD', decimals: 1 }, -1.5)).toBe('\u2212$1.5');
    expect(formatDifference({ unit: 'count', decimals: 0 }, 12)).toBe('+12');
  });
});
