// Charts: each figure as "Figure N. title", a native Excel chart, its caption, and under it the cells the chart
// draws: the categories and one column per series, each value a formula on its data point's defined name (or
// computed from it), so editing a value on the Data sheet moves the chart. A figure the Excel chart cannot
// express (../chart-plan.ts says why) keeps its picture, rasterized here, with alt text; About gives the reason.
import type { Worksheet } from 'exceljs';
import type { ResolvedChart } from '../../../model/resolved.js';
import { CATEGORY_REF, planChart, type ChartPlan, type PlanResult } from '../chart-plan.js';
import { chartXml } from '../chart-xml.js';
import type { DrawingAnchor, SheetDrawings } from '../drawings.js';
import { BOLD, finishSheet, label, mergedParagraph, styleHeader, text } from '../layout.js';
import { rasterize } from '../rasterize.js';
import type { SheetContext, SheetWriter } from '../sheet.js';

/** Default row height (15 pt) in pixels; Excel's ~7 px per unit of column width; 9525 EMU per pixel. */
const ROW_PX = 20;
const COLUMN_PX = 7;
const EMU = 9525;
const CHART_WIDTH = 600;
/** Columns B onwards: the series, and the chart's width beyond column A. */
const COLUMN_WIDTH = 16;
const MAX_CATEGORY_WIDTH = 40;
/** Each chart's own axis ids; they need only differ within a chart. */
const AXIS_IDS: [number, number] = [50010000, 50020000];

export const chartsSheet: SheetWriter = {
  name: 'Charts',
  about: () => 'The figures as Excel charts, each over the cells it draws',
  include: ({ charts }) => charts.length > 0,
  write: writeCharts,
};

function writeCharts(sheet: Worksheet, context: SheetContext): void {
  const { briefing } = context;
  const specs = new Map(briefing.briefing.charts.map((chart) => [chart.id, chart.spec]));
  const drawn = new Map(context.charts.map((chart) => [chart.id, chart]));
  const planned = briefing.charts.map((figure) => ({ figure, result: withLabels(planChart(specs.get(figure.id)!, figure.rows, briefing.dataPointsById)) }));
  const categoryWidth = Math.min(MAX_CATEGORY_WIDTH, Math.max(COLUMN_WIDTH, ...planned.flatMap(({ result }) => ('plan' in result ? [result.plan.categoryHeader, ...result.plan.categories].map((c) => String(c).length + 2) : []))));
  sheet.getColumn(1).width = categoryWidth;
  // Series columns fit their headers; the chart spans as many columns as its width needs.
  const headers = planned.flatMap(({ result }) => ('plan' in result ? [result.plan.series.map((s) => s.name.length + 2)] : []));
  for (let s = 0; s < Math.max(0, ...headers.map((h) => h.length)); s++) {
    sheet.getColumn(2 + s).width = Math.min(MAX_CATEGORY_WIDTH, Math.max(COLUMN_WIDTH, ...headers.map((h) => h[s] ?? 0)));
  }
  const widest = Math.max(CHART_WIDTH, ...context.charts.map((c) => c.width));
  let columns = 1;
  for (let px = categoryWidth * COLUMN_PX; px < widest; columns++) px += (sheet.getColumn(columns + 1).width ?? COLUMN_WIDTH) * COLUMN_PX;
  for (let c = 2; c <= columns; c++) sheet.getColumn(c).width ??= COLUMN_WIDTH;

  const drawings: SheetDrawings = { sheet: sheet.name, pictures: [], charts: [] };
  let row = 1;
  for (const { figure, result } of planned) {
    // Each figure after the first starts a printed page, so no chart is cut across two.
    if (row > 1) sheet.getRow(row - 1).addPageBreak();
    const heading = `Figure ${figure.number}. ${figure.title}`;
    mergedParagraph(sheet, row, columns, heading).font = BOLD;
    if ('plan' in result) {
      const height = chartHeight(result.plan);
      const dataTop = row + 1 + Math.ceil(height / ROW_PX) + 2; // after the caption and a blank row
      const ranges = writeChartData(sheet, result.plan, dataTop);
      drawings.charts.push({ xml: chartXml(result.plan, figure.title, ranges, AXIS_IDS), name: `Figure ${figure.number}`, alt: figure.alt, anchor: anchor(sheet, row, CHART_WIDTH, height) });
      row += 1 + Math.ceil(height / ROW_PX);
      mergedParagraph(sheet, row, columns, captionOf(figure));
      row = dataTop + 1 + result.plan.categories.length + 2;
    } else {
      row = writePicture(sheet, context, figure, drawn.get(figure.id)!, row, columns);
      context.pictures.push({ figure: heading, reason: result.reason });
      drawings.pictures.push(figure.alt);
    }
  }
  context.drawings.push(drawings);
  finishSheet(sheet, context.page);
}

/** The rendered chart at its 1× size (the PNG is 2×, for sharp zooming), then its caption; returns the next free row. */
function writePicture(sheet: Worksheet, { workbook }: SheetContext, figure: ResolvedChart, svg: SheetContext['charts'][number], row: number, columns: number): number {
  const image = workbook.addImage({ base64: Buffer.from(rasterize(svg.svg, 2)).toString('base64'), extension: 'png' });
  sheet.addImage(image, { tl: { col: 0, row }, ext: { width: svg.width, height: svg.height } });
  const caption = row + 1 + Math.ceil(svg.height / ROW_PX);
  mergedParagraph(sheet, caption, columns, captionOf(figure));
  return caption + 3;
}

/** Categories as their cells hold them: a year is a number, for the chart's cache as for the cell. */
function withLabels(result: PlanResult): PlanResult {
  if (!('plan' in result)) return result;
  return { plan: { ...result.plan, categories: result.plan.categories.map((c) => (typeof c === 'string' ? label(c) : c)) } };
}

/** Horizontal bars grow with their count, as the PDF's do; other charts have one height. */
function chartHeight(plan: ChartPlan): number {
  if (!plan.horizontal) return 320;
  return Math.min(480, Math.max(220, 120 + 40 * plan.categories.length * (plan.grouping === 'clustered' ? plan.series.length : 1)));
}

/** The header row and the rows of values at `top`; returns the ranges the chart draws. */
function writeChartData(sheet: Worksheet, plan: ChartPlan, top: number) {
  const quoted = `'${sheet.name.replace(/'/g, "''")}'`;
  const header = sheet.getRow(top);
  header.values = [plan.categoryHeader, ...plan.series.map((s) => s.name)].map((name) => text(name));
  styleHeader(header);
  plan.categories.forEach((category, i) => {
    const row = sheet.getRow(top + 1 + i);
    row.getCell(1).value = category;
    plan.series.forEach(({ cells }, s) => {
      const plot = cells[i];
      if (!plot) return;
      const cell = row.getCell(2 + s);
      cell.value = { formula: plot.formula.replaceAll(CATEGORY_REF, `A${top + 1 + i}`), result: plot.value };
      cell.numFmt = plot.format;
    });
  });
  const [first, last] = [top + 1, top + plan.categories.length];
  return {
    categories: `${quoted}!$A$${first}:$A$${last}`,
    series: plan.series.map((_, s) => {
      const letter = sheet.getColumn(2 + s).letter;
      return { name: `${quoted}!$${letter}$${top}`, values: `${quoted}!$${letter}$${first}:$${letter}$${last}` };
    }),
  };
}

/** The cells a chart of `width` × `height` pixels covers from the top left of row `row` (1-based), column A. */
function anchor(sheet: Worksheet, row: number, width: number, height: number): DrawingAnchor {
  let col = 0;
  let left = width;
  for (let px = (sheet.getColumn(1).width ?? COLUMN_WIDTH) * COLUMN_PX; left > px; px = (sheet.getColumn(col + 1).width ?? COLUMN_WIDTH) * COLUMN_PX) {
    left -= px;
    col += 1;
  }
  return {
    from: { col: 0, row },
    to: { col, colOff: Math.round(left * EMU), row: row + Math.floor(height / ROW_PX), rowOff: (height % ROW_PX) * EMU },
  };
}

/** The caption with the source line generated from the chart's data points, as the PDF prints it. */
function captionOf(figure: ResolvedChart): string {
  return [figure.caption, figure.sourceLine].filter(Boolean).join(' ');
}
