// The xlsx package as ExcelJS writes it, corrected and made reproducible before it leaves the stage:
// - a link to a cell of the workbook ("#'Sources'!A2") comes out as an external relationship plus a location,
//   which Excel and LibreOffice open as a file path; it becomes a bare location, as Excel itself writes it;
// - every zip entry carries the build time; it carries the package date instead (the briefing's, or
//   SOURCE_DATE_EPOCH's), so the same input gives the same bytes;
// - a table without a totals row says so (ExcelJS writes totalsRowShown="1" for every table);
// - a briefing that names no author has none (ExcelJS invents "Unknown" for an empty dc:creator);
// - the charts, pictures' text alternatives and creation ids are added to the drawings (drawings.ts).
// The package is small, so it is read whole (ExcelJS stores its parts: nothing is inflated) and written again,
// each part deflated once, by model/zip.ts, the reader and writer the load stage uses too.
import { readZip, writeZip, type ZipPart } from '../../model/zip.js';
import { addDrawings, type SheetDrawings } from './drawings.js';

export function finishPackage(xlsx: Uint8Array, date: Date, drawings: readonly SheetDrawings[], authorNamed: boolean): Uint8Array {
  const read = readZip(xlsx);
  if ('refused' in read) throw new Error(`ExcelJS wrote a workbook the zip reader refuses (${read.refused.kind})`);
  const entries = read.parts;
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  for (const sheet of entries.filter((entry) => /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name))) {
    const rels = byName.get(sheet.name.replace(/([^/]+)$/, '_rels/$1.rels'));
    if (rels) localizeLinks(sheet, rels);
  }
  for (const table of entries.filter((entry) => /^xl\/tables\/[^/]+\.xml$/.test(entry.name))) {
    const xml = table.data.toString('utf8');
    if (!xml.includes('totalsRowCount=')) table.data = Buffer.from(xml.replace('totalsRowShown="1"', 'totalsRowShown="0"'), 'utf8');
  }
  const core = byName.get('docProps/core.xml');
  if (core && !authorNamed) core.data = Buffer.from(core.data.toString('utf8').replace('<dc:creator>Unknown</dc:creator>', ''), 'utf8');
  addDrawings(entries, drawings);
  return writeZip(entries, { method: 'deflate', date });
}

function localizeLinks(sheet: ZipPart, rels: ZipPart): void {
  const internal = new Set<string>();
  const xml = sheet.data.toString('utf8').replace(/<hyperlink ref="([A-Z]+\d+)" r:id="(rId\d+)" location="#([^"]*)"\/>/g, (_, ref: string, id: string, location: string) => {
    internal.add(id);
    return `<hyperlink ref="${ref}" location="${location}"/>`;
  });
  if (!internal.size) return;
  sheet.data = Buffer.from(xml, 'utf8');
  rels.data = Buffer.from(rels.data.toString('utf8').replace(/<Relationship Id="(rId\d+)"[^>]*\/>/g, (whole, id: string) => (internal.has(id) ? '' : whole)), 'utf8');
}
