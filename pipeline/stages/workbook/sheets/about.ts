// About: what the file is. What the data is as of (the briefing's date), which briefpress made it and from what
// input, the figures kept as pictures and why, the editorial note on the sources. No build time: the file is
// dated by the briefing, and a clock time here would be false.
import type { CellValue } from 'exceljs';
import { briefingDate } from '../../../model/dates.js';
import { briefingDateFormat } from '../formats.js';
import { BOLD, finishSheet, fitColumns, mergedParagraph, text } from '../layout.js';
import type { SheetWriter } from '../sheet.js';

export const aboutSheet: SheetWriter = {
  name: 'About',
  about: () => 'What the data is as of and what made this file',
  write(sheet, context) {
    const { briefing, build } = context;
    const rows: [string, CellValue][] = [
      ['Briefing', briefing.id],
      ['Title', text(briefing.documentTitle)],
      ['Data as of', briefingDate(briefing.meta.date)],
      ['Made by', `briefpress ${build.toolVersion}`],
      ['Input hash (SHA-256)', build.inputHash],
    ];
    for (const [name, value] of rows) {
      const row = sheet.addRow([name, value]);
      row.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
      row.getCell(1).font = BOLD;
    }
    sheet.getCell('B3').numFmt = briefingDateFormat(briefing.meta.date);
    fitColumns(sheet);
    const paragraph = (heading: string, body: string) => {
      sheet.addRow([]);
      sheet.addRow([heading]).getCell(1).font = BOLD;
      mergedParagraph(sheet, sheet.rowCount + 1, 2, body);
    };
    paragraph('Where the numbers come from', `Every number here comes from the briefing's data files (data-points.yaml, sources.yaml, tables/). The PDF (${briefing.id}.pdf) and the HTML page (${briefing.id}.html) are built from the same validated data in the same run.`);
    for (const { figure, reason } of context.pictures) paragraph(`${figure}: a picture, not an Excel chart`, `Its Vega-Lite spec cannot be drawn as an Excel chart: ${reason}.`);
    if (briefing.sourcesEditorialNote) paragraph('Editorial note on the sources', briefing.sourcesEditorialNote);
    finishSheet(sheet, context.page);
  },
};
