// The Vega-Lite config every chart is drawn with: the document's font, sizes and palette. A chart's own spec
// may override any of it.
import { DOCUMENT_FONT } from './fonts.js';
import { ACCENT, AXIS, CATEGORY_COLORS, GRID, INK, MUTED } from './palette.js';

export const CHART_THEME = {
  font: DOCUMENT_FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null, continuousWidth: 440, continuousHeight: 200, discreteWidth: { step: 70 }, discreteHeight: { step: 40 } },
  axis: {
    labelFont: DOCUMENT_FONT, titleFont: DOCUMENT_FONT, labelFontSize: 11, titleFontSize: 11, titleFontWeight: 500,
    labelColor: MUTED, titleColor: MUTED, domainColor: AXIS, tickColor: AXIS, gridColor: GRID,
  },
  axisX: { labelAngle: 0, tickCount: 5 },
  axisY: { tickCount: 5 },
  axisBand: { grid: false, domain: true, ticks: false, labelPadding: 6, labelFontSize: 11, labelColor: INK },
  axisQuantitative: { domain: false, ticks: false, gridColor: GRID },
  legend: { labelFont: DOCUMENT_FONT, titleFont: DOCUMENT_FONT },
  range: { category: CATEGORY_COLORS },
  mark: { color: ACCENT },
  bar: { color: ACCENT, cornerRadiusTopLeft: 2, cornerRadiusTopRight: 2 },
  line: { color: ACCENT, strokeWidth: 2.5 },
  point: { color: ACCENT, filled: true, size: 50 },
  text: { font: DOCUMENT_FONT, fontSize: 11, color: INK },
} as const;
