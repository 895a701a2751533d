// The document information of the PDF, set on the parsed document in tagging.ts's one pass: Title, Author,
// Subject and Keywords from the briefing, and dates pinned to the briefing's date instead of the print time, so
// the same input gives the same bytes. Chromium's Info object takes the new dictionary under its own number, so
// the old, time-stamped one is not kept in the file. The /ID is a digest of the file as saved, as the PDF format
// suggests (MD5, its convention, not briefpress's SHA-256 records): zeros of the same width go in before the
// save and the digest replaces them after, in place, so no offset moves.
import { createHash } from 'node:crypto';
import { PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import { pdfText } from './structure.js';

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

/** Chromium's part and ours. */
const PRODUCER = 'Chromium (Skia/PDF) via briefpress';
/** 16 bytes of MD5 as hex. */
const UNSET_ID = '0'.repeat(32);

/** The Info dictionary, and an /ID for `fillDocumentId` to fill in once the document is saved. */
export function setInfo(doc: PDFDocument, info: PdfInfo): void {
  const { context } = doc;
  const date = PDFString.fromDate(info.date);
  const entries: [string, PDFObject][] = [
    ['Title', pdfString(info.title)],
    ...(info.author ? [['Author', pdfString(info.author)] as [string, PDFObject]] : []),
    ['Subject', pdfString(info.subject)],
    ['Keywords', pdfString(info.keywords.join(', '))],
    ['Creator', pdfString(info.creator)],
    ['Producer', pdfString(PRODUCER)],
    ['CreationDate', date],
    ['ModDate', date],
  ];
  const dictionary = PDFDict.fromMapWithContext(new Map(entries.map(([key, value]) => [PDFName.of(key), value])), context);
  const existing = context.trailerInfo.Info;
  if (existing instanceof PDFRef) context.assign(existing, dictionary);
  else context.trailerInfo.Info = context.register(dictionary);
  context.trailerInfo.ID = context.obj([PDFHexString.of(UNSET_ID), PDFHexString.of(UNSET_ID)]);
}

/** Writes the saved file's /ID over its zeros: the MD5 of its bytes as saved, the ID's own digits zeros. */
export function fillDocumentId(pdf: Uint8Array): void {
  const unset = `/ID [ <${UNSET_ID}> <${UNSET_ID}> ]`;
  // The trailer is the file's last few hundred bytes.
  const tailStart = Math.max(0, pdf.length - 4096);
  const at = pdfText(pdf.subarray(tailStart)).lastIndexOf(unset);
  if (at < 0) throw new Error('the saved PDF has no /ID to fill in');
  const id = Buffer.from(createHash('md5').update(pdf).digest('hex').toUpperCase(), 'latin1');
  const first = tailStart + at + '/ID [ <'.length;
  pdf.set(id, first);
  pdf.set(id, first + UNSET_ID.length + '> <'.length);
}

/** Text strings: PDFDocEncoding-safe ASCII as a literal; anything else as UTF-16BE with a BOM. */
function pdfString(value: string): PDFString | PDFHexString {
  if (/^[\x20-\x7e]*$/.test(value)) return PDFString.of(value.replace(/[\\()]/g, '\\$&'));
  return PDFHexString.of(Buffer.from(`\ufeff${value}`, 'utf16le').swap16().toString('hex').toUpperCase());
}
