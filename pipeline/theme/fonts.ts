// The document's fonts, shipped as npm packages so every machine renders alike: IBM Plex Sans (and Plex Mono for
// code) as the full TrueType files Google Fonts publishes (@expo-google-fonts), with Latin Extended, Greek,
// Cyrillic, arrows, comparison signs, check marks and fractions. The HTML embeds each face cut down to the
// characters the document uses (font-subset.ts); the PDF prints that HTML; the rasterizer (resvg) reads the same
// files. What no face draws is refused at validate (stages/validate/checks/font-coverage.ts), so Chromium never falls back to a
// font of the machine.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { intersection, mappedCodePoints, woffOf, type CodePointRanges } from './sfnt.js';

const require = createRequire(import.meta.url);

/** The document's typeface: text, headings, charts. */
export const DOCUMENT_FONT = 'IBM Plex Sans';
/** For code and the preview's problems panel. */
export const MONO_FONT = 'IBM Plex Mono';

export interface FontFace {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  /** Path of a TrueType file inside node_modules. */
  file: string;
}

const face = (family: string, weight: number, style: FontFace['style'], file: string): FontFace => ({ family, weight, style, file });

/** Every face the document uses, found in node_modules when first asked for. */
export const fontFaces = once((): FontFace[] => [
  face(DOCUMENT_FONT, 400, 'normal', require.resolve('@expo-google-fonts/ibm-plex-sans/400Regular/IBMPlexSans_400Regular.ttf')),
  face(DOCUMENT_FONT, 400, 'italic', require.resolve('@expo-google-fonts/ibm-plex-sans/400Regular_Italic/IBMPlexSans_400Regular_Italic.ttf')),
  face(DOCUMENT_FONT, 500, 'normal', require.resolve('@expo-google-fonts/ibm-plex-sans/500Medium/IBMPlexSans_500Medium.ttf')),
  face(DOCUMENT_FONT, 600, 'normal', require.resolve('@expo-google-fonts/ibm-plex-sans/600SemiBold/IBMPlexSans_600SemiBold.ttf')),
  face(DOCUMENT_FONT, 700, 'normal', require.resolve('@expo-google-fonts/ibm-plex-sans/700Bold/IBMPlexSans_700Bold.ttf')),
  face(MONO_FONT, 400, 'normal', require.resolve('@expo-google-fonts/ibm-plex-mono/400Regular/IBMPlexMono_400Regular.ttf')),
]);

/** The document font's files, for the rasterizer. */
export const documentFontFiles = once((): string[] => fontFaces().filter((f) => f.family === DOCUMENT_FONT).map((f) => f.file));

/**
 * The characters every face of the document font draws: text in any weight or style, and code, whose face falls
 * back to the document font, shows them from a shipped font.
 */
export const coveredCodePoints = once((): CodePointRanges => documentFontFiles()
  .map((file) => mappedCodePoints(readFileSync(file)))
  .reduce((covered, ranges) => intersection(covered, ranges)));

/** The fonts a document embeds, each cut down to what it shows. */
export interface DocumentFonts {
  /** @font-face rules, fonts inlined as data: URLs, for an HTML document whose text (markup included) is `html`. */
  css(html: string): string;
}

export async function loadDocumentFonts(): Promise<DocumentFonts> {
  const { loadSubsettableFonts } = await import('./font-subset.js');
  const faces = fontFaces();
  const fonts = await loadSubsettableFonts(faces.map((f) => new Uint8Array(readFileSync(f.file))));
  return {
    css(html) {
      const codePoints = charactersOf(html);
      return faces.map((f, i) => {
        const data = Buffer.from(woffOf(fonts[i]!.subset(codePoints))).toString('base64');
        return `@font-face{font-family:"${f.family}";font-style:${f.style};font-weight:${f.weight};font-display:block;src:url(data:font/woff;base64,${data}) format("woff")}`;
      }).join('\n');
    },
  };
}

/**
 * Printable ASCII, Latin-1 and common punctuation, kept in every subset: text added to the page after its HTML
 * was made (the charts' phone drawings) is numbers, units and labels the page already has, drawn with these.
 */
const ALWAYS: readonly [number, number][] = [[0x20, 0x7e], [0xa0, 0xff], [0x2010, 0x2027], [0x2030, 0x203a], [0x20ac, 0x20ac], [0x2212, 0x2212]];

/** The code points of an HTML text: its characters, and those its CSS escapes (`\2192 `) and character references name. */
export function charactersOf(html: string): Set<number> {
  const codePoints = new Set<number>();
  for (const [start, end] of ALWAYS) for (let c = start; c <= end; c++) codePoints.add(c);
  for (let i = 0; i < html.length; i++) {
    const codePoint = html.codePointAt(i)!;
    codePoints.add(codePoint);
    if (codePoint > 0xffff) i++;
  }
  const named = (digits: string, radix: number) => {
    const codePoint = parseInt(digits, radix);
    if (codePoint <= 0x10ffff) codePoints.add(codePoint);
  };
  for (const [, hex] of html.matchAll(/\\([0-9a-fA-F]{1,6})/g)) named(hex!, 16);
  for (const [, hex] of html.matchAll(/&#x([0-9a-fA-F]{1,6});/g)) named(hex!, 16);
  for (const [, dec] of html.matchAll(/&#([0-9]{1,7});/g)) named(dec!, 10);
  return codePoints;
}

/** `make`'s value, made on the first call: resolving the font files costs ~5 ms. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
