// The one zip reader and writer: the load stage reads untrusted .xlsx files with it, the workbook stage reads
// ExcelJS's output and writes the finished package. A workbook needs one plain archive form (one disk, no ZIP64,
// deflate or stored, no encryption), so the reader takes that form alone, at one central directory it finds in
// one place, and refuses anything another reader could take two ways (issue #31: a disk number of 0xFFFF sent
// JSZip to a second directory this reader never saw). Each part is inflated once, with a cap at the size it
// declares. Node's zlib does the (de)compression: fflate was measured 2-3× slower warm, ~10× cold, and its
// unzipSync decodes a part past its declared size to the end (docs/design.md, Dependencies).

export interface ZipPart {
  name: string;
  data: Buffer;
}

export interface ZipLimits {
  /** Parts the central directory may list. */
  parts: number;
  /** Bytes of all parts once inflated, summed from the sizes the directory declares before anything is inflated. */
  inflatedBytes: number;
}

/** Why an archive was not read; the caller words it. */
export type ZipRefusal =
  | { kind: 'not-zip' }
  | { kind: 'damaged' }
  | { kind: 'zip64' }
  | { kind: 'split' }
  | { kind: 'encrypted' }
  | { kind: 'method'; method: number }
  | { kind: 'bomb' }
  | { kind: 'parts'; count: number }
  | { kind: 'inflated'; bytes: number };

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const STORED = 0;
const DEFLATE = 8;
const ENCRYPTED = 0x0001;
const UTF8_NAMES = 0x0800;
/** Version 2.0 of the zip format: the first with deflate and folders, all an xlsx needs. */
const ZIP_VERSION = 20;
const NO_LIMITS: ZipLimits = { parts: Infinity, inflatedBytes: Infinity };

// zlib is asked for only when a zip is read or written: `validate` of a briefing without a workbook never loads it.
const zlib = () => process.getBuiltinModule('node:zlib');

interface DirectoryEntry {
  name: string;
  method: number;
  crc: number;
  packedSize: number;
  size: number;
  local: number;
}

/** The files of a zip, in directory order, each inflated once; folder entries are dropped (an xlsx needs none). */
export function readZip(bytes: Uint8Array, limits: ZipLimits = NO_LIMITS): { parts: ZipPart[] } | { refused: ZipRefusal } {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const refuse = (refusal: ZipRefusal) => ({ refused: refusal });
  if (zip.length < 30 || zip.readUInt32LE(0) !== LOCAL_HEADER) return refuse({ kind: 'not-zip' });
  const end = endOfCentralDirectory(zip);
  if (end < 0) return refuse({ kind: 'not-zip' });
  const directory = readDirectory(zip, end, limits.parts);
  if ('kind' in directory) return refuse(directory);
  const inflated = directory.reduce((sum, entry) => sum + entry.size, 0);
  if (inflated > limits.inflatedBytes) return refuse({ kind: 'inflated', bytes: inflated });
  const parts: ZipPart[] = [];
  for (const entry of directory) {
    const data = readPart(zip, entry);
    if ('kind' in data) return refuse(data);
    if (!entry.name.endsWith('/')) parts.push({ name: entry.name, data });
  }
  return { parts };
}

/**
 * The end record, which must close the file (its comment running to the last byte), or -1. Its ZIP64 and
 * multi-disk forms are refused by readDirectory.
 */
function endOfCentralDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY && at + 22 + zip.readUInt16LE(at + 20) === zip.length) return at;
  }
  return -1;
}

/** The central directory the end record points to, which must end where the end record starts. */
function readDirectory(zip: Buffer, end: number, maxParts: number): DirectoryEntry[] | ZipRefusal {
  const [disk, directoryDisk, countHere, count] = [4, 6, 8, 10].map((at) => zip.readUInt16LE(end + at)) as [number, number, number, number];
  const size = zip.readUInt32LE(end + 12);
  const offset = zip.readUInt32LE(end + 16);
  const zip64 = [disk, directoryDisk, countHere, count].includes(0xffff) || size === 0xffffffff || offset === 0xffffffff;
  if (zip64 || (end >= 20 && zip.readUInt32LE(end - 20) === ZIP64_LOCATOR)) return { kind: 'zip64' };
  if (disk !== 0 || directoryDisk !== 0 || countHere !== count) return { kind: 'split' };
  if (count > maxParts) return { kind: 'parts', count };
  if (offset + size !== end) return { kind: 'damaged' };
  const entries: DirectoryEntry[] = [];
  const names = new Set<string>();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== CENTRAL_HEADER) return { kind: 'damaged' };
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (next > end) return { kind: 'damaged' };
    const entry = {
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      packedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      local: zip.readUInt32LE(at + 42),
    };
    if (entry.packedSize === 0xffffffff || entry.size === 0xffffffff || entry.local === 0xffffffff) return { kind: 'zip64' };
    if (zip.readUInt16LE(at + 34) !== 0) return { kind: 'split' };
    if (zip.readUInt16LE(at + 8) & ENCRYPTED) return { kind: 'encrypted' };
    // Two parts of one name would be two workbooks, depending on which one a reader keeps.
    if (names.has(entry.name)) return { kind: 'damaged' };
    names.add(entry.name);
    entries.push(entry);
    at = next;
  }
  return at === end ? entries : { kind: 'damaged' };
}

/** A part's bytes from its local record, which must agree with the directory: stored, or inflated with a cap. */
function readPart(zip: Buffer, entry: DirectoryEntry): Buffer | ZipRefusal {
  const { local } = entry;
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_HEADER || zip.readUInt16LE(local + 8) !== entry.method) return { kind: 'damaged' };
  const nameEnd = local + 30 + zip.readUInt16LE(local + 26);
  if (nameEnd > zip.length || zip.toString('utf8', local + 30, nameEnd) !== entry.name) return { kind: 'damaged' };
  const start = nameEnd + zip.readUInt16LE(local + 28);
  if (start + entry.packedSize > zip.length) return { kind: 'damaged' };
  const packed = zip.subarray(start, start + entry.packedSize);
  let data: Buffer;
  if (entry.method === STORED) {
    if (entry.packedSize !== entry.size) return { kind: 'damaged' };
    data = packed;
  } else if (entry.method === DEFLATE) {
    try {
      data = zlib().inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? { kind: 'bomb' } : { kind: 'damaged' };
    }
  } else {
    return { kind: 'method', method: entry.method };
  }
  return data.length === entry.size && zlib().crc32(data) === entry.crc ? data : { kind: 'damaged' };
}

/**
 * A zip of `parts` in their order, deflated by zlib or stored, every entry dated `date` (the day, at 00:00) or
 * 1980-01-01: the same parts give the same bytes.
 */
export function writeZip(parts: readonly ZipPart[], options: { method: 'deflate' | 'store'; date?: Date }): Buffer {
  const { crc32, deflateRawSync } = zlib();
  const day = dosDate(options.date);
  const method = options.method === 'deflate' ? DEFLATE : STORED;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = method === DEFLATE ? deflateRawSync(data) : data;
    // The fields local and central headers share: version needed, flags, method, time (00:00), date, crc, sizes,
    // name length, extra length (0).
    const shared = Buffer.alloc(26);
    shared.writeUInt16LE(ZIP_VERSION, 0);
    shared.writeUInt16LE(UTF8_NAMES, 2);
    shared.writeUInt16LE(method, 4);
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
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
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

/** MS-DOS date: years since 1980 (7 bits), month (4), day (5); zip cannot say earlier than 1980. */
function dosDate(date: Date | undefined): number {
  if (!date || date.getUTCFullYear() < 1980) return (1 << 5) | 1;
  return ((Math.min(date.getUTCFullYear(), 2107) - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
}
