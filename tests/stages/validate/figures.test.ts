// Figures in prose (pipeline/stages/validate/figures.ts) and their binding to a data point (binding.ts): what counts
// as a figure, its unit, scale, sign and qualifier, and which data point it states.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DataPoint } from '../../../pipeline/model/briefing.js';
import { bindFigure } from '../../../pipeline/stages/validate/binding.js';
import { scanFigures, sentences } from '../../../pipeline/stages/validate/figures.js';
import { VEGA_LITE_MARKS } from '../../../pipeline/stages/validate/checks/charts.js';

const written = (text: string) => scanFigures(text).map((f) => f.text);

const point = (id: string, label: string, value: number, changes: Partial<DataPoint> = {}): DataPoint => ({
  id, label, value, decimals: 0, unit: 'percent', period: { label: '2024', start: '2024-01-01', end: '2024-12-31' }, source: 's', ...changes,
});

describe('figures in prose', () => {
  it('finds percentages, points, currencies with scale, counts, durations, multiples and signed values', () => {
    expect(written('reaching 5.98% in May, 5.4 % in August, nearly 6 percent, a 7 pp gap, 7 percentage points, −4.9%')).toEqual(['5.98%', '5.4 %', '6 percent', '7 pp', '7 percentage points', '−4.9%']);
    expect(written('$4.88 million, €4.49m, US$173, 4.8 million people, 4,900,000 and 367,301 jobs, 258 days, 10 months, 9.2×')).toEqual(['$4.88 million', '€4.49m', 'US$173', '4.8 million', '4,900,000', '367,301', '258 days', '10 months', '9.2×']);
    expect(scanFigures('costs $4.88 million')[0]).toMatchObject({ unit: 'currency', currency: 'USD', number: 4.88, decimals: 2, scale: 1e6 });
    // A trillion is a scale, not the end of "$1.03".
    expect(scanFigures('a market of $1.03 trillion by 2030')[0]).toMatchObject({ text: '$1.03 trillion', unit: 'currency', number: 1.03, scale: 1e12 });
    expect(scanFigures('about $1.2tn and €3trn')).toMatchObject([{ number: 1.2, scale: 1e12 }, { currency: 'EUR', number: 3, scale: 1e12 }]);
  });

  it('ignores years, dates, ordinals, counts without separators and what is not prose', () => {
    expect(written('In 2023 and by 2030 (2023–2030), on 2024-05-01, July 30, 2024, the 19th edition, section 4.2, 16 countries, a 7-year low.')).toEqual([]);
    expect(written('{{dp:x}} {{text:3,556}} {{table:t}} [@mckinsey-2024] `50%` https://example.org/50%\n```\n75%\n```\n')).toEqual([]);
  });

  it('reads qualifiers and directions, and levels after from / to', () => {
    const [level, from] = scanFigures('fell to a low of 258 days, down from 277 days');
    expect(level!.direction).toBeUndefined();
    expect(from!.direction).toBeUndefined();
    expect(scanFigures('up 10% on the year')[0]!.direction).toEqual({ sign: 1, explicit: false });
    expect(scanFigures('rose sharply, by 27%')[0]!.direction).toEqual({ sign: 1, explicit: false });
    expect(scanFigures('costs $2.2 million lower')[0]!.direction).toEqual({ sign: -1, explicit: false });
    expect(scanFigures('saved nearly $1 million')[0]).toMatchObject({ qualifier: 'approximate', direction: { sign: -1 } });
    expect(scanFigures('took more than 100 days')[0]).toMatchObject({ qualifier: 'lower' });
  });

  it('splits sentences, not at decimals or one-letter abbreviations', () => {
    const text = 'In the U.S. the average was $9.36 million. Healthcare fell.';
    expect(sentences(text).map(([a, b]) => text.slice(a, b).trim())).toEqual(['In the U.S. the average was $9.36 million.', 'Healthcare fell.']);
  });
});

describe('binding a figure to its data point', () => {
  const points = [
    point('may', 'AI jobs as a share of software postings', 5.98, { decimals: 2, period: { label: 'May 2024' } }),
    point('aug', 'AI jobs as a share of software postings', 5.4, { decimals: 1, period: { label: 'Aug 2024' } }),
    point('hours', 'Work hours AI could automate', 30, { qualifier: 'over' }),
    point('disrupted', 'Organizations reporting significant disruption', 70),
    point('recovered', 'Organizations able to fully recover', 12),
    point('change', 'Change in average cost', 10, { change: true }),
    point('lifecycle', 'Change in the breach lifecycle', -19, { unit: 'days', change: true }),
  ];
  const bind = (text: string) => bindFigure(scanFigures(text)[0]!, points);

  it('binds at the precision written, with the qualifier family and sign of the data', () => {
    expect(bind('AI jobs were 5.98% of postings in May')).toMatchObject({ kind: 'bound', point: { id: 'may' } });
    expect(bind('AI jobs were about 6% of postings')).toMatchObject({ kind: 'bound', point: { id: 'may' } });
    expect(bind('over 30% of work hours')).toMatchObject({ kind: 'bound', point: { id: 'hours' } });
    expect(bind('more than 30% of work hours')).toMatchObject({ kind: 'bound', point: { id: 'hours' } });
    expect(bind('the cost rose 10%')).toMatchObject({ kind: 'bound', point: { id: 'change' } });
    expect(bind('the lifecycle fell by 19 days')).toMatchObject({ kind: 'bound', point: { id: 'lifecycle' } });
  });

  it('rejects another bound, more digits, the wrong sign, and another value', () => {
    expect(bind('30% of work hours')).toMatchObject({ kind: 'qualifier', point: { id: 'hours' } });
    expect(bind('5.980% of postings')).toMatchObject({ kind: 'precision', point: { id: 'may' } });
    expect(bind('the cost fell 10%')).toMatchObject({ kind: 'none' });
    expect(bind('the lifecycle rose by 19 days')).toMatchObject({ kind: 'none' });
    expect(bind('AI jobs were 5.9% of postings')).toMatchObject({ kind: 'none', nearest: { id: 'may' } });
  });

  it('rejects a value of the source that its words do not name', () => {
    expect(bind('Only 70% were able to fully recover')).toMatchObject({ kind: 'other', matched: { id: 'disrupted' }, named: { id: 'recovered' } });
    expect(bind('AI jobs reached 5.4% of postings in May 2024')).toMatchObject({ kind: 'other', matched: { id: 'aug' }, named: { id: 'may' } });
  });

  it('calls a figure two data points could be ambiguous', () => {
    const twins = [point('prices', 'Plan to raise prices', 63), point('budgets', 'Plan to raise budgets', 63)];
    expect(bindFigure(scanFigures('63% said so')[0]!, twins)).toMatchObject({ kind: 'ambiguous' });
    expect(bindFigure(scanFigures('63% plan to raise prices')[0]!, twins)).toMatchObject({ kind: 'bound', point: { id: 'prices' } });
  });
});

describe('chart marks', () => {
  it('lists the mark types of the installed Vega-Lite schema', () => {
    const schema = JSON.parse(readFileSync(new URL(import.meta.resolve('vega-lite/vega-lite-schema.json')), 'utf8'));
    const composite = schema.definitions.CompositeMark.anyOf.map((ref: { $ref: string }) => ref.$ref.split('/').at(-1)!.toLowerCase());
    expect([...VEGA_LITE_MARKS].sort()).toEqual([...schema.definitions.Mark.enum, ...composite].sort());
  });
});
