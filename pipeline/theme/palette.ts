// The document's colours, for everything drawn in code: charts, the workbook, the PDF's running text.
// templates/briefing.css declares the same values as custom properties (a test keeps them equal).
export const INK = '#1b2330';
export const MUTED = '#5b6675';
export const ACCENT = '#1f5f8b';
export const GRID = '#e3e7ec';
export const AXIS = '#9aa4b1';

/** Colour-blind-safe (Okabe–Ito order, darkened for print) and distinct in greyscale. */
export const CATEGORY_COLORS = ['#1f5f8b', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];
