// The printed page as a reader sees it, measured from poppler's word boxes (`pdftotext -bbox-layout`) and qpdf's
// JSON view of the annotations: readers that share no code with the writer.
import { execFileSync } from 'node:child_process';

const run = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

interface Line {
  text: string;
  words: number;
  xMin: number;
  yMin: number;
  yMax: number;
}

export interface Page {
  width: number;
  height: number;
  /** Lines in reading order as poppler groups them, running header and footer included. */
  lines: Line[];
}

const attr = (tag: string, name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(tag)![1]);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function pdfLayout(path: string): Page[] {
  const xml = run('pdftotext', ['-bbox-layout', path, '-']);
  return [...xml.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)].map(([, pageTag, body]) => ({
    width: attr(pageTag!, 'width'),
    height: attr(pageTag!, 'height'),
    lines: [...body!.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)].map(([, lineTag, inner]) => {
      const words = [...inner!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map(([, w]) => w!.replace(/&(\w+);/g, (e, n: string) => ENTITIES[n] ?? e));
      return { text: words.join(' '), words: words.length, xMin: attr(lineTag!, 'xMin'), yMin: attr(lineTag!, 'yMin'), yMax: attr(lineTag!, 'yMax') };
    }),
  }));
}

const MM = 72 / 25.4;
/** The page area inside the margins the print stylesheet sets (18 mm at the top, 20 mm at the bottom). */
export const bodyArea = (page: Page) => ({ top: 18 * MM, bottom: page.height - 20 * MM });
/** The lines inside the page area: no running header or footer. */
const bodyLines = (page: Page) => {
  const { top, bottom } = bodyArea(page);
  return page.lines.filter((line) => line.yMin >= top - 1 && line.yMax <= bottom + 1);
};

/** How far down the page area the text reaches, 0–1. */
export function fill(page: Page): number {
  const { top, bottom } = bodyArea(page);
  const lines = bodyLines(page);
  if (lines.length === 0) return 0;
  return (Math.max(...lines.map((line) => line.yMax)) - top) / (bottom - top);
}

/**
 * The height of what a page starts with when it is a figure or a table, which is never split: from its title to
 * its source line ("Source…", set beside or under it). Undefined when the page starts with anything else.
 */
export function leadingItemHeight(page: Page): number | undefined {
  const lines = bodyLines(page).sort((a, b) => a.yMin - b.yMin);
  const first = lines[0];
  if (!first || !/^(Figure|Table) \d+\./.test(first.text)) return undefined;
  const source = lines.find((line) => /^Sources?:/.test(line.text));
  if (!source) return undefined;
  return Math.max(...lines.filter((line) => line.yMin <= source.yMax).map((line) => line.yMax)) - first.yMin;
}

/** Characters of each line of running text: lines of five words or more (chart labels and table cells are fewer). */
export const textLineLengths = (pages: Page[]) => pages.flatMap((page) => bodyLines(page)).filter((line) => line.words >= 5).map((line) => line.text.length);

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The URI of every link annotation, from qpdf's JSON view of the file (JSON v2: strings "u:…", references "N 0 R"). */
export function uriAnnotations(path: string): string[] {
  const json = JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', path])) as { qpdf: [unknown, Record<string, { value?: unknown }>] };
  const objects = json.qpdf[1];
  const resolve = (value: unknown) => (typeof value === 'string' && / R$/.test(value) ? objects[`obj:${value}`]?.value : value);
  const uris: string[] = [];
  for (const { value } of Object.values(objects)) {
    const annotation = value as Record<string, unknown> | undefined;
    if (annotation?.['/Subtype'] !== '/Link') continue;
    const uri = (resolve(annotation['/A']) as Record<string, unknown> | undefined)?.['/URI'];
    if (typeof uri === 'string') uris.push(uri.replace(/^[ub]:/, ''));
  }
  return uris;
}
