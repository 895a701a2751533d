// The printed page's geometry, in millimetres: the paper sizes and the margins of the @page rules
// (stages/html/print-css.ts writes them; stages/pdf/contents.ts lays the document out on the same pages to find
// where each contents entry lands before the first print).
import type { PageSize } from '../model/output.js';

const PAPER_MM: Record<PageSize, { width: number; height: number }> = {
  a4: { width: 210, height: 297 },
  letter: { width: 215.9, height: 279.4 },
};

/** Every page's margins but the first page's top: the cover band starts at the paper's edge. */
export const MARGIN_MM = { top: 18, side: 18, bottom: 20 };

export interface PageArea {
  /** The width and height of a page's content area, every page but the first. */
  width: number;
  height: number;
  /** How much taller the first page's content area is (it has no top margin). */
  firstPageExtra: number;
}

export function pageArea(pageSize: PageSize): PageArea {
  const paper = PAPER_MM[pageSize];
  return { width: paper.width - 2 * MARGIN_MM.side, height: paper.height - MARGIN_MM.top - MARGIN_MM.bottom, firstPageExtra: MARGIN_MM.top };
}
