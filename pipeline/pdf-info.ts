// Rewrites the document information dictionary of a PDF that Chromium printed: Title, Author, Subject and
// Keywords from the briefing, and dates pinned to the briefing's date instead of the print time, so the same
// input gives the same bytes. Chromium (Skia) writes one revision with a classic xref table; the Info object
// is replaced in place and every offset after it shifted, rather than appending an incremental update that
// would keep the old, time-stamped dictionary in the file.
import { createHash } from 'node:crypto';

export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  /** Both CreationDate and ModDate. */
  date: Date;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

export function setPdfInfo(pdf: Uint8Array, info: PdfInfo): Uint8Array {
  const text = latin1(pdf);
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const xrefMatch = /^xref\s+0 (\d+)\s+/.exec(text.slice(startxref));
  const trailerStart = text.indexOf('trailer', startxref);
  const infoRef = /\/Info (\d+) 0 R/.exec(text.slice(trailerStart));
  if (!Number.isFinite(startxref) || !xrefMatch || trailerStart < 0 || !infoRef) {
    throw new Error('unexpected PDF structure from Chromium: no classic xref table with an /Info entry');
  }
  const count = Number(xrefMatch[1]);
  const entriesStart = startxref + xrefMatch[0].length;
  const offsets = Array.from({ length: count }, (_, i) => text.slice(entriesStart + i * 20, entriesStart + i * 20 + 20));

  const infoNumber = Number(infoRef[1]);
  const infoStart = Number(offsets[infoNumber]!.slice(0, 10));
  const infoEnd = text.indexOf('endobj', infoStart) + 'endobj'.length;
  const newInfo = `${infoNumber} 0 obj\n${infoDictionary(info)}\nendobj`;
  const delta = newInfo.length - (infoEnd - infoStart);

  const shifted = offsets.map((entry) => {
    const offset = Number(entry.slice(0, 10));
    if (entry[17] !== 'n' || offset <= infoStart) return entry;
    return String(offset + delta).padStart(10, '0') + entry.slice(10);
  });
  const body = text.slice(0, infoStart) + newInfo + text.slice(infoEnd, startxref);
  const id = createHash('md5').update(body, 'latin1').digest('hex').toUpperCase();
  const trailer = text
    .slice(trailerStart, text.lastIndexOf('startxref'))
    .replace(/\/ID\s*\[[^\]]*\]/, '')
    .replace(/>>\s*$/, `\n/ID [<${id}> <${id}>]>>\n`);
  const xref = `${xrefMatch[0]}${shifted.join('')}`;
  const between = text.slice(entriesStart + count * 20, trailerStart);
  const result = `${body}${xref}${between}${trailer}startxref\n${startxref + delta}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(result, 'latin1'));
}

function infoDictionary(info: PdfInfo): string {
  const date = pdfDate(info.date);
  return [
    `<</Title ${pdfString(info.title)}`,
    `/Author ${pdfString(info.author)}`,
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
