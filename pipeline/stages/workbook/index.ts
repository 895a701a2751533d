// workbook: the resolved briefing and its charts → an Excel workbook an analyst keeps: the Overview
// (sheets/overview.ts), a sheet per table (sheets/tables.ts), then the sheets of sheets/index.ts in order. Each
// figure is a native Excel chart drawing cells (sheets/charts.ts; chart-plan.ts, chart-xml.ts), written into the
// package after ExcelJS (package.ts, drawings.ts). No clock: the package carries the briefing's date, or
// SOURCE_DATE_EPOCH's, and package.ts dates the zip entries by it: the same input gives the same bytes.
import type { StageResult } from '../../diagnostics/diagnostic.js';
import type { Workbook } from 'exceljs';
import type { ChartSvg } from '../../model/chart-spec.js';
import type { PageSize } from '../../model/output.js';
import type { ResolvedBriefing } from '../../model/resolved.js';
import { PAPER_SIZES } from './layout.js';
import { finishPackage } from './package.js';
import type { BuildInfo, SheetContext } from './sheet.js';
import { SHEETS } from './sheets/index.js';
import { OVERVIEW_SHEET, writeOverview } from './sheets/overview.js';
import { tableSheets } from './sheets/tables.js';

export interface WorkbookInput {
  briefing: ResolvedBriefing;
  charts: readonly ChartSvg[];
  build: BuildInfo;
  pageSize: PageSize;
}

/** Excel's default window, opening on the first sheet. */
const WINDOW = { x: 0, y: 0, width: 28800, height: 17600, firstSheet: 0, activeTab: 0, visibility: 'visible' };

export async function buildWorkbook({ briefing, charts, build, pageSize }: WorkbookInput): Promise<StageResult<Uint8Array>> {
  const { default: ExcelJS } = await import('exceljs');
  const { meta } = briefing;
  const workbook = new ExcelJS.Workbook();
  // The same title, subject, author and keywords as the PDF's document information.
  Object.assign<Workbook, Partial<Workbook>>(workbook, {
    title: briefing.documentTitle,
    subject: briefing.description,
    description: briefing.description,
    ...(meta.author ? { creator: meta.author } : {}),
    lastModifiedBy: `briefpress ${build.toolVersion}`,
    keywords: meta.keywords.join(', '),
    created: build.packageDate,
    modified: build.packageDate,
    views: [WINDOW],
  });
  const context: SheetContext = {
    workbook,
    briefing,
    charts,
    build,
    page: { title: meta.title, classification: meta.classification, paperSize: PAPER_SIZES[pageSize] },
    contents: [],
    drawings: [],
    pictures: [],
  };
  const tables = tableSheets(briefing);
  const sheets = [...tables, ...SHEETS].filter((sheet) => sheet.include?.(context) ?? true);
  context.contents = sheets.map((sheet) => ({ name: sheet.name, about: sheet.about(context) }));
  writeOverview(workbook.addWorksheet(OVERVIEW_SHEET), context);
  for (const sheet of sheets) sheet.write(workbook.addWorksheet(sheet.name), context);
  // Stored, not compressed: finishPackage reads every part back and compresses it with node:zlib, which is what the
  // file carries; ExcelJS's own deflate (JSZip's, in JavaScript) was ~40 % of the stage's time, thrown away.
  const written = await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } });
  return { value: finishPackage(new Uint8Array(written), build.packageDate, context.drawings, meta.author !== undefined), diagnostics: [] };
}
