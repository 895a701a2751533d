// About: what the file was built from. Its date is the build's (the briefing's date, not the clock).
import type { CellValue } from 'exceljs';
import { BOLD, finishSheet, fitColumns, mergedParagraph, text } from '../layout.js';
import type { SheetWriter } from '../sheet.js';

export const aboutSheet: SheetWriter = {
  name: 'About',
  about: () => 'What this file was built from',
  write(sheet, context) {
    const { briefing, build } = context;
    const rows: [string, CellValue][] = [
      ['Briefing', briefing.id],
      ['Title', text(briefing.documentTitle)],
      ['Built (UTC)', build.builtAt],
      ['Input hash (SHA-256)', build.inputHash],
      ['Tool', `briefpress ${build.toolVersion}`],
    ];
    for (const [label, value] of rows) {
      const row = sheet.addRow([label, value]);
      row.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
      row.getCell(1).font = BOLD;
    }
    sheet.getCell('B3').numFmt = 'yyyy-mm-dd hh:mm:ss';
    fitColumns(sheet);
    sheet.addRow([]);
    mergedParagraph(sheet, sheet.rowCount + 1, 2, `Every number here comes from the briefing's data files (data-points.yaml, sources.yaml, tables/). The PDF (${briefing.id}.pdf) and the HTML page (${briefing.id}.html) are built from the same validated data in the same run.`);
    finishSheet(sheet, context.page);
  },
};
