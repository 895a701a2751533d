// Data from a CSV file end to end, on a copy of the second briefing: a broken cell stops the build with the
// previous outputs untouched; a changed cell changes that figure, and only it, in the PDF, the HTML and the
// workbook, and `briefpress diff` reports it as a changed data point.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { briefpress, type CliRun } from '../support/cli.js';
import { changedCells, changedLines, outputFiles } from '../support/one-change.js';
import { pdfText } from '../support/pdf-tools.js';

const ID = 'cost-of-a-data-breach-2024';
const CSV = 'security-ai.csv';
const CELL = { from: 'generative-AI security tool,20,', to: 'generative-AI security tool,21,' };
let dir: string;
let out: string;
let before: string;
let broken: CliRun;
let brokenFiles: Map<string, Buffer>;
let rebuilt: CliRun;
let diff: CliRun;

const outputs = (root: string) => outputFiles(root, ID);
const file = (root: string, ext: string) => join(root, ID, `${ID}.${ext}`);

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'briefpress-csv-'));
  dir = join(root, ID);
  out = join(root, 'out');
  before = join(root, 'before');
  cpSync(join('data', ID), dir, { recursive: true });
  // The prose states this figure as written; inserted with {{dp:}} it follows the cell, so the cell is all that changes.
  const section = join(dir, 'sections/06-ai-staffing.md');
  writeFileSync(section, readFileSync(section, 'utf8').replace('and 20% used', 'and {{dp:genai-security-tools-2024}} used'));
  const first = await briefpress(['build', dir, '--out', out, '--outputs', 'pdf,html,xlsx']);
  expect(first.status, first.stderr).toBe(0);
  cpSync(out, before, { recursive: true });

  const csv = readFileSync(join(dir, CSV), 'utf8');
  expect(csv).toContain(CELL.from);
  writeFileSync(join(dir, CSV), csv.replace(CELL.from, 'generative-AI security tool,20%,'));
  broken = await briefpress(['build', dir, '--out', out]);
  brokenFiles = outputs(out);

  writeFileSync(join(dir, CSV), csv.replace(CELL.from, CELL.to));
  rebuilt = await briefpress(['build', dir, '--out', out, '--outputs', 'pdf,html,xlsx']);
  diff = await briefpress(['diff', before, out]);
}, 240_000);

describe('data points from a CSV file (end to end)', () => {
  it('a broken cell: one diagnostic at the cell, exit 1, the previous outputs byte for byte', () => {
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`${CSV}:4:`);
    expect(broken.stderr.match(/ error BP\d+/g)).toEqual([' error BP009']);
    expect(brokenFiles).toEqual(outputs(before));
  });

  it('a changed cell: the HTML changes in that figure only', () => {
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    const changes = changedLines(readFileSync(file(before, 'html'), 'utf8'), readFileSync(file(out, 'html'), 'utf8'));
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(change.new).toContain('21%');
      expect(change.new.replaceAll('21%', '20%')).toBe(change.old);
    }
  });

  it('a changed cell: the PDF text changes in that figure only', () => {
    const changes = changedLines(pdfText(file(before, 'pdf')), pdfText(file(out, 'pdf')));
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(change.new.replaceAll('21%', '20%')).toBe(change.old);
  });

  it('a changed cell: the workbook changes in the data point\'s value on the Data sheet, and in the hash of the inputs', () => {
    const changed = changedCells(file(before, 'xlsx'), file(out, 'xlsx'));
    expect(changed).toEqual([
      expect.objectContaining({ sheet: 'Data', old: 0.2, new: 0.21 }),
      expect.objectContaining({ sheet: 'About', new: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    const about = XLSX.utils.sheet_to_json<string[]>(XLSX.read(readFileSync(file(out, 'xlsx')), { type: 'buffer' }).Sheets.About!, { header: 1 });
    expect(about.find((row) => row[1] === changed[1]!.new)?.[0]).toBe('Input hash (SHA-256)');
  });

  it('briefpress diff reports the changed data point; the manifest lists the CSV file among the inputs, changed', () => {
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout).toMatch(/genai-security-tools-2024: 20% → 21%/);
    type Manifest = { cacheKey: string; inputs: { path: string; sha256: string }[] };
    const [old, next] = [before, out].map((root) => JSON.parse(readFileSync(join(root, ID, 'manifest.json'), 'utf8')) as Manifest);
    const csvInput = (manifest: Manifest) => manifest.inputs.find((input) => input.path === CSV)?.sha256;
    expect(csvInput(old!)).toMatch(/^[0-9a-f]{64}$/);
    expect(csvInput(next!)).not.toBe(csvInput(old!));
    expect(next!.cacheKey).not.toBe(old!.cacheKey);
    expect(next!.inputs.map((input) => input.path)).toContain('tables/regional-costs.csv');
  });
});
