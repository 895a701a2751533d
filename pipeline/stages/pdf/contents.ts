// The contents' page numbers. The HTML stage leaves an empty slot per contents entry; the PDF stage fills the
// slots with the pages it finds the chapters on. The slots stay empty in the HTML file, which has no pages.
import type { Briefing } from '../../model/briefing.js';

export const sectionAnchor = (id: string) => `section-${id}`;

/** The contents: every section, then the sources, each the anchor of a chapter that starts a new page. */
function tocAnchors(briefing: Briefing): string[] {
  return [...briefing.sections.map((s) => sectionAnchor(s.id)), 'sources'];
}

/**
 * A first guess at where the contents entries land, so that one print is usually enough: the cover and
 * the front matter take a page each, then each chapter one page.
 */
export function guessPageNumbers(briefing: Briefing): Map<string, number> {
  return new Map(tocAnchors(briefing).map((anchor, i) => [anchor, i + 3]));
}

const SLOT = /<span class="toc-page" data-toc-page="([^"]+)">[^<]*<\/span>/g;

/** The HTML with each contents entry's page number filled in. */
export function fillPageNumbers(html: string, pageNumbers: ReadonlyMap<string, number>): string {
  return html.replace(SLOT, (slot, anchor: string) => slot.replace(/>[^<]*</, `>${pageNumbers.get(anchor) ?? ''}<`));
}
