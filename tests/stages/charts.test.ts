import { beforeAll, describe, expect, it } from 'vitest';
import { buildVegaLiteSpec, type ChartSvg } from '../../pipeline/model/chart-spec.js';
import type { ResolvedBriefing } from '../../pipeline/model/resolved.js';
import { drawnCharts } from '../support/stages.js';
import { changedBriefing, loadDefaultBriefing } from '../support/default-briefing.js';

let briefing: ResolvedBriefing;
let charts: ChartSvg[];
beforeAll(async () => {
  briefing = await loadDefaultBriefing();
  ({ charts } = await drawnCharts(briefing));
});

const byId = (id: string) => charts.find((c) => c.id === id)!;
const resolvedChart = (id: string) => briefing.chartsById.get(id)!;
const svgText = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('charts', () => {
  it('renders every chart of the briefing to SVG without a browser', () => {
    expect(charts.map((c) => c.id).sort()).toEqual(['ai-market-growth-projection', 'ai-share-software-postings', 'postings-demanding-ai-skills']);
    for (const chart of charts) {
      expect(chart.svg.startsWith('<svg')).toBe(true);
      expect(chart.width).toBeGreaterThan(100);
      expect(chart.height).toBeGreaterThan(80);
    }
  });

  it('draws the data points themselves, labelled at their stated precision', () => {
    const share = byId('ai-share-software-postings');
    expect(resolvedChart('ai-share-software-postings').rows.map((r) => [r.periodLabel, r.value])).toEqual([['May 2024', 5.98], ['Aug 2024', 5.4]]);
    expect(svgText(share.svg)).toEqual(expect.arrayContaining(['5.98%', '5.4%', 'May 2024', 'Aug 2024']));
    expect(svgText(byId('postings-demanding-ai-skills').svg)).toEqual(expect.arrayContaining(['1.4%', '1.8%', '2023', '2024']));
  });

  it('derives the market projection from the CAGR data point: 1.0 in 2023 to about 9.2 in 2030', () => {
    const projection = resolvedChart('ai-market-growth-projection');
    expect(projection.rows).toHaveLength(1);
    expect(projection.rows[0]!.value).toBe(37.3);
    expect(svgText(byId('ai-market-growth-projection').svg)).toEqual(expect.arrayContaining(['1.0', '9.2', '2023', '2030']));
    expect(projection.caption).toContain('Projection derived from the 37.3% CAGR');
  });

  it('gives each chart a title, a source line by citation number and a text alternative with the numbers', () => {
    expect(resolvedChart('ai-share-software-postings').alt).toBe('Bar chart: AI jobs were 5.98% of software job postings in May 2024 and 5.4% in August 2024.');
    expect(resolvedChart('ai-market-growth-projection').title).toBe('AI market size implied by a 37.3% CAGR, 2023 = 1.0');
    expect(briefing.charts.map((chart) => [chart.id, chart.sourceLine])).toEqual([
      ['ai-share-software-postings', `Source: [${briefing.sourcesByKey.get('aura-2024')!.number}].`],
      ['ai-market-growth-projection', `Source: [${briefing.sourcesByKey.get('skills-coalition-2024')!.number}].`],
      ['postings-demanding-ai-skills', `Source: [${briefing.sourcesByKey.get('ieee-spectrum-2025')!.number}].`],
    ]);
  });

  it('uses the embedded font and prefixes element ids so charts can share a page', () => {
    for (const chart of charts) {
      expect(chart.svg).toContain('IBM Plex Sans');
      for (const [, id] of chart.svg.matchAll(/\sid="([^"]+)"/g)) expect(id!.startsWith(`${chart.id}-`)).toBe(true);
    }
  });

  it('returns SVG only: nothing is rasterized unless a workbook is built', () => {
    for (const chart of charts) expect(Object.keys(chart).sort()).toEqual(['height', 'id', 'phoneSvg', 'svg', 'width']);
  });

  it('draws every chart at one width, the unit on the value ticks and the domain ending on a tick past the largest value', () => {
    expect(new Set(charts.map((chart) => chart.width))).toEqual(new Set([charts[0]!.width]));
    expect(svgText(byId('ai-share-software-postings').svg)).toEqual(expect.arrayContaining(['0%', '6%']));
    // 1.8% is the largest value: the axis goes on to 2.0%, not stopping at 1.5%
    expect(svgText(byId('postings-demanding-ai-skills').svg)).toContain('2.0%');
    // no background of its own: the page's shows through, light or dark
    for (const chart of charts) expect(chart.svg).not.toMatch(/<rect[^>]*fill="white"/);
  });

  it('leaves a value axis the author turned off, or damaged, as written', () => {
    const chart = briefing.briefing.charts.find((c) => c.id === 'ai-share-software-postings')!;
    const rows = resolvedChart('ai-share-software-postings').rows;
    expect(() => buildVegaLiteSpec({ ...chart, spec: { mark: 'bar', encoding: { x: null, y: 'value' } } }, rows, '')).not.toThrow();
    const off = buildVegaLiteSpec({ ...chart, spec: { mark: 'bar', encoding: { x: { field: 'value', type: 'quantitative', axis: null } } } }, rows, '');
    expect(JSON.stringify(off)).toContain('"axis":null');
  });

  it("reports what Vega-Lite warns about a chart as drawn, at the chart's spec", async () => {
    const [first, ...rest] = briefing.briefing.charts;
    // An encoding channel the mark cannot use: Vega-Lite drops it and says so.
    const spec = { ...first!.spec, encoding: { ...(first!.spec.encoding as object), shape: { field: 'label', type: 'nominal' } } };
    const { diagnostics: warnings } = await drawnCharts(changedBriefing(briefing, { charts: [{ ...first!, spec }, ...rest] }));
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) {
      expect(warning).toMatchObject({ code: 'BP404', severity: 'warning', file: briefing.briefing.chartSpecs.get(first!.id)!.file });
      expect(warning.message).toContain(`Vega-Lite warns about chart "${first!.id}"`);
    }
    expect((await drawnCharts(briefing)).diagnostics).toEqual([]);
  });

  it('a link on a mark that got past validation fails the stage with its reason, leaving no unhandled rejection', async () => {
    const chart = resolvedChart('ai-share-software-postings');
    const linked = changedBriefing(briefing, {
      charts: [{ ...briefing.briefing.charts.find((c) => c.id === chart.id)!, spec: { mark: { type: 'bar', href: 'javascript:alert(1)' }, encoding: { x: { field: 'value', type: 'quantitative' } } } }],
    });
    await expect(drawnCharts(linked)).rejects.toThrow(/^chart "ai-share-software-postings" refers to javascript:alert\(1\)/);
    // Vega's renderer reports a refused link asynchronously; give it the chance to.
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
