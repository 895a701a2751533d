// Derived data points (pipeline/stages/validate/derive.ts): each kind of derivation, rounding to the point's
// precision, scales and units, and a stated value checked against its inputs within rounding.
import { describe, expect, it } from 'vitest';
import type { DataPointEntry, Table } from '../../../pipeline/model/schema.js';
import { deriveDataPoints, deriveTableCells } from '../../../pipeline/stages/validate/derive.js';

const point = (id: string, changes: Partial<DataPointEntry>): DataPointEntry => ({
  id, label: id, decimals: 0, unit: 'percent', period: { label: '2024' }, source: 's', ...changes,
});
const valuesOf = (entries: DataPointEntry[]) => {
  const { points, problems } = deriveDataPoints(entries);
  return { values: Object.fromEntries(points.map((p) => [p.id, p.value])), problems };
};

describe('derived data points', () => {
  it('computes differences, ratios, sums, growth and CAGR projections at the point precision', () => {
    const { values, problems } = valuesOf([
      point('a', { value: 258, unit: 'days' }),
      point('b', { value: 277, unit: 'days' }),
      point('change', { unit: 'days', change: true, derive: { difference: ['a', 'b'] } }),
      point('share-2024', { value: 42 }),
      point('share-2023', { value: 33 }),
      point('points', { unit: 'percentage-points', change: true, derive: { difference: ['share-2024', 'share-2023'] } }),
      point('high', { value: 5.74, decimals: 2, unit: 'currency', currency: 'USD', scale: 'million' }),
      point('low', { value: 3.98, decimals: 2, unit: 'currency', currency: 'USD', scale: 'million' }),
      point('ratio', { decimals: 2, unit: 'multiple', derive: { ratio: ['high', 'low'] } }),
      point('total', { decimals: 3, unit: 'currency', currency: 'USD', scale: 'billion', derive: { sum: ['high', 'low'] } }),
      point('growth', { decimals: 1, change: true, derive: { growth: ['high', 'low'] } }),
      point('rate', { value: 37.3, decimals: 1 }),
      point('projected', { decimals: 2, unit: 'currency', currency: 'USD', scale: 'million', derive: { 'cagr-projection': { base: 'low', rate: 'rate', years: 7 } } }),
    ]);
    expect(problems).toEqual([]);
    expect(values).toMatchObject({ change: -19, points: 9, ratio: 1.44, total: 0.01, growth: 44.2, projected: 36.61 });
  });

  it('accepts a stated value within rounding of its inputs and reports one beyond it', () => {
    const inputs = [
      point('high', { value: 5.74, decimals: 2, unit: 'currency', currency: 'USD', scale: 'million' }),
      point('low', { value: 3.98, decimals: 2, unit: 'currency', currency: 'USD', scale: 'million' }),
    ];
    const stated = (value: number) => point('gap', { value, decimals: 2, unit: 'currency', currency: 'USD', scale: 'million', change: true, derive: { difference: ['high', 'low'] } });
    expect(valuesOf([...inputs, stated(1.76)]).problems).toEqual([]);
    expect(valuesOf([...inputs, stated(1.77)]).problems).toEqual([]);
    expect(valuesOf([...inputs, stated(1.8)]).problems).toMatchObject([{ kind: 'disagrees', index: 2, stated: 1.8 }]);
  });

  it('reports missing values, unknown inputs, cycles and units that do not fit', () => {
    expect(valuesOf([point('x', {})]).problems).toEqual([{ kind: 'missing', index: 0 }]);
    expect(valuesOf([point('x', { derive: { difference: ['y', 'z'] } }), point('y', { value: 1 })]).problems).toMatchObject([{ kind: 'unknown', input: 'z', path: ['difference', 1] }]);
    expect(valuesOf([point('x', { derive: { sum: ['y', 'x'] } }), point('y', { value: 1 })]).problems.map((p) => p.kind)).toContain('cycle');
    expect(valuesOf([point('x', { unit: 'days', derive: { growth: ['y', 'z'] } }), point('y', { value: 2 }), point('z', { value: 1 })]).problems).toMatchObject([{ kind: 'units' }]);
  });

  it('computes a table column per row and checks a stated cell', () => {
    const money = { type: 'number', unit: 'currency', currency: 'USD', scale: 'million', decimals: 2 } as const;
    const table: Table = {
      id: 't', title: 't', sheet: 't', caption: 'c', key: 'k',
      columns: [{ id: 'k', label: 'k', type: 'text' as const }, { id: 'a', label: 'a', ...money }, { id: 'b', label: 'b', ...money }, { id: 'd', label: 'd', ...money, change: true, derive: { difference: ['b', 'a'] as [string, string] } }],
      rows: [{ k: 'US', a: 9.48, b: 9.36 }, { k: 'ME', a: 8.07, b: 8.75, d: 0.7 }],
    };
    const { table: derived, problems } = deriveTableCells(table);
    expect(derived.rows[0]!.d).toBe(-0.12);
    expect(problems).toMatchObject([{ row: 1, column: 'd', stated: 0.7 }]);
  });
});
