// A table from an .xlsx workbook end to end, on a copy of the second briefing: a broken cell stops the build with
// one diagnostic at `file:Sheet!C7` and the previous outputs untouched; a changed cell changes that figure, and
// only it, in the PDF, the HTML and the workbook, and `briefpress diff` reports the table as changed.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS, { type Worksheet } from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { briefpress, type CliRun } from '../support/cli.js';
import { changedCells, changedLines, outputFiles } from '../support/one-change.js';
import { pdfText } from '../support/pdf-tools.js';

const ID = 'cost-of-a-data-breach-2024';
const WORKBOOK = 'tables/initial-attack-vectors.xlsx';
/** The Phishing row's share: the cell names a data point, whose figure the table prints (15%, then 12%). */
const CELL = { address: 'B5', from: 'vector-phishing-2024', to: 'vector-cloud-misconfiguration-2024' };
let dir: string;
let out: string;
let before: string;
let broken: CliRun;
let brokenFiles: Map<string, Buffer>;
let rebuilt: CliRun;
let diff: CliRun;

const outputs = (root: string) => outputFiles(root, ID);
const file = (root: string, ext: string) => join(root, ID, `${ID}.${ext}`);

/** The copy's workbook with `edit` applied to the sheet Vectors. */
async function editWorkbook(edit: (sheet: Worksheet) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(join('data', ID, WORKBOOK)) as never);
  edit(workbook.getWorksheet('Vectors')!);
  writeFileSync(join(dir, WORKBOOK), Buffer.from(await workbook.xlsx.writeBuffer()));
}

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'briefpress-xlsx-'));
  dir = join(root, ID);
  out = join(root, 'out');
  before = join(root, 'before');
  cpSync(join('data', ID), dir, { recursive: true });
  const first = await briefpress(['build', dir, '--out', out, '--outputs', 'pdf,html,xlsx']);
  expect(first.status, first.stderr).toBe(0);
  cpSync(out, before, { recursive: true });

  await editWorkbook((sheet) => {
    expect(sheet.getCell(CELL.address).value).toBe(CELL.from);
    sheet.mergeCells('A5:A6');
  });
  broken = await briefpress(['build', dir, '--out', out]);
  brokenFiles = outputs(out);

  await editWorkbook((sheet) => {
    sheet.getCell(CELL.address).value = CELL.to;
  });
  rebuilt = await briefpress(['build', dir, '--out', out, '--outputs', 'pdf,html,xlsx']);
  diff = await briefpress(['diff', before, out]);
}, 240_000);

describe('a table from an .xlsx workbook (end to end)', () => {
  it('merged cells: one diagnostic at the cell, as file:Sheet!cell, exit 1, the previous outputs byte for byte', () => {
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`${WORKBOOK}:Vectors!A5 error BP011`);
    expect(broken.stderr.match(/ error BP\d+/g)).toEqual([' error BP011']);
    expect(brokenFiles).toEqual(outputs(before));
  });

  it('a changed cell: the HTML changes in that figure only', () => {
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    const changes = changedLines(readFileSync(file(before, 'html'), 'utf8'), readFileSync(file(out, 'html'), 'utf8'));
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(change.new).toContain('12%');
      expect(change.new.replaceAll('12%', '15%')).toBe(change.old);
    }
  });

  it('a changed cell: the PDF text changes in that figure only', () => {
    const changes = changedLines(pdfText(file(before, 'pdf')), pdfText(file(out, 'pdf')));
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(change.new.replaceAll('12%', '15%')).toBe(change.old);
  });

  it('a changed cell: the workbook changes in that cell of the table\'s sheet, and in the hash of the inputs', () => {
    const changed = changedCells(file(before, 'xlsx'), file(out, 'xlsx'));
    expect(changed).toEqual([
      expect.objectContaining({ sheet: 'Attack vectors', old: 0.15, new: 0.12 }),
      expect.objectContaining({ sheet: 'About', new: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
  });

  it('briefpress diff reports the table; the manifest lists the workbook among the inputs, changed', () => {
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout).toMatch(/tables\n\s+~ initial-attack-vectors: /);
    type Manifest = { cacheKey: string; inputs: { path: string; sha256: string }[] };
    const [old, next] = [before, out].map((root) => JSON.parse(readFileSync(join(root, ID, 'manifest.json'), 'utf8')) as Manifest);
    const input = (manifest: Manifest) => manifest.inputs.find((i) => i.path === WORKBOOK)?.sha256;
    expect(input(old!)).toMatch(/^[0-9a-f]{64}$/);
    expect(input(next!)).not.toBe(input(old!));
    expect(next!.cacheKey).not.toBe(old!.cacheKey);
  });
});
