// The printed briefing, page by page, against reviewed golden images (tests/golden/pdf/).
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { findBrowser, launchBrowser } from '../../pipeline/build/browser.js';
import { renderCharts } from '../../pipeline/stages/charts/index.js';
import { fontFaceCss } from '../../pipeline/theme/fonts.js';
import { renderHtml } from '../../pipeline/stages/html/index.js';
import { renderPdf } from '../../pipeline/stages/pdf/index.js';
import { loadTemplates } from '../../pipeline/theme/templates.js';
import { loadDefaultBriefing } from '../support/default-briefing.js';
import { writeTemp } from '../support/pdf-tools.js';
import { compareWithGolden, pdfPagesAsPng, UPDATE_GOLDEN } from '../support/visual.js';

const GOLDEN_DIR = 'tests/golden/pdf';
/** Anti-aliasing may move; a layout change moves far more than this. */
const TOLERANCE = 0.0005;

let browser: Browser;
let pages: Buffer[];

beforeAll(async () => {
  browser = await launchBrowser(await findBrowser());
  const briefing = await loadDefaultBriefing();
  const input = { briefing, charts: (await renderCharts(briefing)).charts, templates: await loadTemplates(), fontCss: await fontFaceCss(), pageSize: 'a4' as const, toolVersion: 'test' };
  const { pdf } = await renderPdf({ briefing, html: renderHtml(input), browser, pageSize: 'a4', creator: 'golden' });
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
