// The printed page: size, margins and running text as CSS @page margin boxes. Chromium has no string-set, so
// the running header names the current section through named pages: each chapter (front matter, every
// section, the sources) is a named page whose top-right box carries its title, and so starts a new sheet.
import { DOCUMENT_FONT } from '../../theme/fonts.js';
import { MUTED } from '../../theme/palette.js';
import type { PageSize } from '../../model/output.js';

export interface Chapter {
  /** Element id of the chapter's container. */
  anchor: string;
  /** Text of the running header on its pages. */
  heading: string;
}

export interface PrintCssInput {
  pageSize: PageSize;
  title: string;
  classification: string;
  chapters: Chapter[];
}

// Briefing text lands inside a <style> element: every character outside a small safe set becomes a CSS hex
// escape, so no quote, backslash, `<` or `>` can end the string, the rule or the element.
const hexEscape = (char: string) => `\\${char.codePointAt(0)!.toString(16)} `;
const cssString = (text: string) => `"${text.replace(/\s+/g, ' ').replace(/[^A-Za-z0-9 .,:;!?()+\-]/gu, hexEscape)}"`;
const cssIdentifier = (name: string) => name.replace(/[^A-Za-z0-9_-]|^[0-9-]/gu, hexEscape);
const RUNNING = `font-family: "${DOCUMENT_FONT}", sans-serif; font-size: 7.5pt; color: ${MUTED};`;

export function printCss({ pageSize, title, classification, chapters }: PrintCssInput): string {
  const rules = [
    `@page { size: ${pageSize === 'letter' ? 'letter' : 'A4'}; margin: 20mm 20mm 22mm;
  @top-left { content: ${cssString(title)}; ${RUNNING} width: 42%; }
  @bottom-left { content: ${cssString(classification)}; ${RUNNING} text-transform: uppercase; letter-spacing: 0.08em; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${RUNNING} }
}`,
    '@page cover { margin: 0; @top-left { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }',
    '@media print { .cover { page: cover; } }',
    ...chapters.map(({ anchor, heading }, i) => `@page chapter-${i + 1} { @top-right { content: ${cssString(heading)}; ${RUNNING} text-align: right; font-weight: 600; width: 58%; } }
@media print { #${cssIdentifier(anchor)} { page: chapter-${i + 1}; } }`),
  ];
  return rules.join('\n');
}
