// The document's contents: every section, then the sources, each a chapter that starts a new page. The HTML
// stage links to these anchors; the PDF stage finds the page each landed on.
import type { Briefing } from './briefing.js';

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
