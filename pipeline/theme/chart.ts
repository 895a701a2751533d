// The Vega-Lite config every chart is drawn with: the document's font, sizes and palette, and the grid's
// column widths. Every chart is drawn at the text column's width, so all share one scale on the page, and
// once more at a phone's width with larger text, so that on a 390 px screen no chart label is smaller than
// the page's smallest note. No background: the page's own shows through, light or dark (the stylesheet maps
// these colours to its dark ones). A chart's own spec may override any of it.
import { DOCUMENT_FONT } from './fonts.js';
import { ACCENT, AXIS, CATEGORY_COLORS, GRID, INK, MUTED } from './palette.js';

export type ChartLayout = 'page' | 'phone';

/** The chart's full width in CSS px: the text column of the printed page (120 mm), or a phone's column. */
export const CHART_WIDTH: Record<ChartLayout, number> = { page: 454, phone: 340 };
const LABEL_SIZE: Record<ChartLayout, number> = { page: 11, phone: 14 };
/** The width of every y axis's labels, so that the plot areas of stacked charts start at the same x. */
const Y_LABEL_WIDTH: Record<ChartLayout, number> = { page: 92, phone: 96 };

export function chartTheme(layout: ChartLayout) {
  const size = LABEL_SIZE[layout];
  return {
    font: DOCUMENT_FONT,
    background: null,
    padding: 4,
    view: { stroke: null, continuousHeight: layout === 'page' ? 190 : 200, discreteHeight: { step: Math.round(size * 2.6) } },
    scale: { bandPaddingInner: 0.3, bandPaddingOuter: 0.2 },
    axis: {
      labelFont: DOCUMENT_FONT, titleFont: DOCUMENT_FONT, labelFontSize: size, titleFontSize: size, titleFontWeight: 500,
      labelColor: MUTED, titleColor: MUTED, domainColor: AXIS, tickColor: AXIS, gridColor: GRID, titlePadding: 6,
    },
    // Labels that would touch are thinned out (every other year on a phone), never drawn over each other.
    axisX: { labelAngle: 0, tickCount: layout === 'page' ? 5 : 4, labelFlush: true, labelOverlap: 'parity', labelSeparation: 4 },
    // A y title reads across, above the labels, so it takes no width from the plot.
    axisY: {
      tickCount: 5, minExtent: Y_LABEL_WIDTH[layout], labelLimit: Y_LABEL_WIDTH[layout] * 2,
      titleAngle: 0, titleAlign: 'left', titleBaseline: 'bottom', titleAnchor: 'end', titleX: -Y_LABEL_WIDTH[layout], titleY: -8,
    },
    axisBand: { grid: false, domain: true, ticks: false, labelPadding: 6, labelColor: INK },
    axisQuantitative: { domain: false, ticks: false, gridColor: GRID },
    legend: { labelFont: DOCUMENT_FONT, titleFont: DOCUMENT_FONT, labelFontSize: size, titleFontSize: size, labelColor: MUTED, titleColor: MUTED },
    range: { category: CATEGORY_COLORS },
    mark: { color: ACCENT },
    bar: { color: ACCENT, cornerRadiusEnd: 2 },
    line: { color: ACCENT, strokeWidth: 2.5 },
    point: { color: ACCENT, filled: true, size: layout === 'page' ? 50 : 70 },
    text: { font: DOCUMENT_FONT, fontSize: size, color: INK },
  } as const;
}
