// The printed page: size, margins and running text as CSS @page margin boxes. The running header is the
// document's title alone: Chromium has no string-set, and naming the current section would take a named page per
// section, which starts each section on a new sheet. Sections flow instead.
import { DOCUMENT_FONT } from '../../theme/fonts.js';
import { MARGIN_MM } from '../../theme/page.js';
import { MUTED } from '../../theme/palette.js';
import type { PageSize } from '../../model/output.js';

export interface PrintCssInput {
  pageSize: PageSize;
  title: string;
  classification: string;
}

// Briefing text lands inside a <style> element: every character outside a small safe set becomes a CSS hex
// escape, so no quote, backslash, `<` or `>` can end the string, the rule or the element.
const hexEscape = (char: string) => `\\${char.codePointAt(0)!.toString(16)} `;
const cssString = (text: string) => `"${text.replace(/\s+/g, ' ').replace(/[^A-Za-z0-9 .,:;!?()+\-]/gu, hexEscape)}"`;
const RUNNING = `font-family: "${DOCUMENT_FONT}", sans-serif; font-size: 7.5pt; color: ${MUTED};`;

export function printCss({ pageSize, title, classification }: PrintCssInput): string {
  return [
    `@page { size: ${pageSize === 'letter' ? 'letter' : 'A4'}; margin: ${MARGIN_MM.top}mm ${MARGIN_MM.side}mm ${MARGIN_MM.bottom}mm;
  @top-left { content: ${cssString(title)}; ${RUNNING} width: 100%; }
  @bottom-left { content: ${cssString(classification)}; ${RUNNING} text-transform: uppercase; letter-spacing: 0.08em; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${RUNNING} }
}`,
    // The first page is the cover band from the paper's top edge, then the front matter: no running text there.
    // (Chromium lays every page out at one width, so the band keeps the side margins.)
    '@page :first { margin-top: 0; @top-left { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }',
  ].join('\n');
}
