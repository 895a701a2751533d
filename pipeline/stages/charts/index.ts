// charts: each resolved chart's Vega-Lite spec → Vega view (no browser) → SVG, as the printed page shows it, which is
// all the PDF needs: the phone drawings are the phone-charts stage's, made while Chromium prints.
import type { StageResult } from '../../diagnostics/diagnostic.js';
import type { ChartSvg } from '../../model/chart-spec.js';
import { drawChartSvgs, svgSize } from '../../model/chart-svg.js';
import type { ResolvedBriefing } from '../../model/resolved.js';

export async function drawCharts(briefing: ResolvedBriefing): Promise<StageResult<ChartSvg[]>> {
  const { svgs, warnings } = await drawChartSvgs(briefing, 'spec');
  return { value: [...svgs].map(([id, svg]) => ({ id, svg, ...svgSize(svg) })), diagnostics: warnings };
}
