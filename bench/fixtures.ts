// Benchmark fixtures: `count` variants of the default briefing, each its own id, title and data values, written
// to bench/.fixtures/variants/ (git-ignored; regenerated, never committed). Values move by up to ±5 % and keep the
// precision their data point states, and the prose that states them moves with them (validation holds prose and
// data together), so every variant validates and renders like the original.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';

export const DEFAULT_BRIEFING = 'data/ai-security-workforce-2024';
const VARIANTS_DIR = 'bench/.fixtures/variants';

/** Writes the variants afresh and returns their folders. */
export function generateVariants(count: number): string[] {
  rmSync(VARIANTS_DIR, { recursive: true, force: true });
  mkdirSync(VARIANTS_DIR, { recursive: true });
  return Array.from({ length: count }, (_, index) => writeVariant(index + 1));
}

function writeVariant(number: number): string {
  const label = String(number).padStart(3, '0');
  const dir = join(VARIANTS_DIR, `ai-security-workforce-2024-v${label}`);
  cpSync(DEFAULT_BRIEFING, dir, { recursive: true });
  editYaml(join(dir, 'briefing.yaml'), (doc) => {
    doc.set('title', `${String(doc.get('title'))} (variant ${label})`);
  });
  const figures: [string, string][] = [];
  editYaml(join(dir, 'data-points.yaml'), (doc) => {
    const points = doc.get('dataPoints') as YAMLSeq<YAMLMap>;
    points.items.forEach((point, index) => {
      const value = Number(point.get('value'));
      const decimals = Number(point.get('decimals'));
      const factor = 1 + (((number * 7 + index * 3) % 11) - 5) / 100;
      const varied = Math.min(point.get('unit') === 'percent' ? 100 : Infinity, Number((value * factor).toFixed(decimals)));
      point.set('value', varied);
      if (point.get('unit') === 'percent') figures.push([`${value.toFixed(decimals)}%`, `${varied.toFixed(decimals)}%`]);
    });
  });
  const prose = [join(dir, 'briefing.yaml'), ...readdirSync(join(dir, 'sections')).map((name) => join(dir, 'sections', name))];
  for (const file of prose) writeFileSync(file, restate(readFileSync(file, 'utf8'), figures));
  return dir;
}

/** Every figure the prose states, old → new; through placeholders, so that one new value never matches another old one. */
function restate(text: string, figures: readonly [string, string][]): string {
  const marked = figures.reduce((t, [old], i) => t.replace(new RegExp(`(?<![\\d.])${old.replace('.', '\\.')}`, 'g'), `\u0000${i}\u0000`), text);
  return marked.replace(/\u0000(\d+)\u0000/g, (_, i: string) => figures[Number(i)]![1]);
}

function editYaml(path: string, edit: (doc: ReturnType<typeof parseDocument>) => void): void {
  const doc = parseDocument(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, doc.toString({ lineWidth: 0 }));
}
