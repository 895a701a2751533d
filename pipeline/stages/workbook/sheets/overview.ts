// Overview: title, summary, key figures and a link to each other sheet. The workbook opens on it, so it is not
// one of SHEETS: it comes first and lists them. Each key figure is a formula on its data point's defined name,
// formatted as the data: edit a value on the Data sheet and the Overview follows.
import type { CellValue, Worksheet } from 'exceljs';
import { briefingDate } from '../../../model/dates.js';
import { excelValue } from '../../../model/units.js';
import { briefingDateFormat, qualifiedFormat } from '../formats.js';
import { BOLD, excelName, finishSheet, fitColumns, HEADING, label, mergedParagraph, sheetLink, styleHeader, text } from '../layout.js';
import { sourceRow, SOURCES_SHEET, type SheetContext } from '../sheet.js';

export const OVERVIEW_SHEET = 'Overview';

export function writeOverview(sheet: Worksheet, context: SheetContext): void {
  const { briefing } = context;
  const { meta } = briefing;
  const add = (values: CellValue[]) => sheet.addRow(values.map((v) => (typeof v === 'string' ? text(v) : v)));
  add([meta.title]).getCell(1).font = HEADING;
  add([meta.subtitle]).getCell(1).font = BOLD;
  add([]);
  // The date is a date, as precise as the briefing gives it ("2024" is the year, not text that looks like a number).
  const date = add(['Date', briefingDate(meta.date)]);
  date.getCell(1).font = BOLD;
  date.getCell(2).numFmt = briefingDateFormat(meta.date);
  date.getCell(2).alignment = { horizontal: 'left' };
  for (const [name, value] of [['Audience', meta.audience], ['Classification', meta.classification]] as const) {
    add([name, value]).getCell(1).font = BOLD;
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
    const row = add([point.label, { formula: excelName(point.id), result: excelValue(point) }, label(point.period.label), sheetLink(publisher, SOURCES_SHEET, sourceRow(context, point.source))]);
    row.getCell(2).numFmt = qualifiedFormat(point);
    // The period follows a right-aligned number: indented, so "5.98%" and "May 2024" do not run together, and
    // left-aligned, so a year (a number) does not run into the source.
    row.getCell(3).alignment = { horizontal: 'left', indent: 1 };
  }
  // Columns fit the key figures; the titles above and the sheet descriptions below may overflow.
  fitColumns(sheet, figuresHeader.number);
  add([]);
  add(['Sheets']).getCell(1).font = BOLD;
  for (const { name, about } of context.contents) add([sheetLink(name, name), about]);
  mergedParagraph(sheet, summaryRow, 4, briefing.summary);
  finishSheet(sheet, context.page);
}
