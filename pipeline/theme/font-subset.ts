// Cuts a font down to the characters a document uses, with HarfBuzz's hb-subset (harfbuzzjs ships it as
// WebAssembly): the HTML then carries the glyphs it shows and no more, from the full typeface, so every character
// the typeface has is drawn by it and never by a font of the machine.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

interface HbSubset {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codePoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

/** hb_memory_mode_t: HarfBuzz may use the bytes in place. */
const MEMORY_MODE_READONLY = 1;
/**
 * hb_subset_flags_t NO_HINTING: TrueType instructions are a third of a subset's bytes, and Chromium draws these
 * faces with FreeType's light autohinting (and prints outlines), which does not run them.
 */
const NO_HINTING = 0x1;

/** A font ready to be cut down again and again: `subset` is synchronous. */
export interface SubsettableFont {
  subset(codePoints: Iterable<number>): Uint8Array;
}

/**
 * Instantiates hb-subset once and copies each font into its memory, where the fonts stay as long as the process: a
 * build's few faces. Each cut parses its font again: hb_subset_preprocess would make later cuts faster, but costs
 * more than a build's one cut a face (~50 ms against ~10 a font).
 */
export async function loadSubsettableFonts(fonts: readonly Uint8Array[]): Promise<SubsettableFont[]> {
  const wasmPath = join(dirname(require.resolve('harfbuzzjs')), 'harfbuzz-subset.wasm');
  const { instance } = await WebAssembly.instantiate(await readFile(wasmPath));
  const hb = instance.exports as unknown as HbSubset;
  return fonts.map((font) => {
    const pointer = hb.malloc(font.byteLength);
    new Uint8Array(hb.memory.buffer).set(font, pointer);
    return { subset: (codePoints) => subsetFont(hb, pointer, font.byteLength, codePoints) };
  });
}

function subsetFont(hb: HbSubset, pointer: number, length: number, codePoints: Iterable<number>): Uint8Array {
  const blob = hb.hb_blob_create(pointer, length, MEMORY_MODE_READONLY, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  try {
    if (input === 0) throw new Error('hb-subset could not allocate its input');
    hb.hb_subset_input_set_flags(input, NO_HINTING);
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const codePoint of codePoints) hb.hb_set_add(unicodes, codePoint);
    const subset = hb.hb_subset_or_fail(face, input);
    if (subset === 0) throw new Error('hb-subset could not subset the font');
    const result = hb.hb_face_reference_blob(subset);
    const data = hb.hb_blob_get_data(result, 0);
    const size = hb.hb_blob_get_length(result);
    // Read only now: the memory may have grown (and its buffer been replaced) while subsetting.
    const bytes = new Uint8Array(hb.memory.buffer).slice(data, data + size);
    hb.hb_blob_destroy(result);
    hb.hb_face_destroy(subset);
    if (size === 0) throw new Error('hb-subset returned an empty font');
    return bytes;
  } finally {
    if (input !== 0) hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
  }
}
