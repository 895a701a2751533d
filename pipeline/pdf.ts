// Stage 5, pdf: Chromium prints the HTML stage's file. The page gets the HTML through setContent (never a
// file:// URL), with scripts off and every network request refused; fonts and images are data: URLs already.
import type { Browser } from 'puppeteer';
import type { PageSize } from './html.js';
import { setPdfInfo, type PdfInfo } from './pdf-info.js';

export interface PdfInput {
  html: string;
  /** Where the page comes from: a Browser, or a print job's share of the build's page pool (page-pool.ts). */
  browser: Pick<Browser, 'newPage'>;
  pageSize: PageSize;
  info: PdfInfo;
  timeoutMs?: number;
}

export async function renderPdf({ html, browser, pageSize, info, timeoutMs = 60_000 }: PdfInput): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().startsWith('data:')) void request.continue();
      else void request.abort('blockedbyclient');
    });
    await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
    const pdf = await page.pdf({
      format: pageSize === 'letter' ? 'letter' : 'a4',
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: true,
      timeout: timeoutMs,
    });
    return setPdfInfo(pdf, info);
  } finally {
    await page.close();
  }
}
