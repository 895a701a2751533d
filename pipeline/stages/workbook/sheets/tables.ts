// Roles: the briefing's tables, each a native Excel table under its number, title and caption, as the PDF shows
// it, then two blank rows before the next. "Roles" names the default briefing's one table; the sheet holds
// whatever tables a briefing has.
import { addTable, BOLD, excelName, finishSheet, fitColumns, mergedParagraph, text } from '../layout.js';
import type { SheetWriter } from '../sheet.js';

export const tablesSheet: SheetWriter = {
  name: 'Roles',
  about: ({ briefing }) => briefing.tables.map(({ table }) => table.title).join('; '),
  include: ({ briefing }) => briefing.tables.length > 0,
  write(sheet, context) {
    const { tables } = context.briefing;
    const tops: number[] = [];
    let row = 1;
    for (const { table } of tables) {
      tops.push(row);
      addTable(sheet, `tbl_${excelName(table.id)}`, row + 2, table.columns.map((c) => c.label), table.rows.map((r) => table.columns.map((c) => text(r[c.id] ?? ''))));
      row += 2 + 1 + table.rows.length + 2;
    }
    // Columns fit the tables; the titles and captions then wrap across them.
    fitColumns(sheet);
    tables.forEach(({ number, table }, i) => {
      mergedParagraph(sheet, tops[i]!, table.columns.length, `Table ${number}. ${table.title}`).font = BOLD;
      mergedParagraph(sheet, tops[i]! + 1, table.columns.length, table.caption);
    });
    finishSheet(sheet, context.page, tables.length === 1 ? 3 : undefined);
  },
};
