import { beforeAll, describe, expect, it } from 'vitest';
import { renderCharts } from '../../pipeline/stages/charts/index.js';
import { loadDefaultBriefing } from '../support/default-briefing.js';
import type { RenderedChart } from '../../pipeline/model/chart-spec.js';

let charts: RenderedChart[];
beforeAll(async () => {
  charts = await renderCharts(await loadDefaultBriefing());
});

const byId = (id: string) => charts.find((c) => c.id === id)!;
const svgText = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('charts', () => {
  it('renders every chart of the briefing to SVG without a browser', () => {
    expect(charts.map((c) => c.id).sort()).toEqual(['ai-market-growth-projection', 'ai-share-software-postings', 'postings-demanding-ai-skills']);
    for (const chart of charts) {
      expect(chart.svg.startsWith('<svg')).toBe(true);
      expect(chart.width).toBeGreaterThan(100);
      expect(chart.height).toBeGreaterThan(100);
    }
  });

  it('draws the data points themselves, labelled at their stated precision', () => {
    const share = byId('ai-share-software-postings');
    expect(share.rows.map((r) => [r.periodLabel, r.value])).toEqual([['May 2024', 5.98], ['Aug 2024', 5.4]]);
    expect(svgText(share.svg)).toEqual(expect.arrayContaining(['5.98%', '5.4%', 'May 2024', 'Aug 2024']));
    expect(svgText(byId('postings-demanding-ai-skills').svg)).toEqual(expect.arrayContaining(['1.4%', '1.8%', '2023', '2024']));
  });

  it('derives the market projection from the CAGR data point: 1.0 in 2023 to about 9.2 in 2030', () => {
    const projection = byId('ai-market-growth-projection');
    expect(projection.rows).toHaveLength(1);
    expect(projection.rows[0]!.value).toBe(37.3);
    expect(svgText(projection.svg)).toEqual(expect.arrayContaining(['1.0', '9.2', '2023', '2030']));
    expect(1.373 ** 7).toBeCloseTo(9.2, 1);
    expect(projection.caption).toContain('Projection derived from the 37.3% CAGR');
  });

  it('gives each chart a title, a source caption and a text alternative with the numbers', () => {
    expect(byId('ai-share-software-postings').alt).toBe('Bar chart: AI jobs were 5.98% of software job postings in May 2024 and 5.4% in August 2024.');
    expect(byId('ai-market-growth-projection').title).toBe('AI market size implied by a 37.3% CAGR, 2023 = 1.0');
    for (const chart of charts) expect(chart.caption).toMatch(/Aura|IEEE Spectrum|Skills Coalition/);
  });

  it('uses the embedded font and prefixes element ids so charts can share a page', () => {
    for (const chart of charts) {
      expect(chart.svg).toContain('IBM Plex Sans');
      for (const [, id] of chart.svg.matchAll(/\sid="([^"]+)"/g)) expect(id!.startsWith(`${chart.id}-`)).toBe(true);
    }
  });

  it('rasterizes a 2x PNG for the workbook', () => {
    for (const chart of charts) {
      const png = Buffer.from(chart.png);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(Math.round(chart.width * 2));
      expect(png.readUInt32BE(20)).toBe(Math.round(chart.height * 2));
    }
  });
});
