// Benchmark fixtures, written to bench/.fixtures/variants/ (git-ignored; regenerated, never committed): `count`
// briefings made from the two real ones, alternately, each its own id and title and each different in content
// and in shape, so that a batch measures briefings that really differ:
//   - content: the default briefing's values move by up to ±5 % and keep the precision their data point states;
//     the prose that states them moves with them (validation holds prose and data together);
//   - shape: the sections in another order, fewer key-figure cards, and an appendix section of 0–6 paragraphs of
//     figure-free notes, so page counts and the place of every chapter change.
// Every variant validates and renders like the original.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';

export const DEFAULT_BRIEFING = 'data/ai-security-workforce-2024';
export const SECOND_BRIEFING = 'data/cost-of-a-data-breach-2024';
const VARIANTS_DIR = 'bench/.fixtures/variants';

/** Writes the variants afresh and returns their folders. */
export function generateVariants(count: number): string[] {
  rmSync(VARIANTS_DIR, { recursive: true, force: true });
  mkdirSync(VARIANTS_DIR, { recursive: true });
  return Array.from({ length: count }, (_, index) => writeVariant(index + 1));
}

const NOTE_SENTENCES = [
  'The figures above are quoted as their sources state them, with the precision each source gives.',
  'Where two sources describe the same measure, the briefing keeps both and says which one each figure comes from.',
  'Readers comparing periods should note that the sources do not always survey the same organizations each year.',
  'Projections are the sources’ own and carry the assumptions those sources describe in their methodology.',
  'Terms such as role, posting and breach follow the definitions of the source that reports them.',
  'The tables repeat figures from the text so that they can be read and reused on their own.',
];

function writeVariant(number: number): string {
  const label = String(number).padStart(3, '0');
  const base = number % 2 === 1 ? DEFAULT_BRIEFING : SECOND_BRIEFING;
  const dir = join(VARIANTS_DIR, `${base.split('/').pop()}-v${label}`);
  cpSync(base, dir, { recursive: true });

  const paragraphs = number % 7;
  editYaml(join(dir, 'briefing.yaml'), (doc) => {
    doc.set('title', `${String(doc.get('title'))} (variant ${label})`);
    const sections = doc.get('sections') as YAMLSeq<YAMLMap>;
    const turn = number % sections.items.length;
    sections.items = [...sections.items.slice(turn), ...sections.items.slice(0, turn)];
    if (paragraphs > 0) {
      const notes = doc.createNode({ id: 'notes', title: 'Notes on the figures', file: 'sections/99-notes.md' }) as YAMLMap;
      sections.items.push(notes);
    }
    const cards = doc.get('keyFigures') as YAMLSeq | undefined;
    if (cards && cards.items.length > 1) cards.items = cards.items.slice(0, 1 + (number % cards.items.length));
  });
  if (paragraphs > 0) {
    const text = Array.from({ length: paragraphs }, (_, p) =>
      Array.from({ length: 3 + (p % 3) }, (_, s) => NOTE_SENTENCES[(number + p + s) % NOTE_SENTENCES.length]).join(' '));
    writeFileSync(join(dir, 'sections/99-notes.md'), `${text.join('\n\n')}\n`);
  }
  if (base === DEFAULT_BRIEFING) varyValues(dir, number);
  return dir;
}

/** The default briefing's percentages, each moved by up to ±5 % (its precision kept), in data and prose alike. */
function varyValues(dir: string, number: number): void {
  const figures: [string, string][] = [];
  editYaml(join(dir, 'data-points.yaml'), (doc) => {
    const points = doc.get('dataPoints') as YAMLSeq<YAMLMap>;
    points.items.forEach((point, index) => {
      if (point.get('value') === undefined || point.get('unit') !== 'percent') return;
      const value = Number(point.get('value'));
      const decimals = Number(point.get('decimals') ?? 0);
      const factor = 1 + (((number * 7 + index * 3) % 11) - 5) / 100;
      const varied = Math.min(100, Number((value * factor).toFixed(decimals)));
      point.set('value', varied);
      figures.push([`${value.toFixed(decimals)}%`, `${varied.toFixed(decimals)}%`]);
    });
  });
  const prose = [join(dir, 'briefing.yaml'), ...readdirSync(join(dir, 'sections')).map((name) => join(dir, 'sections', name))];
  for (const file of prose) writeFileSync(file, restate(readFileSync(file, 'utf8'), figures));
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
