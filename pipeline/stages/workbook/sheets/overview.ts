// Overview: title, summary, key figures and a link to each other sheet. The workbook opens on it, so it is not
// one of SHEETS: it comes first and lists them. Each key figure (the cards of the PDF, in order) is a formula on its
// data point's defined name, formatted as the data, and a change card's change a formula on its two: edit a value
// on the Data sheet and the Overview follows.
import type { CellValue, Worksheet } from 'exceljs';
import { briefingDate } from '../../../model/dates.js';
import type { ResolvedBriefing, ResolvedKeyFigure } from '../../../model/resolved.js';
import { excelNumberFormat, storedValue } from '../../../model/units.js';
import { briefingDateFormat, qualifiedFormat } from '../formats.js';
import { excelName } from '../../../model/excel-names.js';
import { BOLD, finishSheet, fitColumns, HEADING, label, mergedParagraph, sheetLink, styleHeader, text } from '../layout.js';
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
  // A Change column only when a card has a change to show.
  const withChange = briefing.keyFigures.some((card) => card.change);
  const figuresHeader = add(['Measure', 'Value', 'Period', 'Source', ...(withChange ? ['Change'] : [])]);
  styleHeader(figuresHeader);
  for (const card of briefing.keyFigures) {
    const point = briefing.dataPointsById.get(card.ids[0]!)!;
    const { publisher } = briefing.sourcesByKey.get(point.source)!;
    const row = add([point.label, { formula: excelName(point.id), result: storedValue(point, point.value) }, label(card.period), sheetLink(publisher, SOURCES_SHEET, sourceRow(context, point.source))]);
    row.getCell(2).numFmt = qualifiedFormat(point);
    const change = changeCell(card, briefing);
    if (change) {
      row.getCell(5).value = change.value;
      row.getCell(5).numFmt = change.format;
    }
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

/** A card's change as a formula: the stated change's name, or the later value less the earlier (in points for percentages). */
function changeCell(card: ResolvedKeyFigure, briefing: ResolvedBriefing): { value: CellValue; format: string } | undefined {
  if (card.ids.length < 2) return undefined;
  const [main, other] = card.ids.map((id) => briefing.dataPointsById.get(id)!) as [ResolvedBriefing['dataPoints'][number], ResolvedBriefing['dataPoints'][number]];
  if (card.change === other.formatted) return { value: { formula: excelName(other.id), result: storedValue(other, other.value) }, format: excelNumberFormat(other) };
  const percent = main.unit === 'percent';
  const difference = storedValue(main, main.value) - storedValue(other, other.value);
  const measure = { ...main, unit: percent ? 'percentage-points' as const : main.unit, change: true, decimals: Math.max(main.decimals, other.decimals) };
  const formula = `${excelName(main.id)}-${excelName(other.id)}`;
  return percent
    ? { value: { formula: `(${formula})*100`, result: Number((difference * 100).toPrecision(15)) }, format: excelNumberFormat(measure) }
    : { value: { formula, result: Number(difference.toPrecision(15)) }, format: excelNumberFormat(measure) };
}
