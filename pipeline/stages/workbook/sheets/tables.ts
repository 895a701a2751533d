// One sheet per table, named by the table's `sheet` field: "Table N. title", its caption and source line, then the
// table as a native Excel table. Number and data-point cells are numbers (the real quantity, formatted by the units
// table as the PDF prints them); text cells are text.
import type { ResolvedTable } from '../../../model/resolved.js';
import { addTable, BOLD, excelName, finishSheet, fitColumns, mergedParagraph, text } from '../layout.js';
import type { SheetWriter } from '../sheet.js';

/** Rows above the table: its title, its caption with the source line. */
const HEADER_ROWS = 2;

export function tableSheet(resolved: ResolvedTable): SheetWriter {
  const { number, table, columns, rows } = resolved;
  return {
    name: table.sheet,
    about: () => `Table ${number}. ${resolved.title}`,
    write(sheet, context) {
      const top = HEADER_ROWS + 1;
      addTable(sheet, `tbl_${excelName(table.id)}`, top, columns.map((c) => c.label), rows.map((row) => row.map((cell) => cell.stored ?? text(cell.text))));
      rows.forEach((row, r) => row.forEach((cell, c) => {
        if (cell.numberFormat === undefined) return;
        const target = sheet.getCell(top + 1 + r, c + 1);
        target.numFmt = cell.numberFormat;
        target.alignment = { horizontal: 'right' };
      }));
      // Columns fit the table; the title and caption then wrap across it.
      fitColumns(sheet);
      mergedParagraph(sheet, 1, columns.length, `Table ${number}. ${resolved.title}`).font = BOLD;
      mergedParagraph(sheet, 2, columns.length, [resolved.caption, resolved.sourceLine].filter(Boolean).join(' '));
      finishSheet(sheet, context.page, top);
    },
  };
}
