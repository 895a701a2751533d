// SVG → PNG with resvg, no browser, in the document's font (resvg reads TrueType only, hence documentFontFiles).
import { Resvg } from '@resvg/resvg-js';
import { documentFontFiles, DOCUMENT_FONT } from '../../theme/fonts.js';

/** The SVG at `scale` times its size, on white. */
export function rasterize(svg: string, scale: number): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: documentFontFiles(), loadSystemFonts: false, defaultFontFamily: DOCUMENT_FONT },
    background: 'white',
  });
  return resvg.render().asPng();
}
