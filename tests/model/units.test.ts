// One units table: how each unit prints, the Excel format that shows the same over the real quantity, and how a
// difference is said.
import { describe, expect, it } from 'vitest';
import type { DataPoint } from '../../pipeline/model/briefing.js';
import { excelNumberFormat, formatDifference, formatValue, formatValueInProse, quantityOf, storedValue, UNIT_STYLES } from '../../pipeline/model/units.js';

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

  it('signs the value as printed: one that rounds to zero has no sign, and one that rounds away from zero keeps it', () => {
    expect(formatValue(point({ value: -0.04, decimals: 1, unit: 'percent', change: true }))).toBe('0.0%');
    expect(formatValue(point({ value: 0.04, decimals: 1, unit: 'percent', change: true }))).toBe('0.0%');
    expect(formatValue(point({ value: -0.4, unit: 'days' }))).toBe('0 days');
    expect(formatValue(point({ value: -0.05, decimals: 1, unit: 'percent', change: true }))).toBe('\u22120.1%');
    expect(formatDifference({ unit: 'percent', decimals: 1 }, -0.001)).toBe('0.0 pp');
    expect(formatDifference({ unit: 'percent', decimals: 1 }, 0.001)).toBe('0.0 pp');
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
    // A market report's trillions: the quantity, and Excel's four commas for what the document prints.
    expect(quantityOf({ ...usdMillions, scale: 'trillion', decimals: 2 }, 1.03)).toBe(1030000000000);
    expect(excelNumberFormat(point({ decimals: 2, ...usdMillions, scale: 'trillion' }))).toBe('"$"#,##0.00,,,," trillion"');
    expect(excelNumberFormat(point({ unit: 'days', change: true }))).toBe('"+"#,##0" days";"\u2212"#,##0" days";#,##0" days"');
    expect(excelNumberFormat(point({ decimals: 1, unit: 'multiple' }))).toBe('#,##0.0"×"');
  });

  it('prints every qualifier, unit and currency symbol in its own words', () => {
    const qualified = (['over', 'more-than', 'at-least', 'under', 'less-than', 'up-to', 'about', 'nearly', 'almost'] as const).map((qualifier) => formatValueInProse(point({ value: 3, qualifier })));
    expect(qualified).toEqual(['over 3', 'more than 3', 'at least 3', 'under 3', 'less than 3', 'up to 3', 'about 3', 'nearly 3', 'almost 3']);
    expect(formatValue(point({ value: 2, unit: 'years' }))).toBe('2 years');
    expect(formatValue(point({ value: 1, unit: 'years' }))).toBe('1 year');
    expect(formatValue(point({ value: 1, unit: 'days' }))).toBe('1 day');
    expect(formatValue(point({ value: 1, decimals: 1, unit: 'count', scale: 'million' }))).toBe('1.0 million');
    expect(formatValue(point({ value: 1234.5, decimals: 1, unit: 'index' }))).toBe('1,234.5');
    expect(formatValue(point({ value: 1234.5, decimals: 1, unit: 'number' }))).toBe('1,234.5');
    expect(formatValue(point({ value: 3, unit: 'currency', currency: 'GBP' }))).toBe('£3');
    expect(formatValue(point({ value: 3, unit: 'currency', currency: 'JPY' }))).toBe('¥3');
    // Validation refuses a currency amount without its code (BP314); printed anyway, it has no symbol.
    expect(formatValue(point({ value: 3, unit: 'currency' }))).toBe('3');
  });

  it('gives every unit an Excel format, the scale as trailing commas, and none on a percentage', () => {
    const format = (changes: Partial<DataPoint>) => excelNumberFormat(point(changes));
    expect(format({ unit: 'percentage-points', decimals: 1 })).toBe('#,##0.0" pp"');
    expect(format({ unit: 'months' })).toBe('#,##0" months"');
    expect(format({ unit: 'years' })).toBe('#,##0" years"');
    expect(format({ unit: 'index', decimals: 1 })).toBe('#,##0.0');
    expect(format({ unit: 'number' })).toBe('#,##0');
    expect(format({ unit: 'currency', currency: 'GBP', scale: 'thousand' })).toBe('"£"#,##0," thousand"');
    expect(format({ unit: 'currency', currency: 'CHF', scale: 'billion', decimals: 1 })).toBe('"CHF "#,##0.0,,," billion"');
    expect(format({ unit: 'percent', scale: 'million', decimals: 1 })).toBe('0.0%');
  });

  it('knows the words after a number that make it a figure of each unit in prose', () => {
    const marks = (unit: keyof typeof UNIT_STYLES, after: string) => new RegExp(`^(?:${UNIT_STYLES[unit].proseAfter})$`).test(after);
    expect(['%', ' %', ' percent', ' per cent'].filter((after) => marks('percent', after))).toHaveLength(4);
    expect([' pp', 'pp', ' percentage points', ' percentage point'].filter((after) => marks('percentage-points', after))).toHaveLength(4);
    expect([' days', ' day', 'days'].filter((after) => marks('days', after))).toHaveLength(3);
    expect([' months', ' month', ' years', ' year'].map((after) => marks(after.includes('month') ? 'months' : 'years', after))).toEqual([true, true, true, true]);
    expect(marks('multiple', '×')).toBe(true);
    expect(marks('percent', ' days') || marks('days', '%') || marks('months', ' years')).toBe(false);
    expect(UNIT_STYLES.count.proseAfter).toBeUndefined();
  });

  it('says a difference in percentage points for percentages, in the unit otherwise', () => {
    expect(formatDifference({ unit: 'percent', decimals: 2 }, 0.58)).toBe('+0.58 pp');
    expect(formatDifference({ unit: 'currency', currency: 'USD', decimals: 1 }, -1.5)).toBe('\u2212$1.5');
    expect(formatDifference({ unit: 'count', decimals: 0 }, 12)).toBe('+12');
  });
});
