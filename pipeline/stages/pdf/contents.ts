// The contents' page numbers. The HTML stage leaves an empty slot per contents entry; the PDF stage fills the
// slots, in the page it prints, with the pages it finds the chapters on. The slots stay empty in the HTML file.
//
// Chromium has no target-counter(), so where a chapter lands is known for sure only from a print. Before the
// first one, layOutPages lays the loaded document out in columns the size of the printed pages' content area:
// Chromium breaks a column the way it breaks a page (the same fragmentation: break-inside, break-after: avoid,
// orphans and widows, repeated table headers), so the column a chapter starts in is the page it will print on.
// The functions passed to page.evaluate run through DevTools: the document's own scripts stay off.
import type { Page } from 'puppeteer';
import type { PageArea } from '../../theme/page.js';

/** Where each anchor will land when printed, from a layout in page-sized columns; 0 for an anchor not found. */
export async function layOutPages(page: Page, anchors: readonly string[], area: PageArea): Promise<Map<string, number>> {
  const pages = await page.evaluate(pagesInColumns, [...anchors], area);
  return new Map(anchors.map((anchor, i) => [anchor, pages[i] ?? 0]));
}

/** Writes each contents entry's page number into its slot. */
export async function fillPageNumbers(page: Page, pageNumbers: ReadonlyMap<string, number>): Promise<void> {
  await page.evaluate((numbers: Record<string, number>) => {
    for (const slot of Array.from(document.querySelectorAll<HTMLElement>('[data-toc-page]'))) slot.textContent = String(numbers[slot.dataset.tocPage ?? ''] ?? '');
  }, Object.fromEntries(pageNumbers));
}

/**
 * In the page, with print media emulated: the body becomes a row of columns as wide and as tall as a page's
 * content area (the first one taller by the first page's missing top margin, through a negative margin at the
 * body's start), the document's forced page breaks become column breaks, and each anchor's page is the column its
 * first box is in. The style is removed afterwards, so the page prints as it was loaded.
 */
function pagesInColumns(anchors: string[], area: PageArea): number[] {
  // No nested function here: tsx's keepNames would wrap it in a helper the page does not have.
  const forced: string[] = [];
  const rules: CSSRule[] = Array.from(document.styleSheets).flatMap((sheet) => Array.from(sheet.cssRules));
  for (let rule = rules.shift(); rule; rule = rules.shift()) {
    if (rule instanceof CSSMediaRule) {
      if (matchMedia(rule.media.mediaText).matches) rules.unshift(...Array.from(rule.cssRules));
    } else if (rule instanceof CSSStyleRule) {
      for (const side of ['before', 'after']) {
        const value = rule.style.getPropertyValue(`break-${side}`);
        if (['page', 'left', 'right', 'recto', 'verso'].includes(value)) forced.push(`${rule.selectorText} { break-${side}: column !important; }`);
      }
    }
  }
  const probe = new CSSStyleSheet();
  probe.replaceSync([
    `html, body { width: ${area.width}mm; }`,
    `body { columns: ${area.width}mm; column-gap: 0; column-fill: auto; height: ${area.height}mm; }`,
    `body::before { content: ""; display: block; margin-top: -${area.firstPageExtra}mm; }`,
    ...forced,
  ].join('\n'));
  // A constructed sheet, not a <style> element: the document keeps its nodes, so the PDF's node-based names stay as
  // they would be without the layout.
  const adopted = [...document.adoptedStyleSheets];
  document.adoptedStyleSheets = [...adopted, probe];
  try {
    const origin = document.body.getBoundingClientRect().left;
    const columnWidth = document.body.getBoundingClientRect().width;
    return anchors.map((anchor) => {
      const box = document.getElementById(anchor)?.getClientRects()[0];
      return box ? 1 + Math.round((box.left - origin) / columnWidth) : 0;
    });
  } finally {
    document.adoptedStyleSheets = adopted;
  }
}
