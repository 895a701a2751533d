// The one zip reader and writer: what it writes it reads back part for part, the same parts give the same bytes,
// and every archive form a workbook does not need, or that two readers could read two ways, is refused before
// anything is inflated.
import { describe, expect, it } from 'vitest';
import { readZip, writeZip, type ZipPart } from '../../pipeline/model/zip.js';
import { workbookParts, zip64DiskNumberBytes, zipBytes } from '../support/xlsx-bytes.js';

const PARTS: ZipPart[] = [
  { name: '[Content_Types].xml', data: Buffer.from('<Types/>'.repeat(50)) },
  { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet>é</worksheet>') },
  { name: 'xl/media/empty.png', data: Buffer.alloc(0) },
];
const DATE = new Date('2024-07-30T00:00:00Z');
const refusal = (bytes: Uint8Array, limits?: Parameters<typeof readZip>[1]) => {
  const read = readZip(bytes, limits);
  return 'refused' in read ? read.refused : undefined;
};
/** A copy of `bytes` with `edit` applied at the end record (found from the end, as the reader finds it). */
function editEnd(bytes: Uint8Array, edit: (zip: Buffer, end: number) => void): Buffer {
  const zip = Buffer.from(bytes);
  edit(zip, zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])));
  return zip;
}

describe('writeZip and readZip', () => {
  it('read back what they wrote, deflated or stored, part for part and in order', () => {
    for (const method of ['deflate', 'store'] as const) {
      const read = readZip(writeZip(PARTS, { method, date: DATE }));
      expect('parts' in read && read.parts.map(({ name, data }) => [name, data.toString('base64')])).toEqual(PARTS.map(({ name, data }) => [name, data.toString('base64')]));
    }
  });

  it('give the same bytes for the same parts, entries dated by the day given (or 1980-01-01)', () => {
    const zip = writeZip(PARTS, { method: 'deflate', date: DATE });
    expect(writeZip(PARTS.map((p) => ({ ...p })), { method: 'deflate', date: new Date('2024-07-30T23:59:59Z') }).equals(zip)).toBe(true);
    expect(zip.readUInt16LE(12)).toBe(((2024 - 1980) << 9) | (7 << 5) | 30);
    expect(writeZip(PARTS, { method: 'store' }).readUInt16LE(12)).toBe((1 << 5) | 1);
  });

  it('read the archives a test writes the way other tools do', () => {
    const read = readZip(zipBytes(workbookParts([{ name: 'Sheet', rows: [['a'], [1]] }])));
    expect('parts' in read && read.parts.map((p) => p.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']);
  });
});

describe('readZip refuses', () => {
  const zip = writeZip(PARTS, { method: 'deflate', date: DATE });

  it('what is no zip, or has bytes after its end record', () => {
    expect(refusal(Buffer.from('d0cf11e0a1b11ae1000000000000000000000000000000003e000300feff0900', 'hex'))).toEqual({ kind: 'not-zip' });
    expect(refusal(zip.subarray(0, zip.length - 1))).toEqual({ kind: 'not-zip' });
    expect(refusal(Buffer.concat([zip, Buffer.from('trailing')]))).toEqual({ kind: 'not-zip' });
  });

  it('the ZIP64 and multi-disk forms, at the end record, before reading a directory', () => {
    expect(refusal(zip64DiskNumberBytes(workbookParts([{ name: 'S', rows: [['a'], [1]] }]), { name: 'xl/media/image1.png', zeros: 4 }))).toEqual({ kind: 'zip64' });
    for (const [at, value] of [[4, 0xffff], [6, 0xffff], [8, 0xffff], [10, 0xffff]] as const) {
      expect(refusal(editEnd(zip, (z, end) => z.writeUInt16LE(value, end + at)))).toEqual({ kind: 'zip64' });
    }
    expect(refusal(editEnd(zip, (z, end) => z.writeUInt32LE(0xffffffff, end + 16)))).toEqual({ kind: 'zip64' });
    expect(refusal(editEnd(zip, (z, end) => z.writeUInt32LE(0x07064b50, end - 20)))).toEqual({ kind: 'zip64' });
    expect(refusal(editEnd(zip, (z, end) => z.writeUInt16LE(1, end + 4)))).toEqual({ kind: 'split' });
    expect(refusal(editEnd(zip, (z, end) => z.writeUInt16LE(2, end + 8)))).toEqual({ kind: 'split' });
  });

  it('a directory that does not end at the end record, or lists one name twice', () => {
    expect(refusal(editEnd(zip, (z, end) => z.writeUInt32LE(z.readUInt32LE(end + 16) + 1, end + 16)))).toEqual({ kind: 'damaged' });
    const twice = writeZip([PARTS[0]!, PARTS[0]!], { method: 'store' });
    expect(refusal(twice)).toEqual({ kind: 'damaged' });
  });

  it('too many parts or too many bytes from the directory alone, before inflating', () => {
    expect(refusal(zip, { parts: 2, inflatedBytes: Infinity })).toEqual({ kind: 'parts', count: 3 });
    const size = PARTS.reduce((sum, p) => sum + p.data.length, 0);
    expect(refusal(zip, { parts: 3, inflatedBytes: size - 1 })).toEqual({ kind: 'inflated', bytes: size });
  });

  it('a part that inflates past the size it declares, stopped there; one that falls short or whose CRC is wrong', () => {
    expect(refusal(zipBytes([{ name: 'a', data: new Uint8Array(1 << 20), declare: 100 }]))).toEqual({ kind: 'bomb' });
    expect(refusal(zipBytes([{ name: 'a', data: new Uint8Array(100), declare: 101 }]))).toEqual({ kind: 'damaged' });
    const stored = writeZip([{ name: 'a', data: Buffer.from('abc') }], { method: 'store' });
    stored[stored.indexOf('abc')] = 0x78;
    expect(refusal(stored)).toEqual({ kind: 'damaged' });
  });

  it('compression other than deflate, and encryption', () => {
    const other = writeZip([{ name: 'a', data: Buffer.from('abc') }], { method: 'store' });
    for (const at of [8, other.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10]) other.writeUInt16LE(12, at);
    expect(refusal(other)).toEqual({ kind: 'method', method: 12 });
    const encrypted = writeZip([{ name: 'a', data: Buffer.from('abc') }], { method: 'store' });
    const central = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(encrypted.readUInt16LE(central + 8) | 1, central + 8);
    expect(refusal(encrypted)).toEqual({ kind: 'encrypted' });
  });

  it('a local record that disagrees with the directory', () => {
    const renamed = writeZip([{ name: 'a', data: Buffer.from('x') }], { method: 'store' });
    renamed[30] = 'b'.charCodeAt(0);
    expect(refusal(renamed)).toEqual({ kind: 'damaged' });
  });
});
