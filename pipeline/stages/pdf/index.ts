// pdf: Chromium prints the HTML stage's document. The page gets the HTML through setContent (never a file://
// URL), offline, with scripts off and every network request refused; fonts and images are data: URLs already.
//
// Chromium has no target-counter(), so the contents' page numbers come from printing: print with a guess,
// read the page each contents anchor landed on (its named destination), and print again with those numbers
// until they agree. A good guess makes one print enough. Then the document information is rewritten (info.ts)
// with the briefing's metadata and dates, so the same input gives the same bytes. In between, tagging.ts
// finishes the tagged structure for PDF/UA-1; the copy printed keeps its word spaces (word-spaces.ts).
import type { Browser } from 'puppeteer';
import { briefingDate } from '../../model/dates.js';
import type { PageSize } from '../../model/output.js';
import type { ResolvedBriefing } from '../../model/resolved.js';
import { fillPageNumbers } from './contents.js';
import { setPdfInfo, type PdfInfo } from './info.js';
import { destinationPages } from './structure.js';
import { finishTagging } from './tagging.js';
import { preserveWordSpaces } from './word-spaces.js';

export interface PdfInput {
  briefing: ResolvedBriefing;
  /** The HTML stage's document, its contents' page numbers left empty. */
  html: string;
  /** Where the page comes from: a Browser, or a print job's share of the build's page pool (build/page-pool.ts). */
  browser: Pick<Browser, 'newPage'>;
  pageSize: PageSize;
  /** The PDF's Creator: "briefpress <version>". */
  creator: string;
  timeoutMs?: number;
}

export interface PdfOutput {
  pdf: Uint8Array;
  /** Where each contents anchor landed, as printed in the contents. */
  pageNumbers: ReadonlyMap<string, number>;
}

/** Page numbers change the layout only in pathological cases; stop rather than loop. */
const MAX_PRINTS = 4;

export async function renderPdf({ briefing, html, browser, pageSize, creator, timeoutMs = 60_000 }: PdfInput): Promise<PdfOutput> {
  const pageGuess = guessPageNumbers(briefing.contents);
  const { meta } = briefing;
  const info: PdfInfo = {
    title: briefing.documentTitle,
    author: meta.author,
    subject: briefing.description,
    keywords: meta.keywords,
    creator,
    date: briefingDate(meta.date),
  };
  let pageNumbers: ReadonlyMap<string, number> = pageGuess;
  for (let print = 1; ; print++) {
    const pdf = await printHtml(browser, fillPageNumbers(preserveWordSpaces(html), pageNumbers), pageSize, timeoutMs);
    const landed = destinationPages(pdf);
    const actual = new Map([...pageGuess.keys()].map((anchor) => [anchor, landed.get(anchor) ?? 0]));
    const missing = [...actual].filter(([, page]) => page === 0).map(([anchor]) => anchor);
    if (missing.length > 0) throw new Error(`the printed PDF has no destination for ${missing.join(', ')}`);
    if ([...actual].every(([anchor, page]) => pageNumbers.get(anchor) === page)) {
      return { pdf: setPdfInfo(await finishTagging(pdf, html, info), info), pageNumbers };
    }
    if (print === MAX_PRINTS) throw new Error(`contents page numbers did not settle after ${MAX_PRINTS} prints`);
    pageNumbers = actual;
  }
}

/**
 * A first guess at where the contents entries land, so that one print is usually enough: the cover and the front
 * matter take a page each, then each chapter one page.
 */
function guessPageNumbers(contents: readonly string[]): Map<string, number> {
  return new Map(contents.map((anchor, i) => [anchor, i + 3]));
}

async function printHtml(browser: Pick<Browser, 'newPage'>, html: string, pageSize: PageSize, timeoutMs: number): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    await page.setOfflineMode(true);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().startsWith('data:')) void request.continue();
      else void request.abort('blockedbyclient');
    });
    await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
    return await page.pdf({
      format: pageSize === 'letter' ? 'letter' : 'a4',
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: true,
      timeout: timeoutMs,
    });
  } finally {
    await page.close();
  }
}
