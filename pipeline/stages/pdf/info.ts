// Rewrites the document information dictionary of a PDF that Chromium printed: Title, Author, Subject and
// Keywords from the briefing, and dates pinned to the briefing's date instead of the print time, so the same
// input gives the same bytes. Chromium (Skia) writes one revision with a classic xref table; the Info object
// is replaced in place and every offset after it shifted, rather than appending an incremental update that
// would keep the old, time-stamped dictionary in the file.
import { createHash } from 'node:crypto';
import { pdfText, readXref } from './structure.js';

export interface PdfInfo {
  title: string;
  /** The briefing's author; without one the PDF names none (briefpress is the Creator, not the author). */
  author?: string;
  /** A short description: Subject and XMP dc:description. */
  subject: string;
  keywords: string[];
  creator: string;
  /** Both CreationDate and ModDate. */
  date: Date;
}

export function setPdfInfo(pdf: Uint8Array, info: PdfInfo): Uint8Array {
  const text = pdfText(pdf);
  const xref = readXref(text);
  const infoNumber = Number(/\/Info (\d+) 0 R/.exec(text.slice(xref.trailerStart))?.[1]);
  const infoEntry = xref.entries[infoNumber];
  if (!infoEntry) throw new Error('unexpected PDF structure from Chromium: the trailer names no /Info object');
  const infoStart = Number(infoEntry.slice(0, 10));
  const infoEnd = text.indexOf('endobj', infoStart) + 'endobj'.length;
  const newInfo = `${infoNumber} 0 obj\n${infoDictionary(info)}\nendobj`;
  const delta = newInfo.length - (infoEnd - infoStart);

  const shifted = xref.entries.map((entry) => {
    const offset = Number(entry.slice(0, 10));
    if (entry[17] !== 'n' || offset <= infoStart) return entry;
    return String(offset + delta).padStart(10, '0') + entry.slice(10);
  });
  const body = text.slice(0, infoStart) + newInfo + text.slice(infoEnd, xref.start);
  const id = createHash('md5').update(body, 'latin1').digest('hex').toUpperCase();
  const trailer = text
    .slice(xref.trailerStart, text.lastIndexOf('startxref'))
    .replace(/\/ID\s*\[[^\]]*\]/, '')
    .replace(/>>\s*$/, `\n/ID [<${id}> <${id}>]>>\n`);
  const between = text.slice(xref.start + xref.header.length + xref.entries.length * 20, xref.trailerStart);
  const result = `${body}${xref.header}${shifted.join('')}${between}${trailer}startxref\n${xref.start + delta}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(result, 'latin1'));
}

function infoDictionary(info: PdfInfo): string {
  const date = pdfDate(info.date);
  return [
    `<</Title ${pdfString(info.title)}`,
    ...(info.author ? [`/Author ${pdfString(info.author)}`] : []),
    `/Subject ${pdfString(info.subject)}`,
    `/Keywords ${pdfString(info.keywords.join(', '))}`,
    `/Creator ${pdfString(info.creator)}`,
    `/Producer ${pdfString('Chromium (Skia/PDF) via briefpress')}`,
    `/CreationDate (${date})`,
    `/ModDate (${date})>>`,
  ].join('\n');
}

/** Text strings: PDFDocEncoding-safe ASCII as a literal; anything else as UTF-16BE with a BOM. */
function pdfString(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `(${value.replace(/[\\()]/g, '\\$&')})`;
  const utf16 = Buffer.from(`\ufeff${value}`, 'utf16le').swap16();
  return `<${utf16.toString('hex').toUpperCase()}>`;
}

function pdfDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `D:${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}
