// The printed briefing, page by page, against reviewed golden images (tests/golden/pdf/).
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { findBrowser, launchBrowser } from '../../pipeline/driver/browser.js';
import { loadDefaultBriefing } from '../support/default-briefing.js';
import { writeTemp } from '../support/pdf-tools.js';
import { compareWithGolden, pdfPagesAsPng, UPDATE_GOLDEN } from '../support/visual.js';
import { htmlOf, pdfOf } from '../support/stages.js';

const GOLDEN_DIR = 'tests/golden/pdf';
/**
 * Share of a page's pixels that may differ (docs/testing.md, "Visual goldens", has the measurements): drawing the
 * same PDF without vector anti-aliasing differs by at most 0.035 %, Chromium 150 and 156 print the same bytes;
 * the smallest layout change tried (a heading's letter-spacing +0.02em) differs by 0.46 % on its page.
 */
const TOLERANCE = 0.001;

let browser: Browser;
let pages: Buffer[];

beforeAll(async () => {
  browser = await launchBrowser(await findBrowser());
  const briefing = await loadDefaultBriefing();
  const { pdf } = await pdfOf({ briefing, html: await htmlOf(briefing), browser, pageSize: 'a4', creator: 'golden' });
  pages = pdfPagesAsPng(writeTemp('golden.pdf', pdf));
});
afterAll(async () => {
  await browser?.close();
});

describe('visual regression', () => {
  it('has as many pages as the goldens', () => {
    if (UPDATE_GOLDEN) return;
    expect(pages.length).toBe(readdirSync(GOLDEN_DIR).filter((f) => f.endsWith('.png')).length);
  });

  it('matches every golden page within tolerance', () => {
    const comparisons = pages.map((png, i) => compareWithGolden(GOLDEN_DIR, `page-${String(i + 1).padStart(2, '0')}.png`, png));
    const failures = comparisons.filter((c) => c.problem || c.differingRatio > TOLERANCE);
    expect(failures, 'see tests/__diff__/ for the differing pixels').toEqual([]);
  });
});
