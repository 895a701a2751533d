import { describe, expect, it } from 'vitest';
import { diagnostic } from '../../../pipeline/diagnostics/diagnostic.js';
import { digestBriefing } from '../../../pipeline/stages/manifest/digest.js';
import { loadDefaultBriefing } from '../../support/default-briefing.js';

describe('digest', () => {
  it('records every data point as the document prints it, the sources, and a hash per part', async () => {
    const briefing = await loadDefaultBriefing();
    const digest = digestBriefing(briefing, []);
    expect(digest.title).toBe(briefing.meta.title);
    expect(digest.dataPoints.map((p) => p.formatted)).toEqual(['5.98%', '5.4%', '1.4%', '1.8%', '37.3%', 'over 30%']);
    expect(digest.dataPoints[0]).toEqual({
      id: 'ai-share-software-postings-2024-05',
      label: 'AI jobs as a share of software job postings',
      value: 5.98,
      decimals: 2,
      unit: 'percent',
      formatted: '5.98%',
      period: 'May 2024',
      source: 'aura-2024',
    });
    expect(digest.sources.map((s) => s.key)).toEqual(briefing.briefing.sources.map((s) => s.key));
    expect(digest.sections.map((s) => s.id)).toEqual(briefing.sections.map((s) => s.id));
    expect(digest.charts.find((c) => c.id === 'ai-market-growth-projection')!.title).toBe('AI market size implied by a 37.3% CAGR, 2023 = 1.0');
    for (const part of [...digest.sections, ...digest.tables, ...digest.charts]) expect(part.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(digestBriefing(briefing, [])).toEqual(digest);
  });

  it("keeps the briefing's warnings, not its errors", async () => {
    const briefing = await loadDefaultBriefing();
    const at = (file: string) => ({ file, line: 3, column: 5 });
    const digest = digestBriefing(briefing, [
      diagnostic('BP202', at(`${briefing.briefing.dir}/sources.yaml`), { key: 'unused' }),
      diagnostic('BP301', at(`${briefing.briefing.dir}/data-points.yaml`), { id: 'x', key: 'y' }),
    ]);
    expect(digest.warnings).toEqual([{ file: `${briefing.briefing.dir}/sources.yaml`, line: 3, column: 5, code: 'BP202', message: 'source "unused" is never cited' }]);
  });
});
