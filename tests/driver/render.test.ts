// The browserless stages of one briefing as the build runs them: the page Chromium prints comes first, without the
// charts' phone drawings, and the HTML file after, with them. Both real briefings: the file is the HTML the stages
// make with every drawing at once, and the page prints the very PDF the file would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { findBrowser, launchBrowser } from '../../pipeline/driver/browser.js';
import { renderDocuments } from '../../pipeline/driver/render.js';
import type { ResolvedBriefing } from '../../pipeline/model/resolved.js';
import { loadDocumentFonts, type DocumentFonts } from '../../pipeline/theme/fonts.js';
import { loadTemplates, type Templates } from '../../pipeline/theme/templates.js';
import { loadDefaultBriefing } from '../support/default-briefing.js';
import { pdfOf, renderDocumentsOf } from '../support/stages.js';
import { drawCharts } from '../../pipeline/stages/charts/index.js';
import { addPhoneCharts } from '../../pipeline/stages/phone-charts/index.js';

const BRIEFINGS = ['data/ai-security-workforce-2024', 'data/cost-of-a-data-breach-2024'];

let browser: Browser;
let templates: Templates;
let fonts: DocumentFonts;

beforeAll(async () => {
  [browser, templates, fonts] = await Promise.all([findBrowser().then(launchBrowser), loadTemplates(), loadDocumentFonts()]);
});
afterAll(async () => {
  await browser?.close();
});

async function rendered(briefing: ResolvedBriefing) {
  const stages: string[] = [];
  const report = { start: (_: string, stage: string) => stages.push(stage), stage: () => undefined };
  let page = '';
  let htmlWhenPageCame: string | undefined;
  const rest = await renderDocuments({ briefing, pageSize: 'a4', workbook: true, toolVersion: 'test' }, { templates, fonts, report }, (html) => {
    page = html;
    htmlWhenPageCame = stages.join(' ');
  });
  return { page, rest, stages, htmlWhenPageCame };
}

describe.each(BRIEFINGS)('rendering %s', (dir) => {
  it('hands on the page before the phone drawings and the workbook, then gives the HTML file with them', async () => {
    const briefing = await loadDefaultBriefing(dir);
    const { page, rest, stages, htmlWhenPageCame } = await rendered(briefing);
    expect(htmlWhenPageCame).toBe('charts html');
    expect(stages).toEqual(['charts', 'html', 'phone-charts', 'workbook']);
    expect(rest.workbook?.length).toBeGreaterThan(0);

    // The file is what the stages make one after another, and their diagnostics are the charts' and the phone charts'.
    const chained = await renderDocumentsOf(briefing, { templates, fonts });
    expect(rest.html).toBe(chained.html);
    const pageCharts = await drawCharts(briefing);
    const phoneCharts = await addPhoneCharts({ briefing, charts: pageCharts.value, html: chained.page });
    expect(rest.diagnostics).toEqual([...pageCharts.diagnostics, ...phoneCharts.diagnostics]);
    const phoneDivs = (html: string) => [...html.matchAll(/<div class="chart-graphic chart-phone">([\s\S]*?)<\/div>/g)].map((m) => m[1]!);
    expect(phoneDivs(rest.html)).toHaveLength(briefing.charts.length);
    for (const drawn of phoneDivs(rest.html)) expect(drawn).toMatch(/^<svg role="img" aria-label="[^"]+" data-chart=/);
    expect(rest.html).not.toContain('briefpress-phone-chart-');
    // The page is the file but for the phone drawings: each is a slot there.
    for (const slot of phoneDivs(page)) expect(slot).toMatch(/^<!--briefpress-phone-chart-[0-9a-f-]{36}:[a-z0-9-]+-->$/);
    expect(page.replace(/<div class="chart-graphic chart-phone">[\s\S]*?<\/div>/g, '')).toBe(rest.html.replace(/<div class="chart-graphic chart-phone">[\s\S]*?<\/div>/g, ''));
  });

  it('prints the same PDF, byte for byte, from the page as from the HTML file', async () => {
    const briefing = await loadDefaultBriefing(dir);
    const { page, rest } = await rendered(briefing);
    const print = async (html: string) => (await pdfOf({ briefing, html, browser, pageSize: 'a4', creator: 'briefpress test' })).pdf;
    expect(Buffer.compare(Buffer.from(await print(page)), Buffer.from(await print(rest.html)))).toBe(0);
  });
});
