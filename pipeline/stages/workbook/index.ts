// workbook: the resolved briefing and its charts → an Excel workbook for readers who filter, copy numbers and
// check sources: the Overview (sheets/overview.ts), then the sheets of sheets/index.ts in order. Charts arrive as
// SVG and are rasterized here, so a build without a workbook never rasterizes. Dates come from the briefing and
// the build, never the clock, and package.ts dates the zip entries by the briefing: the same input gives the
// same bytes.
import type { Workbook } from 'exceljs';
import type { ChartSvg } from '../../model/chart-spec.js';
import { briefingDate } from '../../model/dates.js';
import type { ResolvedBriefing } from '../../model/resolved.js';
import { finishPackage } from './package.js';
import { rasterize } from './rasterize.js';
import type { BuildInfo, SheetContext } from './sheet.js';
import { SHEETS } from './sheets/index.js';
import { OVERVIEW_SHEET, writeOverview } from './sheets/overview.js';

export interface WorkbookInput {
  briefing: ResolvedBriefing;
  charts: readonly ChartSvg[];
  build: BuildInfo;
}

/** Excel's default window, opening on the first sheet. */
const WINDOW = { x: 0, y: 0, width: 28800, height: 17600, firstSheet: 0, activeTab: 0, visibility: 'visible' };

export async function buildWorkbook({ briefing, charts, build }: WorkbookInput): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const { meta } = briefing;
  const date = briefingDate(meta.date);
  const workbook = new ExcelJS.Workbook();
  Object.assign<Workbook, Partial<Workbook>>(workbook, {
    title: briefing.documentTitle,
    subject: meta.subtitle,
    description: briefing.summary,
    creator: meta.author ?? 'briefpress',
    lastModifiedBy: `briefpress ${build.toolVersion}`,
    keywords: meta.keywords.join(', '),
    created: date,
    modified: date,
    views: [WINDOW],
  });
  const context: SheetContext = {
    workbook,
    briefing,
    charts: charts.map((chart) => ({ id: chart.id, png: rasterize(chart.svg, 2), width: chart.width, height: chart.height })),
    build,
    page: { title: meta.title, classification: meta.classification },
    contents: [],
  };
  const sheets = SHEETS.filter((sheet) => sheet.include?.(context) ?? true);
  context.contents = sheets.map((sheet) => ({ name: sheet.name, about: sheet.about(context) }));
  writeOverview(workbook.addWorksheet(OVERVIEW_SHEET), context);
  for (const sheet of sheets) sheet.write(workbook.addWorksheet(sheet.name), context);
  return finishPackage(new Uint8Array(await workbook.xlsx.writeBuffer()), date);
}
