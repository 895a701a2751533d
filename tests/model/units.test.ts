// One units table: how each unit prints, the Excel format that shows the same, and how a change is said.
import { describe, expect, it } from 'vitest';
import type { DataPoint } from '../../pipeline/model/briefing.js';
import { excelNumberFormat, excelValue, formatValue, formatValueInProse, UNIT_STYLES } from '../../pipeline/model/units.js';

const point = (changes: Partial<DataPoint>): DataPoint => ({
  id: 'x', label: 'x', value: 0, decimals: 0, unit: 'count', period: { label: '2024', start: '2024-01-01', end: '2024-12-31' }, source: 's', ...changes,
});

describe('units', () => {
  it('prints each unit at the precision the source states, with its qualifier in prose', () => {
    expect(formatValue(point({ value: 5.98, decimals: 2, unit: 'percent' }))).toBe('5.98%');
    expect(formatValue(point({ value: 5.4, decimals: 2, unit: 'percent' }))).toBe('5.40%');
    expect(formatValue(point({ value: 1234567, decimals: 0, unit: 'count' }))).toBe('1,234,567');
    expect(formatValue(point({ value: 4.2, decimals: 1, unit: 'usd' }))).toBe('$4.2');
    expect(formatValue(point({ value: 9.2, decimals: 1, unit: 'multiple' }))).toBe('9.2×');
    expect(formatValueInProse(point({ value: 30, unit: 'percent', qualifier: 'over' }))).toBe('over 30%');
  });

  it('gives each unit the Excel format that shows what the document prints', () => {
    expect(excelNumberFormat(point({ value: 5.98, decimals: 2, unit: 'percent' }))).toBe('0.00%');
    expect(excelNumberFormat(point({ value: 30, decimals: 0, unit: 'percent' }))).toBe('0%');
    expect(excelNumberFormat(point({ value: 1200, decimals: 0, unit: 'count' }))).toBe('#,##0');
    expect(excelNumberFormat(point({ value: 2.5, decimals: 2, unit: 'usd' }))).toBe('"$"#,##0.00');
    expect(excelNumberFormat(point({ value: 9.2, decimals: 1, unit: 'multiple' }))).toBe('#,##0.0"×"');
  });

  it('stores a percentage as the fraction Excel means by it, without float noise, and other units as they are', () => {
    expect(excelValue(point({ value: 5.98, unit: 'percent' }))).toBe(0.0598);
    expect(excelValue(point({ value: 37.3, unit: 'percent' }))).toBe(0.373);
    expect(excelValue(point({ value: 1200, unit: 'count' }))).toBe(1200);
    expect(excelValue(point({ value: 9.2, unit: 'multiple' }))).toBe(9.2);
  });

  it('says a change in percentage points for percentages, in the unit otherwise', () => {
    expect(UNIT_STYLES.percent.change('0.58')).toBe('0.58 pp');
    expect(UNIT_STYLES.usd.change('1.5')).toBe('$1.5');
    expect(UNIT_STYLES.count.change('12')).toBe('12');
  });
});
