// Data: every data point, its value a number cell formatted as the document prints it, with a defined name.
import { excelNumberFormat } from '../../../model/units.js';
import { addTable, excelName, finishSheet, fitColumns, sheetLink, storedValue, text } from '../layout.js';
import { sourceRow, SOURCES_SHEET, type SheetWriter } from '../sheet.js';

const NAME = 'Data';
const DATE_FORMAT = 'yyyy-mm-dd';

export const dataSheet: SheetWriter = {
  name: NAME,
  about: () => 'Every data point: value (a number), unit, period and source',
  write(sheet, context) {
    const { briefing, workbook } = context;
    const headers = ['ID', 'Label', 'Value', 'Unit', 'Qualifier', 'Period', 'Period start', 'Period end', 'Source no.', 'Source', 'Note', 'Excel name'];
    const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
    addTable(sheet, 'tbl_DataPoints', 1, headers, briefing.dataPoints.map((point) => {
      const source = briefing.sourcesByKey.get(point.source)!;
      return [
        point.id, text(point.label), storedValue(point), point.unit, point.qualifier ?? '', text(point.period.label),
        date(point.period.start), date(point.period.end), source.number,
        sheetLink(source.publisher, SOURCES_SHEET, sourceRow(context, source.key)), text(point.note ?? ''), excelName(point.id),
      ];
    }));
    briefing.dataPoints.forEach((point, i) => {
      const row = sheet.getRow(i + 2);
      row.getCell(3).numFmt = excelNumberFormat(point);
      row.getCell(7).numFmt = DATE_FORMAT;
      row.getCell(8).numFmt = DATE_FORMAT;
      workbook.definedNames.add(`${NAME}!$C$${i + 2}`, excelName(point.id));
    });
    fitColumns(sheet);
    finishSheet(sheet, context.page, 1);
  },
};
