// The cmap reader and the WOFF writer, on the shipped fonts: what they say must agree with the files themselves.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fontFaces } from '../../pipeline/theme/fonts.js';
import { fontTable, inRanges, intersection, mappedCodePoints, normalized, woffOf } from '../../pipeline/theme/sfnt.js';

const regular = () => new Uint8Array(readFileSync(fontFaces()[0]!.file));
const has = (font: Uint8Array, char: string) => inRanges(mappedCodePoints(font), char.codePointAt(0)!);

describe('sfnt', () => {
  it('reads which characters a TrueType font maps: Latin, Greek, Cyrillic, arrows in; CJK and emoji out', () => {
    const font = regular();
    for (const char of 'Aé€→≥✓ΩЖŁ½') expect(has(font, char), char).toBe(true);
    for (const char of ['中', '😀', '\u0001']) expect(has(font, char), char).toBe(false);
  });

  it('writes WOFF 1.0 that holds the same tables, readable again', () => {
    const font = regular();
    const woff = woffOf(font);
    expect(String.fromCharCode(...woff.subarray(0, 4))).toBe('wOFF');
    expect(woff.byteLength).toBeLessThan(font.byteLength);
    for (const tag of ['cmap', 'glyf', 'head', 'name']) expect(Buffer.from(fontTable(woff, tag)!).equals(Buffer.from(fontTable(font, tag)!)), tag).toBe(true);
    expect(mappedCodePoints(woff)).toEqual(mappedCodePoints(font));
    // The header's total length and the directory's compressed lengths are what a browser checks first.
    const view = new DataView(woff.buffer, woff.byteOffset);
    expect(view.getUint32(8)).toBe(woff.byteLength);
    const first = { offset: view.getUint32(44 + 4), compressed: view.getUint32(44 + 8), original: view.getUint32(44 + 12) };
    const bytes = woff.subarray(first.offset, first.offset + first.compressed);
    expect((first.compressed < first.original ? inflateSync(bytes) : bytes).length).toBe(first.original);
  });

  it('refuses what is not a font', () => {
    expect(() => fontTable(new TextEncoder().encode('<svg></svg>'), 'cmap')).toThrow(/not a TrueType/);
  });

  it('merges, intersects and searches ranges', () => {
    expect(normalized([[5, 9], [1, 3], [4, 4], [20, 30], [25, 26]])).toEqual([[1, 9], [20, 30]]);
    expect(intersection([[1, 9], [20, 30]], [[5, 22], [29, 40]])).toEqual([[5, 9], [20, 22], [29, 30]]);
    const ranges: [number, number][] = [[0, 0xff], [0x131, 0x131], [0x2190, 0x2193]];
    expect([0, 0xff, 0x100, 0x131, 0x2192, 0x2194].map((c) => inRanges(ranges, c))).toEqual([true, true, false, true, true, false]);
  });
});
