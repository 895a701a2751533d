// Sources: numbered as in the PDF, with the data points each is the source of and the sections citing it.
import { addTable, BOLD, finishSheet, fitColumns, mergedParagraph, text } from '../layout.js';
import { SOURCES_SHEET, type SheetWriter } from '../sheet.js';

export const sourcesSheet: SheetWriter = {
  name: SOURCES_SHEET,
  about: () => 'Sources numbered as in the PDF, with the data points and sections citing each',
  write(sheet, context) {
    const { briefing } = context;
    const headers = ['No.', 'Key', 'Publisher', 'Title', 'Year', 'URL', 'Data points', 'Cited in', 'Seed marker', 'Note'];
    addTable(sheet, 'tbl_Sources', 1, headers, briefing.sources.map((source) => [
      source.number, source.key, text(source.publisher), text(source.title ?? ''), source.year,
      source.url ? { text: text(source.url), hyperlink: source.url } : '',
      text(source.dataPointIds.join('\n')),
      text(source.citedIn.join('\n')),
      source.seedMarker ?? '', text(source.note ?? ''),
    ]));
    fitColumns(sheet);
    const note = briefing.sourcesEditorialNote;
    if (note) {
      sheet.addRow([]);
      sheet.addRow(['Editorial note']).getCell(1).font = BOLD;
      mergedParagraph(sheet, sheet.rowCount + 1, headers.length, note);
    }
    finishSheet(sheet, context.page, 1);
  },
};
