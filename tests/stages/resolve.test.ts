// The resolved briefing: what every renderer reads, derived once.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedBriefing } from '../../pipeline/model/resolved.js';
import { changedBriefing, loadDefaultBriefing } from '../support/default-briefing.js';

let briefing: ResolvedBriefing;
beforeAll(async () => {
  briefing = await loadDefaultBriefing();
});

describe('resolve', () => {
  it('numbers sources by first citation, with the data points and sections that use each', () => {
    expect(briefing.sources.map((s) => [s.number, s.key])).toEqual([
      [1, 'aura-2024'], [2, 'skills-coalition-2024'], [3, 'mckinsey-2024'], [4, 'nebulai-2024'], [5, 'ieee-spectrum-2025'],
    ]);
    expect(briefing.sourcesByKey.get('aura-2024')!.dataPointIds).toEqual(['ai-share-software-postings-2024-05', 'ai-share-software-postings-2024-08']);
    expect(briefing.sourcesByKey.get('nebulai-2024')!.citedIn).toEqual(['Specific examples and roles', 'Impact on the cybersecurity workforce and job market']);
  });

  it('numbers figures and tables by placement, unplaced ones after, in file order', () => {
    expect(briefing.charts.map((c) => [c.number, c.id, c.anchor])).toEqual([
      [1, 'ai-share-software-postings', 'figure-ai-share-software-postings'],
      [2, 'ai-market-growth-projection', 'figure-ai-market-growth-projection'],
      [3, 'postings-demanding-ai-skills', 'figure-postings-demanding-ai-skills'],
    ]);
    const unplaced = changedBriefing(briefing, { sections: briefing.briefing.sections.map((s) => ({ ...s, markdown: s.markdown.replace('::chart[ai-share-software-postings]', '') })) });
    expect(unplaced.charts.map((c) => c.id)).toEqual(['ai-market-growth-projection', 'postings-demanding-ai-skills', 'ai-share-software-postings']);
  });

  it('formats every value once and inserts data points where the texts ask for them', () => {
    expect(briefing.dataPoints.map((p) => p.inProse)).toEqual(['5.98%', '5.4%', '1.4%', '1.8%', '37.3%', 'over 30%']);
    expect(briefing.summary).not.toContain('{{dp:');
    expect(briefing.chartsById.get('ai-market-growth-projection')!.title).toBe('AI market size implied by a 37.3% CAGR, 2023 = 1.0');
    expect(briefing.chartsById.get('ai-market-growth-projection')!.spec).toMatchObject({ description: briefing.chartsById.get('ai-market-growth-projection')!.alt });
    expect(briefing.contents).toEqual([...briefing.sections.map((s) => `section-${s.id}`), 'sources']);
  });
});
