// Reads which characters a font file maps to glyphs: its cmap table, from TrueType/OpenType or WOFF 1.0 bytes.
// Just enough of the OpenType spec for the coverage table (stages/validate/checks/font-coverage.ts): a full font engine would cost the
// build a dependency for one table.
import { deflateSync, inflateSync } from 'node:zlib';

/** Inclusive ranges of code points, ascending and disjoint. */
export type CodePointRanges = [number, number][];

/** The table tagged `tag` (such as "cmap") of a TrueType/OpenType or WOFF 1.0 file. */
export function fontTable(font: Uint8Array, tag: string): Uint8Array | undefined {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const signature = view.getUint32(0);
  const woff = signature === 0x774f4646; // 'wOFF'
  if (!woff && signature !== 0x00010000 && signature !== 0x4f54544f && signature !== 0x74727565) {
    throw new Error('not a TrueType, OpenType or WOFF 1.0 font');
  }
  const tables = view.getUint16(woff ? 12 : 4);
  const directory = woff ? 44 : 12;
  const entrySize = woff ? 20 : 16;
  for (let i = 0; i < tables; i++) {
    const entry = directory + i * entrySize;
    if (String.fromCharCode(...font.subarray(entry, entry + 4)) !== tag) continue;
    const offset = view.getUint32(entry + (woff ? 4 : 8));
    const length = view.getUint32(entry + (woff ? 8 : 12));
    const bytes = font.subarray(offset, offset + length);
    // A WOFF table is zlib-compressed unless compressing did not make it smaller.
    if (!woff || length === view.getUint32(entry + 12)) return bytes;
    return new Uint8Array(inflateSync(bytes));
  }
  return undefined;
}

/** The code points the font maps to a glyph other than .notdef, from its Unicode cmap subtable. */
export function mappedCodePoints(font: Uint8Array): CodePointRanges {
  const cmap = fontTable(font, 'cmap');
  if (!cmap) throw new Error('the font has no cmap table');
  const view = new DataView(cmap.buffer, cmap.byteOffset, cmap.byteLength);
  const subtables = Array.from({ length: view.getUint16(2) }, (_, i) => ({
    platform: view.getUint16(4 + i * 8),
    encoding: view.getUint16(6 + i * 8),
    offset: view.getUint32(8 + i * 8),
  }));
  // Full Unicode (format 12) where the font has it, the Basic Multilingual Plane (format 4) otherwise.
  const unicode = (s: { platform: number; encoding: number }) => s.platform === 0 || (s.platform === 3 && (s.encoding === 1 || s.encoding === 10));
  const chosen = subtables.filter(unicode).map((s) => ({ ...s, format: view.getUint16(s.offset) }));
  const full = chosen.find((s) => s.format === 12);
  if (full) return format12(view, full.offset);
  const bmp = chosen.find((s) => s.format === 4);
  if (bmp) return format4(view, bmp.offset);
  throw new Error('the font has no Unicode cmap subtable of format 4 or 12');
}

function format12(view: DataView, at: number): CodePointRanges {
  const groups = view.getUint32(at + 12);
  const ranges: CodePointRanges = [];
  for (let i = 0; i < groups; i++) {
    const group = at + 16 + i * 12;
    const start = view.getUint32(group);
    const end = view.getUint32(group + 4);
    const firstGlyph = view.getUint32(group + 8);
    add(ranges, firstGlyph === 0 ? start + 1 : start, end);
  }
  return normalized(ranges);
}

function format4(view: DataView, at: number): CodePointRanges {
  const segments = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const ranges: CodePointRanges = [];
  for (let s = 0; s < segments; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getUint16(deltas + s * 2);
    const rangeOffset = view.getUint16(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const glyphAt = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
        glyph = view.getUint16(glyphAt);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) add(ranges, c, c);
    }
  }
  return normalized(ranges);
}

function add(ranges: CodePointRanges, start: number, end: number): void {
  if (start <= end) ranges.push([start, end]);
}

/** Sorted, with touching and overlapping ranges merged. */
export function normalized(ranges: CodePointRanges): CodePointRanges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: CodePointRanges = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The code points in both `a` and `b`. */
export function intersection(a: CodePointRanges, b: CodePointRanges): CodePointRanges {
  const both: CodePointRanges = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]![0], b[j]![0]);
    const end = Math.min(a[i]![1], b[j]![1]);
    if (start <= end) both.push([start, end]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return both;
}

/** Whether `codePoint` lies in one of the ranges (a binary search). */
export function inRanges(ranges: CodePointRanges, codePoint: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = ranges[mid]!;
    if (codePoint < start) high = mid - 1;
    else if (codePoint > end) low = mid + 1;
    else return true;
  }
  return false;
}

/**
 * A TrueType/OpenType font as WOFF 1.0: the same tables, each zlib-compressed where that makes it smaller. Node's
 * zlib does the work, where WOFF2 would need a Brotli encoder and glyph transforms of its own.
 */
export function woffOf(sfnt: Uint8Array): Uint8Array {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const count = view.getUint16(4);
  const tables = Array.from({ length: count }, (_, i) => {
    const entry = 12 + i * 16;
    const offset = view.getUint32(entry + 8);
    const length = view.getUint32(entry + 12);
    const original = sfnt.subarray(offset, offset + length);
    const compressed = deflateSync(original);
    return { tag: sfnt.subarray(entry, entry + 4), checksum: view.getUint32(entry + 4), length, data: compressed.length < length ? compressed : original };
  });
  const padded = (n: number) => (n + 3) & ~3;
  const directoryEnd = 44 + count * 20;
  const total = tables.reduce((end, t) => end + padded(t.data.length), directoryEnd);
  const woff = new Uint8Array(total);
  const out = new DataView(woff.buffer);
  out.setUint32(0, 0x774f4646); // 'wOFF'
  out.setUint32(4, view.getUint32(0)); // the sfnt's flavour
  out.setUint32(8, total);
  out.setUint16(12, count);
  out.setUint32(16, tables.reduce((size, t) => size + padded(t.length), 12 + count * 16));
  let at = directoryEnd;
  tables.forEach((table, i) => {
    const entry = 44 + i * 20;
    woff.set(table.tag, entry);
    out.setUint32(entry + 4, at);
    out.setUint32(entry + 8, table.data.length);
    out.setUint32(entry + 12, table.length);
    out.setUint32(entry + 16, table.checksum);
    woff.set(table.data, at);
    at += padded(table.data.length);
  });
  return woff;
}
