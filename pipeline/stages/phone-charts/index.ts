// phone-charts: each chart drawn again at a phone's width with larger text, and put in the slot the html stage left
// for it. The printed page hides these drawings, so the build makes them while Chromium prints the page.
import type { StageResult } from '../../diagnostics/diagnostic.js';
import type { ChartSvg } from '../../model/chart-spec.js';
import { drawChartSvgs, fillPhoneSlots } from '../../model/chart-svg.js';
import type { ResolvedBriefing } from '../../model/resolved.js';

export interface PhoneChartsInput {
  briefing: ResolvedBriefing;
  /** The charts stage's drawings. */
  charts: readonly ChartSvg[];
  /** The html stage's document, with a slot for each chart's phone drawing. */
  html: string;
}

export interface PhoneChartsOutput {
  /** The charts with their phone drawings. */
  charts: ChartSvg[];
  /** The HTML file: the document with every slot filled. */
  html: string;
}

export async function addPhoneCharts({ briefing, charts, html }: PhoneChartsInput): Promise<StageResult<PhoneChartsOutput>> {
  const { svgs, warnings } = await drawChartSvgs(briefing, 'phoneSpec');
  return {
    value: { charts: charts.map((chart) => ({ ...chart, phoneSvg: svgs.get(chart.id)! })), html: fillPhoneSlots(html, (id) => svgs.get(id)) },
    diagnostics: warnings,
  };
}
