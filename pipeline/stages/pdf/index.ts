// pdf: Chromium prints the HTML stage's document. The page gets the HTML through setContent (never a file://
// URL), offline, with scripts off and every network request refused; fonts and images are data: URLs already.
//
// Chromium has no target-counter(), so the contents' page numbers come from printing: the loaded page is first
// laid out in page-sized columns to find where each chapter will land (contents.ts), the numbers are written into
// the page, it is printed, and the page each contents anchor landed on (its named destination) is read back; when
// they differ the numbers are corrected and the same page printed again, until they agree. The layout is right
// for the real briefings, so one print is the norm. Then tagging.ts finishes the tagged structure for PDF/UA-1 and,
// in the same pass, sets the document information (info.ts) from the briefing's metadata and dates, so the same
// input gives the same bytes; the copy printed keeps its word spaces (word-spaces.ts).
import type { Browser, Page } from 'puppeteer';
import type { StageResult } from '../../diagnostics/diagnostic.js';
import { briefingDate } from '../../model/dates.js';
import type { PageSize } from '../../model/output.js';
import type { ResolvedBriefing } from '../../model/resolved.js';
import { pageArea } from '../../theme/page.js';
import { fillPageNumbers, layOutPages } from './contents.js';
import type { PdfInfo } from './info.js';
import { destinationPages } from './structure.js';
import { finishTagging } from './tagging.js';
import { preserveWordSpaces } from './word-spaces.js';

export interface PdfInput {
  briefing: ResolvedBriefing;
  /** The HTML stage's document, its contents' page numbers left empty. */
  html: string;
  printer: Printer;
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

/**
 * Lends a browser for the print alone: the build's page pool (driver/page-pool.ts) takes its page back as soon as
 * the PDF is printed, so that the last briefing's browser closes while the PDF is tagged; a test lends a Browser.
 */
export interface Printer {
  print<T>(job: (browser: Pick<Browser, 'newPage'>) => Promise<T>): Promise<T>;
}

/** Page numbers change the layout only in pathological cases; stop rather than loop. */
const MAX_PRINTS = 4;

export async function renderPdf(input: PdfInput): Promise<StageResult<PdfOutput>> {
  const printed = await input.printer.print((browser) => printPdf(input, browser));
  return { value: await finishPdf(printed, input), diagnostics: [] };
}

/** The print alone: Chromium's PDF, untagged and with Chromium's document information. */
async function printPdf({ briefing, html, pageSize, timeoutMs = 60_000 }: PdfInput, browser: Pick<Browser, 'newPage'>): Promise<PdfOutput> {
  const page = await browser.newPage();
  try {
    await loadOffline(page, preserveWordSpaces(html), timeoutMs);
    return await printSettled(page, briefing.contents, pageSize, timeoutMs);
  } finally {
    await page.close();
  }
}

/** The printed PDF tagged for PDF/UA-1, with the briefing's document information. */
async function finishPdf(printed: PdfOutput, { briefing, html, creator }: PdfInput): Promise<PdfOutput> {
  const { meta } = briefing;
  const info: PdfInfo = {
    title: briefing.documentTitle,
    author: meta.author,
    subject: briefing.description,
    keywords: meta.keywords,
    creator,
    date: briefingDate(meta.date),
  };
  return { pdf: await finishTagging(printed.pdf, html, info), pageNumbers: printed.pageNumbers };
}

/** Prints the loaded page with its contents' page numbers, first as laid out, then as printed, until they agree. */
async function printSettled(page: Page, anchors: readonly string[], pageSize: PageSize, timeoutMs: number): Promise<PdfOutput> {
  let pageNumbers: ReadonlyMap<string, number> = await layOutPages(page, anchors, pageArea(pageSize));
  for (let print = 1; ; print++) {
    await fillPageNumbers(page, pageNumbers);
    const pdf = await page.pdf({
      format: pageSize === 'letter' ? 'letter' : 'a4',
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: true,
      timeout: timeoutMs,
    });
    const landed = destinationPages(pdf);
    const actual = new Map(anchors.map((anchor) => [anchor, landed.get(anchor) ?? 0]));
    const missing = [...actual].filter(([, page]) => page === 0).map(([anchor]) => anchor);
    if (missing.length > 0) throw new Error(`the printed PDF has no destination for ${missing.join(', ')}`);
    if ([...actual].every(([anchor, page]) => pageNumbers.get(anchor) === page)) return { pdf, pageNumbers };
    if (print === MAX_PRINTS) throw new Error(`contents page numbers did not settle after ${MAX_PRINTS} prints`);
    pageNumbers = actual;
  }
}

/** Pages already set up to load offline: the page pool hands a page on to the next briefing (driver/page-pool.ts). */
const offlinePages = new WeakSet<object>();

/**
 * Loads the document with its scripts off, offline, every request but a data: URL refused, and print media
 * emulated from the start: the layout of the contents (and the print after it) reuses what loading computed.
 * A page keeps these settings, and its one request handler, from one document to the next.
 */
async function loadOffline(page: Page, html: string, timeoutMs: number): Promise<void> {
  // The pool's page is a proxy made for each job; the main frame is the page's own, for the page's whole life.
  const identity = page.mainFrame();
  if (!offlinePages.has(identity)) {
    await page.setJavaScriptEnabled(false);
    await page.setOfflineMode(true);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().startsWith('data:')) void request.continue();
      else void request.abort('blockedbyclient');
    });
    await page.emulateMediaType('print');
    offlinePages.add(identity);
  }
  await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
}
