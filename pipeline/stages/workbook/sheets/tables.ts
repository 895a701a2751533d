// A sheet per table of the briefing, named by the table's short name: under its number, title and caption as
// the PDF shows it, a native Excel table with filter buttons, its header frozen and printed on every page. Number
// and data-point cells are numbers, the real quantity in the units table's format; text cells are text.
import type { Worksheet } from 'exceljs';
import type { ResolvedBriefing, ResolvedTable } from '../../../model/resolved.js';
import { MAX_SHEET_NAME, SHEET_NAME_FORBIDDEN, tableName } from '../../../model/excel-names.js';
import { addTable, BOLD, finishSheet, fitColumns, mergedParagraph, text, type PageSetup } from '../layout.js';
import type { SheetWriter } from '../sheet.js';

const HEADER_ROW = 3;

/** The briefing's tables, by number, each a sheet; `taken` are the names of the workbook's other sheets. */
export function tableSheets(briefing: ResolvedBriefing, taken: readonly string[]): SheetWriter[] {
  const names = tableSheetNames(briefing.tables.map(({ table }) => table), taken);
  return briefing.tables.map((resolved) => ({
    name: names.get(resolved.table.id)!,
    about: () => `Table ${resolved.number}. ${resolved.title}`,
    write: (sheet, context) => writeTable(sheet, resolved, context.page),
  }));
}

/** What names a table's sheet: the short name it states. */
interface TableNaming {
  id: string;
  sheet: string;
}

/**
 * Each table's sheet name: its `sheet`, cut at a word boundary to Excel's 31 characters. Validation keeps names
 * unique and clear of the fixed sheets (BP507); a name another sheet has all the same (case-insensitively, as
 * Excel compares) gets " (2)", " (3)", ….
 */
function tableSheetNames(tables: readonly TableNaming[], taken: readonly string[]): Map<string, string> {
  const used = new Set(taken.map((name) => name.toLowerCase()));
  const names = new Map<string, string>();
  for (const table of tables) {
    const base = shorten(table.sheet.replace(SHEET_NAME_FORBIDDEN, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '') || table.id, MAX_SHEET_NAME);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${shorten(base, MAX_SHEET_NAME - ` (${n})`.length)} (${n})`;
    used.add(name.toLowerCase());
    names.set(table.id, name);
  }
  return names;
}

function shorten(name: string, limit: number): string {
  if (name.length <= limit) return name;
  const cut = name.slice(0, limit + 1).replace(/\s+\S*$/, '');
  return (cut.length > 0 && cut.length <= limit ? cut : name.slice(0, limit)).trim();
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
