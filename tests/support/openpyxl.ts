// The workbook as openpyxl reads it (read-workbook.py beside this file), with Debian's python3, whose
// python3-openpyxl scripts/ensure-tools.sh installs: a reader independent of ExcelJS and SheetJS.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const DEBIAN_PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('./read-workbook.py', import.meta.url).pathname;

interface OpenpyxlCell {
  ref: string;
  value: string | number | boolean;
  /** s text, n number, f formula, d date, b boolean. */
  type: string;
  format: string;
  wrap: boolean;
}

interface OpenpyxlSheet {
  name: string;
  cells: OpenpyxlCell[];
  rowHeights: Record<string, number>;
  columnWidths: Record<string, number>;
  paperSize: number | null;
  orientation: string | null;
  fitToWidth: number | null;
  printArea: string[] | null;
  printTitleRows: string | null;
  tables: Record<string, { ref: string; totalsRowShown: boolean | null; totalsRowCount: number | null }>;
  charts: { type: string; series: { name: string | null; categories: string | null; values: string | null }[] }[];
  images: number;
}

export interface OpenpyxlBook {
  sheets: OpenpyxlSheet[];
  /** Workbook-level defined names → their references. */
  names: Record<string, string>;
}

export async function readWithOpenpyxl(xlsx: Uint8Array): Promise<OpenpyxlBook> {
  const dir = await mkdtemp(join(tmpdir(), 'briefpress-openpyxl-'));
  try {
    const file = join(dir, 'workbook.xlsx');
    await writeFile(file, xlsx);
    const { stdout } = await promisify(execFile)(DEBIAN_PYTHON, [SCRIPT, file], { maxBuffer: 64 * 1024 * 1024 });
    const book = JSON.parse(stdout) as OpenpyxlBook;
    for (const sheet of book.sheets) sheet.paperSize = sheet.paperSize === null ? null : Number(sheet.paperSize);
    return book;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
