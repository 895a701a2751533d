// .xlsx workbooks read into the same table of cells as a CSV file (stages/load/csv.ts), each cell positioned as
// `Results!C7`, so that the mapping, the conversions and every check after are the CSV path's.
// The file is untrusted: model/zip.ts reads its zip once, the sizes bounded from the central directory and every
// part inflated with a cap at its declared size (a zip bomb), and ExcelJS gets a fresh archive of exactly those
// parts, never the file itself, so no reader of another view of the archive sees anything unchecked (issue #31);
// formulas are never evaluated (a formula cell is the value saved with it); external links are never followed
// (ExcelJS does not read them, and a cell that depends on one is its saved value); merged cells in the range are
// refused.
import type { CellSharedFormulaValue, CellValue, Worksheet } from 'exceljs';
import { diagnostic, type Diagnostic, type Location } from '../../diagnostics/diagnostic.js';
import { LIMITS } from '../../model/limits.js';
import { readZip, writeZip, type ZipRefusal } from '../../model/zip.js';
import type { Cell, CsvTable } from './csv.js';

/** Where the YAML file names the sheet and the range, which is where a missing sheet or a wrong range is reported. */
export interface XlsxReferences {
  sheet: Location;
  range: Location;
}

export async function parseXlsx(file: string, bytes: Uint8Array, sheetName: string, range: string | undefined, refs: XlsxReferences): Promise<{ table?: CsvTable; diagnostics: Diagnostic[] }> {
  const start: Location = { file, line: 1, column: 1 };
  const fail = (d: Diagnostic) => ({ diagnostics: [d] });
  const zip = readZip(bytes, { parts: LIMITS.xlsxParts, inflatedBytes: LIMITS.xlsxInflatedBytes });
  if ('refused' in zip) return fail(zipDiagnostic(file, zip.refused));

  // Imported when a workbook is read: a briefing without one does not load ExcelJS to validate.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    // Stored, not deflated: ExcelJS inflates nothing, and reads only the parts checked above.
    await workbook.xlsx.load(writeZip(zip.parts, { method: 'store' }) as never);
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
    // ExcelJS turns any serial number of a date-formatted cell into a Date, 1e20 into an invalid one; Excel's own
    // calendar runs from 1900 to 9999.
    const year = value.getUTCFullYear();
    if (!(year >= 1900 && year <= 9999)) return { problem: 'holds a date outside Excel\'s calendar (1900 to 9999): a number formatted as a date?' };
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

/** Why the zip was not read, at the file's start. */
function zipDiagnostic(file: string, refusal: ZipRefusal): Diagnostic {
  const start: Location = { file, line: 1, column: 1 };
  const unneeded = (form: string) => `its zip archive ${form}, which no workbook of a briefing needs`;
  switch (refusal.kind) {
    case 'inflated':
      return diagnostic('BP806', start, { what: `the uncompressed size of ${file} in bytes`, actual: refusal.bytes, limit: LIMITS.xlsxInflatedBytes });
    case 'parts':
      return diagnostic('BP806', start, { what: `the number of parts of ${file}`, actual: refusal.count, limit: LIMITS.xlsxParts });
    case 'not-zip':
      return diagnostic('BP010', start, { reason: 'it is not an .xlsx workbook (an .xlsx file is a zip archive, and this is none)' });
    case 'damaged':
      return diagnostic('BP010', start, { reason: 'its zip archive is damaged' });
    case 'zip64':
      return diagnostic('BP010', start, { reason: unneeded('is in the ZIP64 form') });
    case 'split':
      return diagnostic('BP010', start, { reason: unneeded('spans several disks') });
    case 'encrypted':
      return diagnostic('BP010', start, { reason: unneeded('is encrypted') });
    case 'method':
      return diagnostic('BP010', start, { reason: `its zip archive uses a compression method (${refusal.method}) other than deflate` });
    case 'bomb':
      return diagnostic('BP010', start, { reason: 'a part of its zip archive inflates to more bytes than the archive declares (a zip bomb)' });
  }
}
