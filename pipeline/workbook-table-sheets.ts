// A sheet per table of the briefing, named by the table's short name: under its number, title and caption as
// the PDF shows it, a native Excel table with filter buttons, its header frozen and printed on every page.
import type { Worksheet } from 'exceljs';
import type { Table } from './briefing.js';
import { addTable, BOLD, excelName, finishSheet, fitColumns, mergedParagraph, text, type PageSetup } from './workbook-layout.js';

/** Excel's limit for a sheet name. */
const MAX_SHEET_NAME = 31;
/** Characters a sheet name cannot hold. */
const FORBIDDEN = /[\\/?*[\]:]/g;

/** What names a table's sheet; `sheet` is the seam for the short name of issue 12. */
interface TableNaming {
  id: string;
  title: string;
  sheet?: string;
}

/**
 * A table's sheet name. `sheet` is the short name a table will state (the numbers model, issue 12); until then it
 * is the title, cut at a word boundary to Excel's 31 characters. A name another sheet has (case-insensitively, as
 * Excel compares) gets " (2)", " (3)", ….
 */
export function tableSheetNames(tables: readonly TableNaming[], taken: readonly string[]): Map<string, string> {
  const used = new Set(taken.map((name) => name.toLowerCase()));
  const names = new Map<string, string>();
  for (const table of tables) {
    const base = shorten((table.sheet ?? table.title).replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '') || table.id, MAX_SHEET_NAME);
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
export function writeTableSheet(sheet: Worksheet, table: Table, number: number, page: PageSetup): void {
  const header = 3;
  addTable(sheet, `tbl_${excelName(table.id)}`, header, table.columns.map((c) => c.label), table.rows.map((r) => table.columns.map((c) => (r[c.id] ? text(r[c.id]!) : null))));
  // Columns fit the table; the title and caption then wrap across it.
  fitColumns(sheet);
  mergedParagraph(sheet, 1, table.columns.length, `Table ${number}. ${table.title}`).font = BOLD;
  mergedParagraph(sheet, 2, table.columns.length, table.caption);
  finishSheet(sheet, page, { headerRow: header });
}
