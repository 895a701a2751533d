// The rendering stages chained as the build chains them (driver/render.ts), for tests that want a stage's input
// made the real way: the charts, the page Chromium prints, the HTML file, a PDF printed by a browser of the test's.
import type { Browser } from 'puppeteer';
import { unreported, type Diagnostic } from '../../pipeline/diagnostics/diagnostic.js';
import type { ChartSvg } from '../../pipeline/model/chart-spec.js';
import type { PageSize } from '../../pipeline/model/output.js';
import type { ResolvedBriefing } from '../../pipeline/model/resolved.js';
import { drawCharts } from '../../pipeline/stages/charts/index.js';
import { renderHtml, type HtmlInput } from '../../pipeline/stages/html/index.js';
import { renderPdf, type PdfInput, type PdfOutput, type Printer } from '../../pipeline/stages/pdf/index.js';
import { addPhoneCharts } from '../../pipeline/stages/phone-charts/index.js';
import { loadDocumentFonts } from '../../pipeline/theme/fonts.js';
import { loadTemplates } from '../../pipeline/theme/templates.js';

type HtmlOptions = Partial<Omit<HtmlInput, 'briefing' | 'charts'>>;

/** The page Chromium prints (phone drawings still to come) and the HTML file, with every chart drawn both ways. */
export async function renderDocumentsOf(briefing: ResolvedBriefing, options: HtmlOptions = {}): Promise<{ page: string; html: string; charts: ChartSvg[] }> {
  const pageCharts = (await drawCharts(briefing)).value;
  const input = { templates: await loadTemplates(), fonts: await loadDocumentFonts(), pageSize: 'a4' as PageSize, toolVersion: 'test', ...options };
  const page = renderHtml({ briefing, charts: pageCharts, ...input }).value;
  const { charts, html } = (await addPhoneCharts({ briefing, charts: pageCharts, html: page })).value;
  return { page, html, charts };
}

/** The HTML file of the briefing. */
export const htmlOf = async (briefing: ResolvedBriefing, options: HtmlOptions = {}) => (await renderDocumentsOf(briefing, options)).html;

/** A printer that lends the test's own browser. */
const lend = (browser: Pick<Browser, 'newPage'>): Printer => ({ print: (job) => job(browser) });

/** The PDF stage's output for `html`, printed by `browser`. */
export async function pdfOf(input: Omit<PdfInput, 'printer' | 'creator'> & { browser: Pick<Browser, 'newPage'>; creator?: string }): Promise<PdfOutput> {
  const { browser, creator = 'test', ...rest } = input;
  return (await renderPdf({ ...rest, creator, printer: lend(browser) })).value;
}

/** Every chart drawn for the page and for phones, with what Vega-Lite said of either, each problem once. */
export async function drawnCharts(briefing: ResolvedBriefing): Promise<{ charts: ChartSvg[]; diagnostics: Diagnostic[] }> {
  const page = await drawCharts(briefing);
  const phone = await addPhoneCharts({ briefing, charts: page.value, html: '' });
  return { charts: phone.value.charts, diagnostics: [...page.diagnostics, ...unreported(phone.diagnostics, page.diagnostics)] };
}
