// The document's fonts: what they cover, and the faces a page embeds, cut down to its characters.
import { describe, expect, it } from 'vitest';
import { charactersOf, coveredCodePoints, fontFaces, loadDocumentFonts, DOCUMENT_FONT, MONO_FONT } from '../../pipeline/theme/fonts.js';
import { inRanges, mappedCodePoints } from '../../pipeline/theme/sfnt.js';
import { ANALYST_CHARACTERS } from '../support/analyst-characters.js';
import { embeddedFonts } from '../support/embedded-fonts.js';

describe('fonts', () => {
  it('cover, in every weight and style of the document font, what analysts write', () => {
    const covered = coveredCodePoints();
    const missing = [...ANALYST_CHARACTERS].filter((c) => c !== ' ' && !inRanges(covered, c.codePointAt(0)!));
    expect(missing).toEqual([]);
    for (let c = 0x20; c <= 0x7e; c++) expect(inRanges(covered, c), String.fromCharCode(c)).toBe(true);
    expect(inRanges(covered, '中'.codePointAt(0)!)).toBe(false);
  });

  it('are all shipped files of the two families, none of the machine', () => {
    const families = new Set(fontFaces().map((f) => f.family));
    expect([...families]).toEqual([DOCUMENT_FONT, MONO_FONT]);
    for (const f of fontFaces()) expect(f.file).toMatch(/node_modules\/@expo-google-fonts\/ibm-plex-(sans|mono)\//);
  });

  it('reads the characters of an HTML text, those CSS escapes and character references name included', () => {
    const chars = charactersOf('<p>Ω&#x2192;&#8805;</p><style>@page{content:"\\2713 "}</style>');
    for (const char of 'Ω→≥✓') expect(chars.has(char.codePointAt(0)!), char).toBe(true);
    expect(chars.has('Ж'.codePointAt(0)!)).toBe(false);
  });

  it('embed every face, each cut down to the page: its characters in, others out, a fraction of the file', async () => {
    const fonts = await loadDocumentFonts();
    const faces = embeddedFonts(fonts.css(`<p>Dvořák → Москва</p>`));
    expect(faces.map((f) => f.face)).toEqual(fontFaces().map((f) => `${f.family} ${f.weight} ${f.style}`));
    for (const { face, font } of faces) {
      const mapped = mappedCodePoints(font);
      const has = (char: string) => inRanges(mapped, char.codePointAt(0)!);
      for (const char of 'ř→Мa9$%') expect(has(char), `${face} ${char}`).toBe(true);
      for (const char of 'ЖΩ≥') expect(has(char), `${face} ${char}`).toBe(false);
      expect(font.byteLength).toBeLessThan(60_000);
    }
  });

  it('make the same bytes for the same page', async () => {
    const fonts = await loadDocumentFonts();
    expect(fonts.css('<p>Ελλάδα</p>')).toBe(fonts.css('<p>Ελλάδα</p>'));
  });
});
