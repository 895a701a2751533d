// A test that changes one input cell: the scenario (build a copy, break an input, change a cell, diff) and what it
// compares: an output folder's files, the lines of two texts that differ, and the cells of two workbooks that differ.
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import * as XLSX from 'xlsx';
import { briefpress, type CliRun } from './cli.js';
import { pdfText } from './pdf-tools.js';

/** Every file of a briefing's output folder, by name. */
const outputFiles = (root: string, id: string) => new Map(readdirSync(join(root, id)).sort().map((name) => [name, readFileSync(join(root, id, name))]));

/** The lines of `next` that differ from `old`'s; the two must have as many lines. */
function changedLines(old: string, next: string): { old: string; new: string }[] {
  const oldLines = old.split('\n');
  const newLines = next.split('\n');
  expect(newLines.length).toBe(oldLines.length);
  return newLines.flatMap((line, i) => (line === oldLines[i] ? [] : [{ old: oldLines[i]!, new: line }]));
}

/** The cells whose values differ between two workbooks of the same sheets, as SheetJS reads them. */
export function changedCells(oldFile: string, newFile: string): { sheet: string; cell: string; old: unknown; new: unknown }[] {
  const [old, next] = [oldFile, newFile].map((path) => XLSX.read(readFileSync(path), { type: 'buffer' }));
  expect(next!.SheetNames).toEqual(old!.SheetNames);
  return next!.SheetNames.flatMap((name) => {
    const [a, b] = [old!.Sheets[name]!, next!.Sheets[name]!];
    const cells = new Set([...Object.keys(a), ...Object.keys(b)].filter((key) => !key.startsWith('!')));
    return [...cells].filter((cell) => a[cell]?.v !== b[cell]?.v).map((cell) => ({ sheet: name, cell, old: a[cell]?.v, new: b[cell]?.v }));
  });
}

/** A copy of a briefing built, then built with one input broken, then with one input cell changed, then diffed. */
export interface OneChange {
  /** The copy's folder, and the build's output folder before and after. */
  dir: string;
  out: string;
  before: string;
  broken: CliRun;
  /** The output folder's files right after the broken build. */
  brokenFiles: Map<string, Buffer>;
  rebuilt: CliRun;
  diff: CliRun;
  /** A briefing output of `root` (`before` or `out`) by extension. */
  file(root: string, ext: 'html' | 'pdf' | 'xlsx'): string;
}

/**
 * Builds a copy of `data/<id>` (after `prepare`), breaks one input with `breakInput` and builds again, then
 * changes one cell with `changeInput` (from the copy as first built), builds again and runs `briefpress diff`.
 */
export async function oneChange(id: string, steps: { prepare?(dir: string): void; breakInput(dir: string): Promise<void> | void; changeInput(dir: string): Promise<void> | void }): Promise<OneChange> {
  const root = mkdtempSync(join(tmpdir(), `briefpress-one-change-`));
  const dir = join(root, id);
  const out = join(root, 'out');
  const before = join(root, 'before');
  cpSync(join('data', id), dir, { recursive: true });
  steps.prepare?.(dir);
  const first = await briefpress(['build', dir, '--out', out, '--outputs', 'pdf,html,xlsx']);
  expect(first.status, first.stderr).toBe(0);
  cpSync(out, before, { recursive: true });
  await steps.breakInput(dir);
  const broken = await briefpress(['build', dir, '--out', out]);
  const brokenFiles = outputFiles(out, id);
  await steps.changeInput(dir);
  const rebuilt = await briefpress(['build', dir, '--out', out, '--outputs', 'pdf,html,xlsx']);
  const diff = await briefpress(['diff', before, out]);
  return { dir, out, before, broken, brokenFiles, rebuilt, diff, file: (where, ext) => join(where, id, `${id}.${ext}`) };
}

/** The broken build: exit 1, exactly the one diagnostic `code` at `place`, and the previous outputs byte for byte. */
export function expectRefusedUntouched(run: OneChange, id: string, place: string, code: string): void {
  expect(run.broken.status).toBe(1);
  expect(run.broken.stderr).toContain(place);
  expect(run.broken.stderr.match(/ error BP\d+/g)).toEqual([` error ${code}`]);
  expect(run.brokenFiles).toEqual(outputFiles(run.before, id));
}

/** The rebuilt HTML and the PDF's text differ from the first build's only where `from` became `to`. */
export function expectFigureOnlyChanged(run: OneChange, from: string, to: string): void {
  expect(run.rebuilt.status, run.rebuilt.stderr).toBe(0);
  const html = changedLines(readFileSync(run.file(run.before, 'html'), 'utf8'), readFileSync(run.file(run.out, 'html'), 'utf8'));
  const pdf = changedLines(pdfText(run.file(run.before, 'pdf')), pdfText(run.file(run.out, 'pdf')));
  for (const changes of [html, pdf]) {
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(change.new.replaceAll(to, from)).toBe(change.old);
  }
  for (const change of html) expect(change.new).toContain(to);
}

/** The manifests list `path` among the inputs with a new hash, and the cache key changed with it. */
export function expectInputChanged(run: OneChange, id: string, path: string): void {
  expect(run.diff.status, run.diff.stderr).toBe(0);
  type Manifest = { cacheKey: string; inputs: { path: string; sha256: string }[] };
  const [old, next] = [run.before, run.out].map((root) => JSON.parse(readFileSync(join(root, id, 'manifest.json'), 'utf8')) as Manifest);
  const input = (manifest: Manifest) => manifest.inputs.find((i) => i.path === path)?.sha256;
  expect(input(old!)).toMatch(/^[0-9a-f]{64}$/);
  expect(input(next!)).not.toBe(input(old!));
  expect(next!.cacheKey).not.toBe(old!.cacheKey);
}
