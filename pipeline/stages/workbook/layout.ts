// How every workbook sheet looks and stores its values: one font, dark header rows, fitted columns, print
// setup, names. ExcelJS is only a type here; index.ts loads it.
import type { Cell, CellValue, Row, Worksheet } from 'exceljs';
import { ACCENT, INK } from '../../theme/palette.js';

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;
const FONT = { name: 'Calibri', size: 11 } as const;
const MAX_COLUMN_WIDTH = 60;
const MIN_COLUMN_WIDTH = 8;
/** Excel's limit for one cell. */
const MAX_CELL_TEXT = 32767;
/** Points per line of 11 pt Calibri. */
const LINE_HEIGHT = 15;
/** Sheets whose columns add up to more characters than this print across the page (landscape). */
const PORTRAIT_WIDTH = 100;
/** Excel allows 255 characters per header or footer; two literals this long, even with every "&" doubled, fit. */
const MAX_HEADER_LITERAL = 100;

export const BOLD = { ...FONT, bold: true };
export const HEADING = { ...FONT, size: 16, bold: true };
const LINK = { ...FONT, color: { argb: argb(ACCENT) }, underline: true };
const HEADER = { ...FONT, bold: true, color: { argb: 'FFFFFFFF' } };

/**
 * Text as a cell holds it, cut to Excel's limit. ExcelJS stores every string as a string (never a formula),
 * so text such as "=1+1" stays text.
 */
export function text(value: string): string {
  return value.length > MAX_CELL_TEXT ? `${value.slice(0, MAX_CELL_TEXT - 1)}…` : value;
}

/** A label as a cell holds it: digits alone (a year) as the number, which Excel would flag as stored as text. */
export function label(value: string): string | number {
  return /^\d{1,15}$/.test(value) ? Number(value) : text(value);
}

/** A link to a cell of this workbook; the sheet name is always quoted, as names with spaces need. */
export function sheetLink(label: string, sheetName: string, cell = 'A1'): CellValue {
  return { text: text(label), hyperlink: `#'${sheetName.replace(/'/g, "''")}'!${cell}` };
}

/** A native Excel table with its header on row `top`: styled header with filter buttons, banded rows, wrapped text. */
export function addTable(sheet: Worksheet, name: string, top: number, headers: string[], rows: CellValue[][]): void {
  sheet.addTable({
    name,
    displayName: name,
    ref: `A${top}`,
    headerRow: true,
    style: { theme: 'TableStyleLight15', showRowStripes: true },
    columns: uniqueHeaders(headers).map((header) => ({ name: header, filterButton: true })),
    rows,
  });
  styleHeader(sheet.getRow(top));
  for (let r = top + 1; r <= top + rows.length; r++) sheet.getRow(r).eachCell((cell) => (cell.alignment = { vertical: 'top', wrapText: true }));
}

/** Bold white on the document's dark ink, as every header row of the workbook. */
export function styleHeader(row: Row): void {
  row.eachCell((cell) => {
    cell.font = HEADER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(INK) } };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
}

/** Table column names must differ; a repeated label gets a number. */
function uniqueHeaders(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((header) => {
    const count = (seen.get(header.toLowerCase()) ?? 0) + 1;
    seen.set(header.toLowerCase(), count);
    return text(count > 1 ? `${header} ${count}` : header);
  });
}

/**
 * Widths from the longest line in each column from `fromRow` down (rows above may overflow), capped; then
 * heights for the rows whose text wraps, which neither Excel nor LibreOffice reliably fit on opening.
 */
export function fitColumns(sheet: Worksheet, fromRow = 1): void {
  const widths: number[] = [];
  const rows: Row[] = [];
  sheet.eachRow((row: Row, rowNumber) => {
    if (rowNumber < fromRow) return;
    rows.push(row);
    row.eachCell((cell: Cell, col) => {
      if (!cell.isMerged) widths[col] = Math.max(widths[col] ?? 0, displayWidth(cell));
    });
  });
  // Three characters over the text leave room for a header's filter button.
  widths.forEach((width, col) => (sheet.getColumn(col).width = Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width + 3))));
  for (const row of rows) {
    let lines = 1;
    // Only text wraps: a number or date is one line, whatever its long form as text.
    row.eachCell((cell: Cell, col) => {
      if (cell.alignment?.wrapText && !cell.isMerged && isText(cell.value)) lines = Math.max(lines, lineCount(cell.text, sheet.getColumn(col).width!));
    });
    if (lines > 1) row.height = lines * LINE_HEIGHT;
  }
}

const isText = (value: CellValue) => typeof value === 'string' || (typeof value === 'object' && value !== null && 'text' in value);

/** Lines the text takes wrapped in `width` characters, a little under the width for the cell's padding. */
function lineCount(value: string, width: number): number {
  return value.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / (width - 1))), 0);
}

function displayWidth(cell: Cell): number {
  const { value } = cell;
  if (value instanceof Date) return cell.numFmt?.length ?? 10;
  if (typeof value === 'number') return Math.max(String(value).length, cell.numFmt?.replace(/"/g, '').length ?? 0);
  return Math.max(...cell.text.split('\n').map((line) => line.length));
}

/**
 * Text across the first `columns` cells of a row (merged), its height set for the wrapped lines, since Excel
 * does not fit merged rows. Call it once the column widths are set.
 */
export function mergedParagraph(sheet: Worksheet, rowNumber: number, columns: number, value: string): Cell {
  if (columns > 1) sheet.mergeCells(rowNumber, 1, rowNumber, columns);
  const cell = sheet.getCell(rowNumber, 1);
  cell.value = text(value);
  cell.alignment = { vertical: 'top', wrapText: true };
  let width = 0;
  for (let c = 1; c <= columns; c++) width += sheet.getColumn(c).width ?? MIN_COLUMN_WIDTH;
  const lines = lineCount(value, width);
  if (lines > 1) sheet.getRow(rowNumber).height = lines * LINE_HEIGHT;
  return cell;
}

export interface PageSetup {
  /** Running header (left) and footer (left) of each printed page. */
  title: string;
  classification: string;
  /** Excel's paper size code: the build's --page-size. */
  paperSize: number;
}

/** Excel's paper size codes for the page sizes a build prints on. */
export const PAPER_SIZES = { a4: 9, letter: 1 } as const;

interface SheetLayout {
  /** A sheet with one table: the rows down to its header frozen, the header printed on each page. */
  headerRow?: number;
  /** Only the first columns print (the rest are for filtering and formulas), fitted to the page's width. */
  printColumns?: number;
}

/**
 * Link styling, view and print setup, once a sheet is written. A sheet with one table has the rows down to its
 * header frozen and the header repeated on each printed page; other sheets read as a page, without gridlines.
 */
export function finishSheet(sheet: Worksheet, { title, classification, paperSize }: PageSetup, { headerRow, printColumns }: SheetLayout = {}): void {
  sheet.eachRow((row: Row) => {
    row.eachCell((cell: Cell) => {
      if (typeof cell.value === 'object' && cell.value && 'hyperlink' in cell.value) cell.font = LINK;
    });
  });
  const zoom = { zoomScale: 100, zoomScaleNormal: 100 };
  const below = `A${(headerRow ?? 0) + 1}`;
  sheet.views = [headerRow ? { state: 'frozen', ySplit: headerRow, topLeftCell: below, activeCell: below, ...zoom } : { state: 'normal', showGridLines: false, ...zoom }];
  const printed = (sheet.columns ?? []).slice(0, printColumns);
  const width = printed.reduce((sum, column) => sum + (column.width ?? MIN_COLUMN_WIDTH), 0);
  Object.assign(sheet.pageSetup, {
    paperSize,
    orientation: width > PORTRAIT_WIDTH ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    ...(headerRow ? { printTitlesRow: `${headerRow}:${headerRow}` } : {}),
    // ExcelJS puts a "$" before each corner; the ones before the rows make the reference absolute, as Excel's own.
    ...(printColumns ? { printArea: `A$1:${sheet.getColumn(printColumns).letter}$${sheet.rowCount}` } : {}),
  });
  // "&" starts a code in headers and footers (&P page, &N pages, &A sheet name), so literal ones are doubled.
  const literal = (value: string) => value.slice(0, MAX_HEADER_LITERAL).replace(/&/g, '&&');
  Object.assign(sheet.headerFooter, {
    oddHeader: `&L${literal(title)}&R&A`,
    oddFooter: `&L${literal(classification)}&RPage &P of &N`,
  });
}
