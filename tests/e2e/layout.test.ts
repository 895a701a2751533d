// The printed page of every briefing under data/, measured as a reader meets it: pages that are not left half
// empty, lines of a readable length, no trace of the tool or of the authors' working notes in the text, sources
// a reader can follow. Read back from the PDF by poppler (word boxes) and qpdf (annotations).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { findBrowser, launchBrowser } from '../../pipeline/driver/browser.js';
import type { ResolvedBriefing } from '../../pipeline/model/resolved.js';
import { loadDefaultBriefing } from '../support/default-briefing.js';
import { bodyArea, fill, leadingItemHeight, median, pdfLayout, textLineLengths, uriAnnotations, type Page } from '../support/pdf-layout.js';
import { pdfText, writeTemp } from '../support/pdf-tools.js';
import { htmlOf, pdfOf } from '../support/stages.js';

const BRIEFINGS = readdirSync('data').sort();
/** A middle page must reach this far down its page area, unless what comes next could not have fitted. */
const MIN_FILL = 0.55;
/** Comfortable reading: 60–80 characters a line. */
const MAX_MEDIAN_LINE = 80;

interface Printed {
  briefing: ResolvedBriefing;
  html: string;
  pages: Page[];
  text: string;
  uris: string[];
}

let browser: Browser;
const printed = new Map<string, Printed>();

beforeAll(async () => {
  browser = await launchBrowser(await findBrowser());
  for (const id of BRIEFINGS) {
    const briefing = await loadDefaultBriefing(join('data', id));
    const html = await htmlOf(briefing);
    const { pdf } = await pdfOf({ briefing, html, browser, pageSize: 'a4', creator: 'briefpress test' });
    const path = writeTemp(`${id}.pdf`, pdf);
    printed.set(id, { briefing, html, pages: pdfLayout(path), text: pdfText(path), uris: uriAnnotations(path) });
  }
}, 240_000);
afterAll(async () => {
  await browser?.close();
});

/** The page's text as a reader sees it: the body of the HTML, markup and styles removed. */
const visibleText = (html: string) => html.slice(html.indexOf('<body')).replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]*>/g, ' ');

describe.each(BRIEFINGS)('the printed page of %s', (id) => {
  const get = () => printed.get(id)!;

  it('leaves no middle page under 55% full unless the figure or table that follows could not have fitted', () => {
    const { pages } = get();
    const underfilled = pages.slice(1, -1).flatMap((page, i) => {
      const next = pages[i + 2]!;
      const { top, bottom } = bodyArea(page);
      const free = (1 - fill(page)) * (bottom - top);
      const nextItem = leadingItemHeight(next);
      return fill(page) < MIN_FILL && !(nextItem !== undefined && nextItem > free) ? [`page ${i + 2}: ${Math.round(fill(page) * 100)}% full`] : [];
    });
    expect(underfilled).toEqual([]);
  });

  it('sets running text at a median of at most 80 characters a line', () => {
    const lengths = textLineLengths(get().pages);
    expect(lengths.length).toBeGreaterThan(20);
    expect(median(lengths)).toBeLessThanOrEqual(MAX_MEDIAN_LINE);
  });

  it("has neither the tool's name nor the authors' working notes in the reader's text", () => {
    const { text, html } = get();
    for (const backstage of [/briefpress/i, /\bseed\b/i]) {
      expect(text).not.toMatch(backstage);
      expect(visibleText(html)).not.toMatch(backstage);
    }
  });

  it('makes every source with a URL a live link in the PDF', () => {
    const { briefing, uris } = get();
    for (const source of briefing.sources.filter((s) => s.url)) expect(uris, source.key).toContain(source.url);
  });
});

describe('the default briefing', () => {
  it('takes fewer pages than the 9 of one page per section, with every section and takeaway printed', () => {
    const { briefing, pages, text } = printed.get('ai-security-workforce-2024')!;
    expect(pages.length).toBeLessThan(9);
    const flat = text.replace(/\s+/g, ' ').replace(/- /g, '-');
    for (const section of briefing.sections) expect(flat).toContain(section.title);
    for (const takeaway of briefing.takeaways) expect(flat.replace(/-(?=\S)/g, '-')).toContain(takeaway.split(' ').slice(0, 6).join(' '));
  });
});
