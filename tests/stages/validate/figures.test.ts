// The rule for figures in prose (pipeline/stages/validate/figures.ts): what counts as a figure, and when it agrees
// with a data point.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DataPoint, Unit } from '../../../pipeline/model/briefing.js';
import { compareWithData, scanFigures } from '../../../pipeline/stages/validate/figures.js';
import { VEGA_LITE_MARKS } from '../../../pipeline/stages/validate/checks/charts.js';
import { loadDefaultBriefing } from '../../support/default-briefing.js';

const percentOnly = new Set<Unit>(['percent']);
const written = (text: string, units: ReadonlySet<Unit> = percentOnly) => scanFigures(text, units).map((f) => f.text);

const point = (id: string, value: number, decimals: number, unit: Unit = 'percent', qualifier?: DataPoint['qualifier']): DataPoint => ({
  id, label: id, value, decimals, unit, ...(qualifier ? { qualifier } : {}), period: { label: '2024', start: '2024-01-01', end: '2024-12-31' }, source: 's',
});

describe('figures in prose', () => {
  it('finds numbers with a percent sign or the word percent, with the qualifier before them', () => {
    expect(written('reaching 5.98% in May, 5.4 % in August, over 30% of hours, nearly 6 percent, up to -3%')).toEqual(['5.98%', '5.4 %', 'over 30%', 'nearly 6 percent', '-3%']);
    expect(scanFigures('AI could automate over\n  30% of hours', percentOnly)[0]).toMatchObject({ text: 'over 30%', qualifier: 'over', number: 30, decimals: 0, offset: 18 });
  });

  it('ignores years, dates, section numbers, ranges of years, counts and what is not prose', () => {
    expect(written('In 2023 and by 2030 (2023–2030), on 2024-05-01, section 4.2 lists 12 roles.')).toEqual([]);
    expect(written('{{dp:ai-market-cagr-2023-2030}} [@mckinsey-2024] `50%` https://example.org/50%\n```\n75%\n```\n')).toEqual([]);
  });

  it('counts $ and × only when a data point uses that unit', () => {
    const text = 'a $4.2 billion market, 9.2× its size, 3x faster';
    expect(written(text)).toEqual([]);
    const figures = scanFigures(text, new Set<Unit>(['percent', 'usd', 'multiple']));
    expect(figures.map((f) => [f.text, f.unit, f.number, f.scale])).toEqual([['$4.2 billion', 'usd', 4.2, 1e9], ['9.2×', 'multiple', 9.2, 1], ['3x', 'multiple', 3, 1]]);
  });

  it('agrees with a data point at the precision the prose states', () => {
    const points = [point('may', 5.98, 2), point('over', 30, 0, 'percent', 'over'), point('cagr', 37.3, 1)];
    const agreement = (text: string) => compareWithData(scanFigures(text, percentOnly)[0]!, points);
    expect(agreement('5.98%')).toMatchObject({ kind: 'match', points: [{ id: 'may' }] });
    expect(agreement('6%')).toMatchObject({ kind: 'match', points: [{ id: 'may' }] });
    expect(agreement('about 6%')).toMatchObject({ kind: 'match' });
    expect(agreement('over 30%')).toMatchObject({ kind: 'match', points: [{ id: 'over' }] });
    expect(agreement('more than 30%')).toMatchObject({ kind: 'match', points: [{ id: 'over' }] });
    expect(agreement('30%')).toMatchObject({ kind: 'qualifier', point: { id: 'over' } });
    expect(agreement('5.980%')).toMatchObject({ kind: 'precision', point: { id: 'may' } });
    expect(agreement('5.9%')).toMatchObject({ kind: 'none', nearest: { id: 'may' } });
    expect(agreement('37.8%')).toMatchObject({ kind: 'none', nearest: { id: 'cagr' } });
    expect(compareWithData(scanFigures('$5', new Set<Unit>(['usd']))[0]!, points)).toEqual({ kind: 'none' });
  });

  it('finds every figure of the default briefing in its data', async () => {
    const briefing = await loadDefaultBriefing();
    const units = new Set(briefing.dataPoints.map((p) => p.unit));
    const texts = [briefing.meta.summary, ...briefing.sections.map((s) => s.markdown)];
    const figures = texts.flatMap((text) => scanFigures(text, units));
    expect(new Set(figures.map((f) => f.text))).toEqual(new Set(['5.98%', '5.4%', '1.4%', '1.8%', '37.3%', 'over 30%']));
    for (const figure of figures) expect(compareWithData(figure, briefing.dataPoints).kind, figure.text).toBe('match');
  });
});

describe('chart marks', () => {
  it('lists the mark types of the installed Vega-Lite schema', () => {
    const schema = JSON.parse(readFileSync(new URL(import.meta.resolve('vega-lite/vega-lite-schema.json')), 'utf8'));
    const composite = schema.definitions.CompositeMark.anyOf.map((ref: { $ref: string }) => ref.$ref.split('/').at(-1)!.toLowerCase());
    expect([...VEGA_LITE_MARKS].sort()).toEqual([...schema.definitions.Mark.enum, ...composite].sort());
  });
});
