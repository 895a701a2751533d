import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { findBrowser, launchBrowser } from '../../pipeline/driver/browser.js';
import { poolOwned } from '../../pipeline/driver/page-pool.js';
import { htmlOf, pdfOf } from '../support/stages.js';
import { renderPdf, type PdfOutput } from '../../pipeline/stages/pdf/index.js';
import { finishTagging } from '../../pipeline/stages/pdf/tagging.js';
import type { ResolvedBriefing } from '../../pipeline/model/resolved.js';
import { DEFAULT_BRIEFING_DIR, loadDefaultBriefing } from '../support/default-briefing.js';

const SECOND_BRIEFING_DIR = 'data/cost-of-a-data-breach-2024';
import { pdfFonts, pdfInfo, pdfPages, qpdfCheck, writeTemp } from '../support/pdf-tools.js';

let browser: Browser;
let pdfPath: string;
let pdf: Uint8Array;
let pageNumbers: ReadonlyMap<string, number>;
let prints: number;
const info = { title: 'AI Security Engineer, MLSecOps, and AI Governance: Cybersecurity Workforce Trends (2024)', author: 'briefpress', subject: 'Workforce trends', keywords: ['AI security', 'MLSecOps'], creator: 'briefpress test', date: new Date(Date.UTC(2024, 0, 1)) };

/** The browser's pages, counting how many times they print. */
function countingPrints(from: Browser) {
  const pages = {
    prints: 0,
    newPage: async () => {
      const page = await from.newPage();
      const printPdf = page.pdf.bind(page);
      page.pdf = async (options) => {
        pages.prints += 1;
        return printPdf(options);
      };
      return page;
    },
  };
  return pages;
}

/** One page handed to every job, as the page pool hands a page on: a job's close() leaves it open. */
async function onePage(from: Browser) {
  const page = await from.newPage();
  const kept = poolOwned(page);
  return { prints: 0, newPage: async () => kept, close: () => page.close() };
}

/** Renders and prints a briefing; `htmlPageSize` is the paper the HTML's @page rule names, when it differs. */
async function print(pageSize: 'a4' | 'letter', briefing?: ResolvedBriefing, htmlPageSize = pageSize, pages: { prints: number; newPage: Browser['newPage'] } = countingPrints(browser)) {
  const resolved = briefing ?? (await loadDefaultBriefing());
  const html = await htmlOf(resolved, { pageSize: htmlPageSize });
  const printed = await pdfOf({ briefing: resolved, html, browser: pages, pageSize, creator: 'briefpress test' });
  return { ...printed, prints: pages.prints };
}

beforeAll(async () => {
  browser = await launchBrowser(await findBrowser());
  ({ pdf, pageNumbers, prints } = await print('a4'));
  pdfPath = writeTemp('briefing.pdf', pdf);
});
afterAll(async () => {
  await browser?.close();
});

describe('pdf', () => {
  it('is a valid, tagged A4 PDF with the briefing title and metadata', async () => {
    const briefing = await loadDefaultBriefing();
    expect(qpdfCheck(pdfPath)).toContain('No syntax or stream encoding errors');
    const meta = pdfInfo(pdfPath);
    expect(meta.Title).toBe('AI Security Engineer, MLSecOps, and AI Governance: Cybersecurity Workforce Trends (2024)');
    expect(meta.Author).toBe(briefing.meta.author);
    expect(meta.Subject).toBe(briefing.description);
    expect(briefing.description).toMatch(/^Organizations adopting AI .* prompt injection\.$/);
    expect(meta.Keywords).toBe(briefing.meta.keywords.join(', '));
    expect(meta.Creator).toBe('briefpress test');
    expect(meta.Tagged).toBe('yes');
    expect(meta.CreationDate).toContain('2024');
    expect(meta['Page size']).toContain('(A4)');
    expect(Number(meta.Pages)).toBeGreaterThanOrEqual(2);
  });

  it('embeds every font', () => {
    const fonts = pdfFonts(pdfPath);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.some((f) => f.name.includes('IBMPlexSans'))).toBe(true);
  });

  it('stays within its page budget', () => {
    expect(pdfPages(pdfPath).length).toBeLessThanOrEqual(12);
  });

  it('has the running header (the title) and the "Page X of Y" footer on every page but the first', async () => {
    const briefing = await loadDefaultBriefing();
    const pages = pdfPages(pdfPath);
    expect(pages[0]).not.toMatch(/Page \d+ of/);
    pages.slice(1).forEach((page, i) => {
      expect(page).toContain(`Page ${i + 2} of ${pages.length}`);
      expect(page).toContain(briefing.meta.title);
      expect(page).toContain(briefing.meta.classification.toUpperCase());
    });
  });

  it('never splits a figure or table: its title and source line are on one page', async () => {
    const briefing = await loadDefaultBriefing();
    const pages = pdfPages(pdfPath).map((page) => page.replace(/\s+/g, ' '));
    const figures = [...briefing.charts.map((c) => [c.title, c.sourceLine]), ...briefing.tables.map(({ table }) => [table.title, table.caption])];
    for (const [title, caption] of figures) {
      const page = pages.findIndex((p) => p.includes(title!));
      expect(page, title).toBeGreaterThan(0);
      expect(pages[page], `${title} and its source on one page`).toContain(caption!.replace(/\s+/g, ' '));
    }
  });

  it('lists in its contents the page each chapter starts on, and the heading is on that page', async () => {
    const briefing = await loadDefaultBriefing();
    const pages = pdfPages(pdfPath).map((page) => page.replace(/\s+/g, ' '));
    const entries = [...briefing.sections.map((s) => [`section-${s.id}`, s.title] as const), ['sources', 'Sources'] as const];
    for (const [anchor, title] of entries) {
      const page = pageNumbers.get(anchor)!;
      expect(pages[1], `contents line for ${title}`).toContain(`${title} ${page}`);
      // The heading itself (the contents page also has the contents line).
      expect(pages[page - 1]!.split(title).length - 1, `${title} on page ${page}`).toBeGreaterThanOrEqual(page === 2 ? 2 : 1);
      if (page - 2 > 1) expect(pages[page - 2]!, `${title} starts on page ${page}, not before`).not.toContain(title);
    }
  });

  it('prints each real briefing once: the contents laid out before the print give its page numbers', async () => {
    expect(prints, DEFAULT_BRIEFING_DIR).toBe(1);
    const second = await print('a4', await loadDefaultBriefing(SECOND_BRIEFING_DIR));
    expect(second.prints, SECOND_BRIEFING_DIR).toBe(1);
    expect(Math.max(...second.pageNumbers.values())).toBeGreaterThan(2);
  });

  it('prints the same bytes on a page that printed another briefing first, as the page pool hands pages on', async () => {
    const page = await onePage(browser);
    try {
      await print('a4', await loadDefaultBriefing(SECOND_BRIEFING_DIR), 'a4', page);
      const again = await print('a4', undefined, 'a4', page);
      // Chromium names table header cells after a DOM node counter that runs on from one document to the next.
      expect(Buffer.from(pdf).toString('latin1')).toContain('/ID (node00000001)');
      expect(Buffer.compare(Buffer.from(again.pdf), Buffer.from(pdf))).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('settles the contents numbers even from a wrong first guess', async () => {
    // Laid out on Letter pages, the contents are guessed wrong for the A4 the document's @page rule prints on.
    const printed = await print('letter', undefined, 'a4');
    expect(printed.prints).toBeGreaterThan(1);
    expect(printed.pageNumbers).toEqual(pageNumbers);
  });

  it('has bookmarks for the sections', () => {
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/Outlines \d+ 0 R/);
  });

  it('prints Letter when asked', async () => {
    const printed = await print('letter');
    expect(pdfInfo(writeTemp('letter.pdf', printed.pdf))['Page size']).toContain('(letter)');
    expect(printed.prints).toBe(1);
  });
});

describe('pdf-info', () => {
  let html: string;
  let printed: Uint8Array;
  beforeAll(async () => {
    const briefing = await loadDefaultBriefing();
    html = await htmlOf(briefing);
    // Chromium's print itself, before the pdf stage tags it: what the printer's job gives back.
    await renderPdf({
      briefing, html, pageSize: 'a4', creator: 'briefpress test',
      printer: { print: async (job) => { const output = await job(browser); printed = (output as PdfOutput).pdf; return output; } },
    });
  });

  it('replaces the Info dictionary in the tagging pass, keeps one, and keeps the file valid', async () => {
    const finished = await finishTagging(printed, html, { ...info, title: 'Ünïcode title – with a dash', keywords: [] });
    const path = writeTemp('again.pdf', finished);
    expect(qpdfCheck(path)).toContain('No syntax or stream encoding errors');
    const meta = pdfInfo(path);
    expect(meta.Title).toBe('Ünïcode title – with a dash');
    expect(meta.Author).toBe('briefpress');
    expect(meta.Producer).toBe('Chromium (Skia/PDF) via briefpress');
    expect(meta.CreationDate).toBe(meta.ModDate);
    const text = Buffer.from(finished).toString('latin1');
    expect(text.match(/\/CreationDate/g)).toHaveLength(1);
    expect(text).toContain('/CreationDate (D:20240101000000Z)');
  });

  it('gives the file an /ID that is the MD5 of its bytes, and the same bytes for the same input', async () => {
    const [first, second] = [await finishTagging(printed, html, info), await finishTagging(printed, html, info)];
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
    const text = Buffer.from(first).toString('latin1');
    const id = /\/ID \[ <([0-9A-F]{32})> <\1> \]/.exec(text)?.[1];
    const zeroed = Buffer.from(text.replace(`<${id}> <${id}>`, `<${'0'.repeat(32)}> <${'0'.repeat(32)}>`), 'latin1');
    expect(id).toBe(createHash('md5').update(zeroed).digest('hex').toUpperCase());
  });
});
