// The contents' page numbers. The HTML stage leaves an empty slot per contents entry; the PDF stage fills the
// slots with the pages it finds the chapters on. The slots stay empty in the HTML file, which has no pages.
const SLOT = /<span class="toc-page" data-toc-page="([^"]+)">[^<]*<\/span>/g;

/** The HTML with each contents entry's page number filled in. */
export function fillPageNumbers(html: string, pageNumbers: ReadonlyMap<string, number>): string {
  return html.replace(SLOT, (slot, anchor: string) => slot.replace(/>[^<]*</, `>${pageNumbers.get(anchor) ?? ''}<`));
}
