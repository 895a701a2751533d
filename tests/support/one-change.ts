// What a test that changes one input cell compares: an output folder's files, the lines of two texts that differ,
// and the cells of two workbooks that differ.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import * as XLSX from 'xlsx';

/** Every file of a briefing's output folder, by name. */
export const outputFiles = (root: string, id: string) => new Map(readdirSync(join(root, id)).sort().map((name) => [name, readFileSync(join(root, id, name))]));

/** The lines of `next` that differ from `old`'s; the two must have as many lines. */
export function changedLines(old: string, next: string): { old: string; new: string }[] {
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
