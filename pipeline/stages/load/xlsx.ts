// .xlsx workbooks read into the same table of cells as a CSV file (stages/load/csv.ts), each cell positioned as
// `Results!C7`, so that the mapping, the conversions and every check after are the CSV path's.
// The file is untrusted: the zip's sizes are read from its central directory and every part is inflated with a
// cap at its declared size before ExcelJS inflates anything (a zip bomb); formulas are never evaluated (a formula
// cell is the value saved with it); external links are never followed (ExcelJS does not read them, and a cell
// that depends on one is its saved value); merged cells in the range are refused.
import type { CellSharedFormulaValue, CellValue, Worksheet } from 'exceljs';
import { diagnostic, type Diagnostic, type Location } from '../../diagnostics/diagnostic.js';
import { LIMITS } from '../../model/limits.js';
import type { Cell, CsvTable } from './csv.js';

/** Where the YAML file names the sheet and the range, which is where a missing sheet or a wrong range is reported. */
export interface XlsxReferences {
  sheet: Location;
  range: Location;
}

export async function parseXlsx(file: string, bytes: Uint8Array, sheetName: string, range: string | undefined, refs: XlsxReferences): Promise<{ table?: CsvTable; diagnostics: Diagnostic[] }> {
  const start: Location = { file, line: 1, column: 1 };
  const fail = (d: Diagnostic) => ({ diagnostics: [d] });
  const zip = checkZip(bytes);
  if (zip && 'inflated' in zip) return fail(diagnostic('BP806', start, { what: `the uncompressed size of ${file} in bytes`, actual: zip.inflated, limit: LIMITS.xlsxInflatedBytes }));
  if (zip && 'parts' in zip) return fail(diagnostic('BP806', start, { what: `the number of parts of ${file}`, actual: zip.parts, limit: LIMITS.xlsxParts }));
  if (zip) return fail(diagnostic('BP010', start, { reason: zip.problem }));

  // Imported when a workbook is read: a briefing without one does not load ExcelJS to validate.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    return fail(diagnostic('BP010', start, { reason: `it is not an .xlsx workbook (${(error as Error).message.split('\n')[0]})` }));
  }
  const sheet = workbook.worksheets.find((w) => w.name === sheetName);
  if (!sheet) {
    const names = workbook.worksheets.map((w) => JSON.stringify(w.name)).join(', ');
    return fail(diagnostic('BP010', refs.sheet, { reason: `it has no sheet named ${JSON.stringify(sheetName)} (its sheets: ${names || 'none'})` }));
  }
  const prefix = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;
  const at = (row: number, column: number): Location => ({ file, line: row, column, cell: `${prefix}!${columnName(column)}${row}` });

  const used = usedArea(sheet);
  if (!used) return fail(diagnostic('BP010', refs.sheet, { reason: `its sheet ${JSON.stringify(sheet.name)} holds no cells` }));
  const area = range === undefined ? used : parseRange(range);
  if (area.bottom > used.bottom || area.right > used.right || area.top < 1 || area.top > area.bottom || area.left > area.right) {
    return fail(diagnostic('BP010', refs.range, { reason: `the range ${range} is not inside the cells its sheet ${JSON.stringify(sheet.name)} holds (${rangeName(used)})` }));
  }
  if (area.bottom - area.top + 1 > LIMITS.csvLines) {
    return fail(diagnostic('BP806', at(area.top + LIMITS.csvLines, area.left), { what: 'the number of rows of the range', actual: area.bottom - area.top + 1, limit: LIMITS.csvLines }));
  }

  // From the sheet's list of merges: ExcelJS also calls a cell merged that a writer left without value or style.
  for (const merge of (sheet.model as { merges?: string[] }).merges ?? []) {
    const merged = parseRange(merge.includes(':') ? merge : `${merge}:${merge}`);
    if (merged.top > area.bottom || merged.bottom < area.top || merged.left > area.right || merged.right < area.left) continue;
    const [r, c] = [Math.max(merged.top, area.top), Math.max(merged.left, area.left)];
    return fail(diagnostic('BP011', at(r, c), { reason: `is one of the merged cells ${merge}: a range must not hold merged cells` }));
  }
  const rows: Cell[][] = [];
  for (let r = area.top; r <= area.bottom; r++) {
    const row: Cell[] = [];
    for (let c = area.left; c <= area.right; c++) {
      const cell = sheet.getCell(r, c);
      const read = cellValue(cell.value);
      if ('problem' in read) return fail(diagnostic('BP011', at(r, c), { reason: read.problem }));
      row.push({ ...read, at: at(r, c) });
    }
    // An empty row is no row, as an empty line of a CSV file is none.
    if (r === area.top || row.some((cell) => cell.text.trim() !== '')) rows.push(row);
  }
  const [header, ...values] = rows;
  if (!header || values.length === 0) return fail(diagnostic('BP010', at(area.top, area.left), { reason: 'the range needs a header row and at least one row of values' }));
  return { table: { header: header.map(({ text, at }) => ({ text, at })), rows: values }, diagnostics: [] };
}

type Read = Omit<Cell, 'at'> | { problem: string };

/** A cell's value as text and kind; a formula is the value saved with it, never evaluated. */
function cellValue(value: CellValue): Read {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') return { text: String(value), kind: 'number' };
  if (typeof value === 'string') return { text: value, kind: 'text' };
  if (typeof value === 'boolean') return { text: String(value), kind: 'boolean' };
  if (value instanceof Date) {
    const iso = value.toISOString();
    return { text: iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso, kind: 'date' };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value && value.formula ? value.formula : (value as CellSharedFormulaValue).sharedFormula;
    if (value.result === undefined || value.result === null) return { problem: `holds the formula =${formula} with no value saved with it (formulas are never evaluated)` };
    return cellValue(value.result as CellValue);
  }
  if ('error' in value) return { problem: `holds the error ${value.error}` };
  if ('richText' in value) return { text: value.richText.map((part) => part.text).join(''), kind: 'text' };
  if ('hyperlink' in value) return { text: String(value.text), kind: 'text' };
  return { problem: 'holds a value that is neither text, a number, a date nor true or false' };
}

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The rows and columns that hold a value (or are merged), or undefined for an empty sheet. */
function usedArea(sheet: Worksheet): Area | undefined {
  let area: Area | undefined;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (_cell, c) => {
      area = area
        ? { top: Math.min(area.top, r), left: Math.min(area.left, c), bottom: Math.max(area.bottom, r), right: Math.max(area.right, c) }
        : { top: r, left: c, bottom: r, right: c };
    });
  });
  return area;
}

function parseRange(range: string): Area {
  const [from, to] = range.split(':').map((ref) => {
    const [, letters, digits] = ref.match(/^([A-Z]+)(\d+)$/)!;
    return { row: Number(digits), column: [...letters!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) };
  });
  return { top: from!.row, left: from!.column, bottom: to!.row, right: to!.column };
}

function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const rangeName = (a: Area) => `${columnName(a.left)}${a.top}:${columnName(a.right)}${a.bottom}`;

/**
 * Undefined when the zip may be handed to ExcelJS: its central directory read, its inflated size summed and
 * bounded, and each part inflated with a cap at its declared size, so that a part declaring a small size and
 * inflating to gigabytes is stopped at the size it declares.
 */
export function checkZip(bytes: Uint8Array): { problem: string } | { inflated: number } | { parts: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const notZip = { problem: 'it is not an .xlsx workbook (an .xlsx file is a zip archive, and this is none)' };
  const damaged = { problem: 'its zip archive is damaged' };
  if (bytes.length < 30) return notZip;
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0 || view.getUint32(0, true) !== 0x04034b50) return notZip;
  const count = view.getUint16(end + 10, true);
  const directory = view.getUint32(end + 16, true);
  if (count === 0xffff || directory === 0xffffffff) return { problem: 'its zip archive is in the ZIP64 form, which no workbook of a briefing needs' };
  if (count > LIMITS.xlsxParts) return { parts: count };
  const parts: { method: number; compressed: number; size: number; local: number }[] = [];
  let inflated = 0;
  for (let i = 0, p = directory; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return damaged;
    const part = { method: view.getUint16(p + 10, true), compressed: view.getUint32(p + 20, true), size: view.getUint32(p + 24, true), local: view.getUint32(p + 42, true) };
    if (part.size === 0xffffffff || part.compressed === 0xffffffff) return { problem: 'its zip archive is in the ZIP64 form, which no workbook of a briefing needs' };
    inflated += part.size;
    parts.push(part);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  if (inflated > LIMITS.xlsxInflatedBytes) return { inflated };
  for (const part of parts) {
    if (part.local + 30 > bytes.length || view.getUint32(part.local, true) !== 0x04034b50) return damaged;
    const start = part.local + 30 + view.getUint16(part.local + 26, true) + view.getUint16(part.local + 28, true);
    const data = bytes.subarray(start, start + part.compressed);
    if (data.length !== part.compressed) return damaged;
    if (part.method === 0) {
      if (part.compressed !== part.size) return damaged;
      continue;
    }
    if (part.method !== 8) return { problem: `its zip archive uses a compression method (${part.method}) other than deflate` };
    try {
      // zlib is asked for only here: a briefing without a workbook never loads it.
      const out = process.getBuiltinModule('node:zlib').inflateRawSync(data, { maxOutputLength: Math.max(1, part.size) });
      if (out.length !== part.size) return damaged;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { problem: 'a part of its zip archive inflates to more bytes than the archive declares (a zip bomb)' };
      return damaged;
    }
  }
  return undefined;
}
