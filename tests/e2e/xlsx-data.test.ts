// A table from an .xlsx workbook end to end, on a copy of the second briefing: a broken cell stops the build with
// one diagnostic at `file:Sheet!C7` and the previous outputs untouched; a changed cell changes that figure, and
// only it, in the PDF, the HTML and the workbook, and `briefpress diff` reports the table as changed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS, { type Worksheet } from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { changedCells, expectFigureOnlyChanged, expectInputChanged, expectRefusedUntouched, oneChange, type OneChange } from '../support/one-change.js';

const ID = 'cost-of-a-data-breach-2024';
const WORKBOOK = 'tables/initial-attack-vectors.xlsx';
/** The Phishing row's share: the cell names a data point, whose figure the table prints (15%, then 12%). */
const CELL = { address: 'B5', from: 'vector-phishing-2024', to: 'vector-cloud-misconfiguration-2024' };
let run: OneChange;

/** The copy's workbook: the original with `edit` applied to the sheet Vectors. */
async function editWorkbook(dir: string, edit: (sheet: Worksheet) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(join('data', ID, WORKBOOK)) as never);
  const sheet = workbook.getWorksheet('Vectors')!;
  expect(sheet.getCell(CELL.address).value).toBe(CELL.from);
  edit(sheet);
  writeFileSync(join(dir, WORKBOOK), Buffer.from(await workbook.xlsx.writeBuffer()));
}

beforeAll(async () => {
  run = await oneChange(ID, {
    breakInput: (dir) => editWorkbook(dir, (sheet) => sheet.mergeCells('A5:A6')),
    changeInput: (dir) => editWorkbook(dir, (sheet) => {
      sheet.getCell(CELL.address).value = CELL.to;
    }),
  });
}, 240_000);

describe('a table from an .xlsx workbook (end to end)', () => {
  it('merged cells: one diagnostic at the cell, as file:Sheet!cell, exit 1, the previous outputs byte for byte', () => {
    expectRefusedUntouched(run, ID, `${WORKBOOK}:Vectors!A5 error BP011`, 'BP011');
  });

  it('a changed cell: the HTML and the PDF text change in that figure only', () => {
    expectFigureOnlyChanged(run, '15%', '12%');
  });

  it('a changed cell: the workbook changes in that cell of the table\'s sheet, and in the hash of the inputs', () => {
    expect(changedCells(run.file(run.before, 'xlsx'), run.file(run.out, 'xlsx'))).toEqual([
      expect.objectContaining({ sheet: 'Attack vectors', old: 0.15, new: 0.12 }),
      expect.objectContaining({ sheet: 'About', new: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
  });

  it('briefpress diff reports the table; the manifest lists the workbook among the inputs, changed', () => {
    expect(run.diff.stdout).toMatch(/tables\n\s+~ initial-attack-vectors: /);
    expectInputChanged(run, ID, WORKBOOK);
  });
});
