// A sheet per table of the briefing, named by the table's short name: under its number, title and caption as
// the PDF shows it, a native Excel table with filter buttons, its header frozen and printed on every page. Number
// and data-point cells are numbers, the real quantity in the units table's format; text cells are text.
import type { Worksheet } from 'exceljs';
import type { ResolvedBriefing, ResolvedTable } from '../../../model/resolved.js';
import { tableName } from '../../../model/excel-names.js';
import { addTable, BOLD, finishSheet, fitColumns, mergedParagraph, text, type PageSetup } from '../layout.js';
import type { SheetWriter } from '../sheet.js';

const HEADER_ROW = 3;

/**
 * The briefing's tables, by number, each a sheet named by its `sheet` as written: validation holds each name to
 * Excel's rules (model/excel-names.ts) and apart from every other sheet (BP507), so nothing here changes a name.
 */
export function tableSheets(briefing: ResolvedBriefing): SheetWriter[] {
  return briefing.tables.map((resolved) => ({
    name: resolved.table.sheet,
    about: () => `Table ${resolved.number}. ${resolved.title}`,
    write: (sheet, context) => writeTable(sheet, resolved, context.page),
  }));
}

/** A blank cell, not an empty string, where a row has no text for a column. */
function writeTable(sheet: Worksheet, resolved: ResolvedTable, page: PageSetup): void {
  const { number, table, columns, rows } = resolved;
  const values = rows.map((row) => row.map((cell) => cell.stored ?? (cell.text ? text(cell.text) : null)));
  addTable(sheet, tableName(table.id), HEADER_ROW, columns.map((c) => c.label), values);
  rows.forEach((row, r) => row.forEach((cell, c) => {
    if (cell.numberFormat !== undefined) sheet.getCell(HEADER_ROW + 1 + r, c + 1).numFmt = cell.numberFormat;
  }));
  // Columns fit the table; the title and caption then wrap across it.
  fitColumns(sheet);
  mergedParagraph(sheet, 1, columns.length, `Table ${number}. ${resolved.title}`).font = BOLD;
  mergedParagraph(sheet, 2, columns.length, [resolved.caption, resolved.sourceLine].filter(Boolean).join(' '));
  finishSheet(sheet, page, { headerRow: HEADER_ROW });
}
