// Data from a CSV file end to end, on a copy of the second briefing: a broken cell stops the build with the
// previous outputs untouched; a changed cell changes that figure, and only it, in the PDF, the HTML and the
// workbook, and `briefpress diff` reports it as a changed data point.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { changedCells, expectFigureOnlyChanged, expectInputChanged, expectRefusedUntouched, oneChange, type OneChange } from '../support/one-change.js';

const ID = 'cost-of-a-data-breach-2024';
const CSV = 'security-ai.csv';
const CELL = { from: 'generative-AI security tool,20,', to: 'generative-AI security tool,21,' };
let run: OneChange;

/** The copy's CSV file with the cell's text replaced. */
function editCsv(dir: string, replacement: string): void {
  const csv = readFileSync(join('data', ID, CSV), 'utf8');
  expect(csv).toContain(CELL.from);
  writeFileSync(join(dir, CSV), csv.replace(CELL.from, replacement));
}

beforeAll(async () => {
  run = await oneChange(ID, {
    // The prose states this figure as written; inserted with {{dp:}} it follows the cell, so the cell is all that changes.
    prepare: (dir) => {
      const section = join(dir, 'sections/06-ai-staffing.md');
      writeFileSync(section, readFileSync(section, 'utf8').replace('and 20% used', 'and {{dp:genai-security-tools-2024}} used'));
    },
    breakInput: (dir) => editCsv(dir, 'generative-AI security tool,20%,'),
    changeInput: (dir) => editCsv(dir, CELL.to),
  });
}, 240_000);

describe('data points from a CSV file (end to end)', () => {
  it('a broken cell: one diagnostic at the cell, exit 1, the previous outputs byte for byte', () => {
    expectRefusedUntouched(run, ID, `${CSV}:4:`, 'BP009');
  });

  it('a changed cell: the HTML and the PDF text change in that figure only', () => {
    expectFigureOnlyChanged(run, '20%', '21%');
  });

  it('a changed cell: the workbook changes in the data point\'s value on the Data sheet, and in the hash of the inputs', () => {
    const changed = changedCells(run.file(run.before, 'xlsx'), run.file(run.out, 'xlsx'));
    expect(changed).toEqual([
      expect.objectContaining({ sheet: 'Data', old: 0.2, new: 0.21 }),
      expect.objectContaining({ sheet: 'About', new: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    const about = XLSX.utils.sheet_to_json<string[]>(XLSX.read(readFileSync(run.file(run.out, 'xlsx')), { type: 'buffer' }).Sheets.About!, { header: 1 });
    expect(about.find((row) => row[1] === changed[1]!.new)?.[0]).toBe('Input hash (SHA-256)');
  });

  it('briefpress diff reports the changed data point; the manifest lists the CSV file among the inputs, changed', () => {
    expect(run.diff.stdout).toMatch(/genai-security-tools-2024: 20% → 21%/);
    expectInputChanged(run, ID, CSV);
    const manifest = JSON.parse(readFileSync(join(run.out, ID, 'manifest.json'), 'utf8')) as { inputs: { path: string }[] };
    expect(manifest.inputs.map((input) => input.path)).toContain('tables/regional-costs.csv');
  });
});
