// Bookmark titles as the headings read. Chromium builds the outline from the headings but titles each entry
// with the glyphs it drew: no space where a line wrapped or between flex items ("1Current trends", "…in2024"),
// and sometimes the text twice. The entries keep their destinations; their titles become the headings' text
// from the HTML that was printed, entry for entry in document order.
import { PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { textString } from './tags.js';

const HEADING = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The text of every h1–h6 of the document, in order, as a reader hears it. */
export function headingTexts(html: string): string[] {
  return [...html.matchAll(HEADING)].map(([, , inner]) => inner!
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, code: string) => {
      if (code[0] === '#') return String.fromCodePoint(code[1]!.toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : Number(code.slice(1)));
      return ENTITIES[code.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, ' ')
    .trim());
}

const compact = (text: string) => text.replace(/\s+/g, '');

export function setOutlineTitles(doc: PDFDocument, headings: string[]): void {
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const entries: PDFDict[] = [];
  const visit = (entry: PDFDict | undefined) => {
    for (let item = entry; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      entries.push(item);
      visit(item.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  visit(outlines?.lookupMaybe(PDFName.of('First'), PDFDict));
  if (entries.length !== headings.length) {
    throw new Error(`the printed PDF has ${entries.length} bookmarks for ${headings.length} headings`);
  }
  entries.forEach((entry, i) => {
    const drawn = entry.lookup(PDFName.of('Title'), PDFString, PDFHexString).decodeText();
    const heading = headings[i]!;
    // Chromium's title is the heading's glyphs: a heading that does not start it means the pairing is off.
    if (!compact(drawn).startsWith(compact(heading))) {
      throw new Error(`bookmark ${i + 1} (${drawn}) does not match heading "${heading}"`);
    }
    entry.set(PDFName.of('Title'), textString(heading));
  });
}

