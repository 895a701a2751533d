// Data: every data point, its value a number cell holding the real quantity (4,880,000 for "$4.88 million")
// formatted as the document prints it, with a defined name that
// the Overview's key figures and the charts' cells read. The columns a reader prints come first (Label to Note),
// then those for filtering and formulas (ID, Excel name, dates, source number), which fitting twelve columns to
// a page would shrink the text for: the print area stops before them.
import { excelNumberFormat, storedValue } from '../../../model/units.js';
import { DATA_POINTS_TABLE, excelName } from '../../../model/excel-names.js';
import { addTable, finishSheet, fitColumns, label, sheetLink, text } from '../layout.js';
import { DATA_SHEET, sourceRow, SOURCES_SHEET, type SheetWriter } from '../sheet.js';

const COLUMNS = ['Label', 'Value', 'Unit', 'Qualifier', 'Period', 'Source', 'Note', 'ID', 'Excel name', 'Period start', 'Period end', 'Source no.'];
const PRINTED_COLUMNS = COLUMNS.indexOf('Note') + 1;
const column = (name: string) => COLUMNS.indexOf(name) + 1;
const DATE_FORMAT = 'yyyy-mm-dd';

export const dataSheet: SheetWriter = {
  name: DATA_SHEET,
  about: () => 'Every data point: value (a number), unit, period and source',
  write(sheet, context) {
    const { briefing, workbook } = context;
    // A period the source gives no dates for leaves its date cells blank.
    const date = (iso: string | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
    addTable(sheet, DATA_POINTS_TABLE, 1, COLUMNS, briefing.dataPoints.map((point) => {
      const source = briefing.sourcesByKey.get(point.source)!;
      return [
        text(point.label), storedValue(point, point.value), point.currency ? `${point.unit} (${point.currency})` : point.unit,
        point.qualifier ?? null, label(point.period.label),
        sheetLink(source.publisher, SOURCES_SHEET, sourceRow(context, source.key)), point.note ? text(point.note) : null,
        point.id, excelName(point.id), date(point.period.start), date(point.period.end), source.number,
      ];
    }));
    const value = sheet.getColumn(column('Value')).letter;
    briefing.dataPoints.forEach((point, i) => {
      const row = sheet.getRow(i + 2);
      row.getCell(column('Value')).numFmt = excelNumberFormat(point);
      // The unit is text after a right-aligned number: indented, so "5.98%" and "percent" do not run together.
      row.getCell(column('Unit')).alignment = { vertical: 'top', wrapText: true, indent: 1 };
      // A period that is a year is a number: left-aligned like the other periods, clear of the source after it.
      row.getCell(column('Period')).alignment = { vertical: 'top', wrapText: true, horizontal: 'left' };
      row.getCell(column('Period start')).numFmt = DATE_FORMAT;
      row.getCell(column('Period end')).numFmt = DATE_FORMAT;
      workbook.definedNames.add(`${DATA_SHEET}!$${value}$${i + 2}`, excelName(point.id));
    });
    fitColumns(sheet);
    finishSheet(sheet, context.page, { headerRow: 1, printColumns: PRINTED_COLUMNS });
  },
};
