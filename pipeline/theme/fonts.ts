// The document's fonts, shipped as npm packages so every machine renders alike.
// HTML/PDF embed Fontsource's Latin-subset WOFF2 files; the PNG rasterizer (resvg) needs TrueType, which
// @expo-google-fonts ships for the same family.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The document's typeface: text, headings, charts. */
export const DOCUMENT_FONT = 'IBM Plex Sans';
/** For code and the preview's problems panel. */
export const MONO_FONT = 'IBM Plex Mono';

export interface WebFont {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  /** Path of a WOFF2 file inside node_modules. */
  file: string;
}

const plexSans = (weight: number, style: 'normal' | 'italic'): WebFont => ({
  family: DOCUMENT_FONT,
  weight,
  style,
  file: require.resolve(`@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-${weight}-${style}.woff2`),
});

/** The web fonts, found in node_modules when first asked for: validation, which draws nothing, never asks. */
export const webFonts = once((): WebFont[] => [
  plexSans(400, 'normal'),
  plexSans(400, 'italic'),
  plexSans(500, 'normal'),
  plexSans(600, 'normal'),
  plexSans(700, 'normal'),
  {
    family: MONO_FONT,
    weight: 400,
    style: 'normal',
    file: require.resolve('@fontsource/ibm-plex-mono/files/ibm-plex-mono-latin-400-normal.woff2'),
  },
]);

/** @font-face rules with the fonts inlined as data: URLs, so the HTML needs no request. */
export async function fontFaceCss(fonts: readonly WebFont[] = webFonts()): Promise<string> {
  const rules = await Promise.all(
    fonts.map(async (font) => {
      // Loaded here, not at the top: `validate` uses this module's names and never reads a font.
      const { readFile } = await import('node:fs/promises');
      const data = (await readFile(font.file)).toString('base64');
      return `@font-face{font-family:"${font.family}";font-style:${font.style};font-weight:${font.weight};font-display:block;src:url(data:font/woff2;base64,${data}) format("woff2")}`;
    }),
  );
  return rules.join('\n');
}

/** TrueType files of the chart font for resvg, which reads neither WOFF nor WOFF2. */
export const chartFontFiles = once((): string[] => ['400Regular/IBMPlexSans_400Regular.ttf', '500Medium/IBMPlexSans_500Medium.ttf', '600SemiBold/IBMPlexSans_600SemiBold.ttf', '700Bold/IBMPlexSans_700Bold.ttf'].map(
  (file) => require.resolve(`@expo-google-fonts/ibm-plex-sans/${file}`),
));

/** `make`'s value, made on the first call: resolving the font files costs ~5 ms. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
