// Reading an .xlsx file: the zip is read once, by model/zip.ts, and ExcelJS sees only the parts it checked.
import { describe, expect, it } from 'vitest';
import { parseXlsx } from '../../../pipeline/stages/load/xlsx.js';
import { workbookParts, xlsxBytes, zip64DiskNumberBytes } from '../../support/xlsx-bytes.js';

const FILE = 'tables/vectors.xlsx';
const REFS = { sheet: { file: 'tables/vectors.yaml', line: 3, column: 8 }, range: { file: 'tables/vectors.yaml', line: 4, column: 8 } };
const SHEETS = [{ name: 'Vectors', rows: [['Attack vector', 'Share'], ['Phishing', 0.15]] }];

describe('parseXlsx', () => {
  it('reads the cells of a workbook', async () => {
    const { table, diagnostics } = await parseXlsx(FILE, xlsxBytes(SHEETS), 'Vectors', undefined, REFS);
    expect(diagnostics).toEqual([]);
    expect(table!.rows.map((row) => row.map((cell) => [cell.text, cell.at.cell]))).toEqual([[['Phishing', 'Vectors!A2'], ['0.15', 'Vectors!B2']]]);
  });

  // Issue #31: the end record lists a harmless directory but says 0xFFFF in its disk-number field; ExcelJS's
  // JSZip then followed the ZIP64 locator to a second directory holding a part of 1 GiB of zeros, in a 1 MB file.
  // Before, the check read the first directory and passed, and ExcelJS inflated the second: 16.6 s, 3.2 GiB of
  // memory, and the table read with no diagnostic.
  it('refuses the archive whose disk number sends a ZIP64 reader to a directory the check never saw, at once', async () => {
    const bytes = zip64DiskNumberBytes(workbookParts(SHEETS), { name: 'xl/media/image1.png', zeros: 1024 });
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const [rss, started] = [process.memoryUsage().rss, performance.now()];
    const { table, diagnostics } = await parseXlsx(FILE, bytes, 'Vectors', undefined, REFS);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(256 * 1024 * 1024);
    expect(table).toBeUndefined();
    expect(diagnostics.map((d) => [`${d.file}:${d.line}:${d.column}`, d.code, d.message])).toEqual([
      [`${FILE}:1:1`, 'BP010', 'workbook cannot be read: its zip archive is in the ZIP64 form, which no workbook of a briefing needs'],
    ]);
  });
});
