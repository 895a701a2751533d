// Golden files: the exact text a user sees, kept under tests/golden/<folder>/. Outside CI a missing one is written
// (review it and commit it); a mismatch fails and writes the new text to tests/golden/<folder>/__diff__/ for a
// human to diff.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export function expectGolden(folder: string, name: string, actual: string): void {
  const path = join(folder, name);
  if (!existsSync(path) && !process.env.CI) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path, actual);
  }
  const expected = readFileSync(path, 'utf8');
  if (actual !== expected) {
    mkdirSync(join(folder, '__diff__'), { recursive: true });
    writeFileSync(join(folder, '__diff__', name), actual);
  }
  expect(actual, `${path} (the new text is in ${join(folder, '__diff__', name)})`).toBe(expected);
}
