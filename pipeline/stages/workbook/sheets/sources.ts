// Sources: numbered as in the PDF, with the sections citing each and the data points it is the source of. As on
// Data, the columns a reader prints come first, then the key and the data point ids, for filtering.
import { briefingDate } from '../../../model/dates.js';
import { SOURCES_TABLE } from '../../../model/excel-names.js';
import { briefingDateFormat } from '../formats.js';
import { addTable, finishSheet, fitColumns, text } from '../layout.js';
import { SOURCES_SHEET, type SheetWriter } from '../sheet.js';

const COLUMNS = ['No.', 'Publisher', 'Title', 'Date', 'URL', 'Accessed', 'Reports on', 'Cited in', 'Note', 'Key', 'Data points'];
const PRINTED_COLUMNS = COLUMNS.indexOf('Note') + 1;

export const sourcesSheet: SheetWriter = {
  name: SOURCES_SHEET,
  about: () => 'Sources numbered as in the PDF, with the sections and data points citing each',
  write(sheet, context) {
    const { briefing } = context;
    const lines = (values: string[]) => (values.length ? text(values.join('\n')) : null);
    addTable(sheet, SOURCES_TABLE, 1, COLUMNS, briefing.sources.map((source) => [
      source.number, text(source.publisher), source.title ? text(source.title) : null, briefingDate(source.date),
      source.url ? { text: text(source.url), hyperlink: source.url } : null,
      source.accessed ? briefingDate(source.accessed) : null, source.reportsOn ?? null,
      lines(source.citedIn), source.note ? text(source.note) : null, source.key, lines(source.dataPointIds),
    ]));
    // Dates are dates, shown as precisely as the source gives them ("2024", "31 July 2024").
    briefing.sources.forEach((source, i) => {
      sheet.getCell(i + 2, COLUMNS.indexOf('Date') + 1).numFmt = briefingDateFormat(source.date);
      if (source.accessed) sheet.getCell(i + 2, COLUMNS.indexOf('Accessed') + 1).numFmt = briefingDateFormat(source.accessed);
    });
    fitColumns(sheet);
    finishSheet(sheet, context.page, { headerRow: 1, printColumns: PRINTED_COLUMNS });
  },
};
