// Overview: title, summary, key figures and a link to each other sheet. The workbook opens on it, so it is not
// one of SHEETS: it comes first and lists them.
import type { CellValue, Worksheet } from 'exceljs';
import { formatBriefingDate } from '../../../model/dates.js';
import { BOLD, finishSheet, fitColumns, HEADING, mergedParagraph, sheetLink, styleHeader, text } from '../layout.js';
import { sourceRow, SOURCES_SHEET, type SheetContext } from '../sheet.js';

export const OVERVIEW_SHEET = 'Overview';

export function writeOverview(sheet: Worksheet, context: SheetContext): void {
  const { briefing } = context;
  const { meta } = briefing;
  const add = (values: CellValue[]) => sheet.addRow(values.map((v) => (typeof v === 'string' ? text(v) : v)));
  add([meta.title]).getCell(1).font = HEADING;
  add([meta.subtitle]).getCell(1).font = BOLD;
  add([]);
  for (const [label, value] of [['Date', formatBriefingDate(meta.date)], ['Audience', meta.audience], ['Classification', meta.classification]] as const) {
    add([label, value]).getCell(1).font = BOLD;
  }
  add([]);
  add(['Executive summary']).getCell(1).font = BOLD;
  const summaryRow = add([]).number;
  add([]);
  add(['Key figures']).getCell(1).font = BOLD;
  const figuresHeader = add(['Measure', 'Value', 'Period', 'Source']);
  styleHeader(figuresHeader);
  for (const point of briefing.dataPoints) {
    const { publisher } = briefing.sourcesByKey.get(point.source)!;
    add([point.label, point.inProse, point.period.label, sheetLink(publisher, SOURCES_SHEET, sourceRow(context, point.source))]);
  }
  // Columns fit the key figures; the titles above and the sheet descriptions below may overflow.
  fitColumns(sheet, figuresHeader.number);
  add([]);
  add(['Sheets']).getCell(1).font = BOLD;
  for (const { name, about } of context.contents) add([sheetLink(name, name), about]);
  mergedParagraph(sheet, summaryRow, 4, briefing.summary);
  finishSheet(sheet, context.page);
}
