// The xlsx package as ExcelJS writes it, corrected and made reproducible before it leaves the stage:
// - a link to a cell of the workbook ("#'Sources'!A2") comes out as an external relationship plus a location,
//   which Excel and LibreOffice open as a file path; it becomes a bare location, as Excel itself writes it;
// - every zip entry carries the build time; it carries the package date instead (the briefing's, or
//   SOURCE_DATE_EPOCH's), so the same input gives the same bytes;
// - a table without a totals row says so (ExcelJS writes totalsRowShown="1" for every table);
// - a briefing that names no author has none (ExcelJS invents "Unknown" for an empty dc:creator);
// - the charts, pictures' text alternatives and creation ids are added to the drawings (drawings.ts).
// The package is small, so it is read whole and written again with node:zlib.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { addDrawings, type PackagePart, type SheetDrawings } from './drawings.js';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const DEFLATE = 8;
const UTF8_NAMES = 0x0800;
/** Version 2.0 of the zip format: the first with deflate and folders, all an xlsx needs. */
const ZIP_VERSION = 20;

type Entry = PackagePart;

export function finishPackage(xlsx: Uint8Array, date: Date, drawings: readonly SheetDrawings[], authorNamed: boolean): Uint8Array {
  const entries = readZip(Buffer.from(xlsx.buffer, xlsx.byteOffset, xlsx.byteLength));
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
  return writeZip(entries, dosDate(date));
}

function localizeLinks(sheet: Entry, rels: Entry): void {
  const internal = new Set<string>();
  const xml = sheet.data.toString('utf8').replace(/<hyperlink ref="([A-Z]+\d+)" r:id="(rId\d+)" location="#([^"]*)"\/>/g, (_, ref: string, id: string, location: string) => {
    internal.add(id);
    return `<hyperlink ref="${ref}" location="${location}"/>`;
  });
  if (!internal.size) return;
  sheet.data = Buffer.from(xml, 'utf8');
  rels.data = Buffer.from(rels.data.toString('utf8').replace(/<Relationship Id="(rId\d+)"[^>]*\/>/g, (whole, id: string) => (internal.has(id) ? '' : whole)), 'utf8');
}

/** The files of a zip, in order; folder entries are dropped (an xlsx needs none). */
function readZip(zip: Buffer): Entry[] {
  const end = endOfCentralDirectory(zip);
  const entries: Entry[] = [];
  let at = zip.readUInt32LE(end + 16);
  for (let count = zip.readUInt16LE(end + 10); count > 0; count--) {
    expectSignature(zip, at, CENTRAL_HEADER);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    expectSignature(zip, local, LOCAL_HEADER);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const packed = zip.subarray(start, start + zip.readUInt32LE(at + 20));
    if (!name.endsWith('/')) entries.push({ name, data: zip.readUInt16LE(at + 10) === DEFLATE ? inflateRawSync(packed) : Buffer.from(packed) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function writeZip(entries: readonly Entry[], day: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    // The fields local and central headers share: version needed, flags, method, time (00:00), date, crc, sizes,
    // name length, extra length (0).
    const shared = Buffer.alloc(26);
    shared.writeUInt16LE(ZIP_VERSION, 0);
    shared.writeUInt16LE(UTF8_NAMES, 2);
    shared.writeUInt16LE(DEFLATE, 4);
    shared.writeUInt16LE(day, 8);
    shared.writeUInt32LE(crc32(data), 10);
    shared.writeUInt32LE(packed.length, 14);
    shared.writeUInt32LE(data.length, 18);
    shared.writeUInt16LE(nameBytes.length, 22);
    const local = Buffer.concat([uint32(LOCAL_HEADER), shared, nameBytes, packed]);
    // Central header: version made by, the shared fields, comment length, disk, attributes (all 0), offset.
    centrals.push(Buffer.concat([uint32(CENTRAL_HEADER), uint16(ZIP_VERSION), shared, Buffer.alloc(10), uint32(offset), nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const uint16 = (value: number) => {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16LE(value);
  return bytes;
};
const uint32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
};

/** The record sits at the very end, after a comment of up to 64 KiB. */
function endOfCentralDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error('the workbook is not a zip file: no end of central directory');
}

function expectSignature(zip: Buffer, at: number, signature: number): void {
  if (zip.readUInt32LE(at) !== signature) throw new Error(`the workbook zip is malformed at byte ${at}`);
}

/** MS-DOS date: years since 1980 (7 bits), month (4), day (5); zip cannot say earlier than 1980. */
function dosDate(date: Date): number {
  if (date.getUTCFullYear() < 1980) return (1 << 5) | 1;
  return ((Math.min(date.getUTCFullYear(), 2107) - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
}
