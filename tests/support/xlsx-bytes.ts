// Small .xlsx workbooks written byte by byte, for tests of broken spreadsheets: a workbook ExcelJS would refuse
// to write (a formula with no saved value) and zips no tool writes (a part that lies about its size) included.
// No binary fixture is committed; each test writes what it needs.
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** A cell: text (always stored as text, "20" too), a number, true/false, a date (YYYY-MM-DD, or the serial number
 * stored, for one no calendar holds; formatted as a date), a formula with or without a saved value, or empty. */
type CellSpec = string | number | boolean | null | { date: string | number } | { formula: string; value?: number };

export interface SheetSpec {
  name: string;
  rows: CellSpec[][];
  merges?: string[];
}

export interface ZipPart {
  name: string;
  data: Uint8Array | string;
  /** The uncompressed size the archive declares, when it is to lie. */
  declare?: number;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function cellXml(cell: CellSpec, ref: string): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${escape(cell)}</t></is></c>`;
  if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
  if (typeof cell === 'boolean') return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
  if ('date' in cell) {
    const serial = typeof cell.date === 'number' ? cell.date : (Date.parse(`${cell.date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
    return `<c r="${ref}" s="1"><v>${serial}</v></c>`;
  }
  return `<c r="${ref}"><f>${escape(cell.formula)}</f>${cell.value === undefined ? '' : `<v>${cell.value}</v>`}</c>`;
}

function sheetXml(sheet: SheetSpec): string {
  const rows = sheet.rows.map((row, r) => `<row r="${r + 1}">${row.map((cell, c) => cellXml(cell, `${columnName(c + 1)}${r + 1}`)).join('')}</row>`).join('');
  const merges = sheet.merges?.length ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${merges}</worksheet>`;
}

/** The parts of a workbook holding `sheets`. */
export function workbookParts(sheets: readonly SheetSpec[]): ZipPart[] {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return [
    {
      name: '[Content_Types].xml',
      data: `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    },
    { name: '_rels/.rels', data: `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/workbook.xml',
      data: `${head}<workbook xmlns="${main}" xmlns:r="${rel}"><sheets>${sheets.map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    },
    {
      name: 'xl/styles.xml',
      data: `${head}<styleSheet xmlns="${main}"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(s) })),
  ];
}

/** A zip archive of `parts`, each deflated; a part's `declare` replaces its true size in both headers. */
export function zipBytes(parts: readonly ZipPart[]): Uint8Array {
  const { records, directory } = zipEntries(parts.map(deflatePart), 0);
  return new Uint8Array(Buffer.concat([records, directory, endRecord(parts.length, directory.length, records.length)]));
}

/** A part as an archive holds it: deflated bytes, the CRC and the size it declares. */
interface PackedPart {
  name: string;
  packed: Buffer;
  crc: number;
  size: number;
}

function deflatePart(part: ZipPart): PackedPart {
  const data = typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : Buffer.from(part.data);
  return { name: part.name, packed: deflateRawSync(data), crc: crc32(data), size: part.declare ?? data.length };
}

/** The parts' local records, starting at byte `offset` of the archive, and their central directory. */
function zipEntries(parts: readonly PackedPart[], offset: number): { records: Buffer; directory: Buffer } {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  for (const { name: partName, packed, crc, size } of parts) {
    const name = Buffer.from(partName, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    chunks.push(local, name, packed);
    directory.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  return { records: Buffer.concat(chunks), directory: Buffer.concat(directory) };
}

function endRecord(count: number, directorySize: number, directoryOffset: number, disk = 0): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(disk, 4);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return end;
}

/**
 * Issue #31's archive: its end record lists the `shown` parts' directory, but says 0xFFFF in its disk-number
 * field, so a ZIP64 reader (JSZip, in ExcelJS) follows the ZIP64 locator and record before it to a second
 * directory, which lists `shown` again plus a part of `zeros` MiB of zeros, declared at its true size: a 1 MB
 * file that inflates to 1 GiB for `zeros` 1024. A reader of the end record alone never sees that directory.
 */
export function zip64DiskNumberBytes(shown: readonly ZipPart[], bomb: { name: string; zeros: number }): Uint8Array {
  const packedShown = shown.map(deflatePart);
  // 1 MiB of zeros as deflate blocks that do not end the stream, repeated, then an empty final block: the
  // stream is built in a millisecond, never held inflated.
  const mebibyte = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_SYNC_FLUSH });
  const packedBomb = Buffer.concat([...Array.from({ length: bomb.zeros }, () => mebibyte), Buffer.from([0x03, 0x00])]);
  // No CRC (JSZip checks none unless asked); the size is the true one, which JSZip does check.
  const hiddenParts = [...packedShown, { name: bomb.name, packed: packedBomb, crc: 0, size: bomb.zeros * (1 << 20) }];
  const first = zipEntries(packedShown, 0);
  const second = zipEntries(hiddenParts, first.records.length);
  const firstAt = first.records.length + second.records.length;
  const secondAt = firstAt + first.directory.length;
  const zip64End = Buffer.alloc(56);
  zip64End.writeUInt32LE(0x06064b50, 0);
  zip64End.writeBigUInt64LE(44n, 4);
  zip64End.writeUInt16LE(45, 12);
  zip64End.writeUInt16LE(45, 14);
  zip64End.writeBigUInt64LE(BigInt(hiddenParts.length), 24);
  zip64End.writeBigUInt64LE(BigInt(hiddenParts.length), 32);
  zip64End.writeBigUInt64LE(BigInt(second.directory.length), 40);
  zip64End.writeBigUInt64LE(BigInt(secondAt), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(secondAt + second.directory.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = endRecord(shown.length, first.directory.length, firstAt, 0xffff);
  return new Uint8Array(Buffer.concat([first.records, second.records, first.directory, second.directory, zip64End, locator, end]));
}

/** A workbook holding `sheets`, as bytes. */
export const xlsxBytes = (sheets: readonly SheetSpec[]): Uint8Array => zipBytes(workbookParts(sheets));
