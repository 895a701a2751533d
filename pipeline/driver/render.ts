// The browserless stages of one resolved briefing: charts → html → phone charts → workbook. The page Chromium
// prints is handed on the moment it exists, made with the charts as the page shows them: the HTML's phone
// drawings, hidden in print, are drawn while Chromium prints (the PDF is the same, byte for byte, as the HTML
// file's would give; tests/driver/render.test.ts), then put in their slots, and the workbook is built. Each stage's
// start and time are reported, and a stage that throws becomes a rendering failure that names the briefing and
// the stage. Stage modules load when their stage first runs (build.ts imports runStage from here and must stay
// light).
import type { Diagnostic, StageResult } from '../diagnostics/diagnostic.js';
import { CliError, EXIT } from '../diagnostics/errors.js';
import { briefingDate } from '../model/dates.js';
import { inputHash } from '../model/hashing.js';
import type { DocumentFonts } from '../theme/fonts.js';
import type { Templates } from '../theme/templates.js';
import type { RenderRequest, StageReport } from './effects.js';

export interface RenderSetup {
  templates: Templates;
  fonts: DocumentFonts;
  report: StageReport;
}

export interface RenderedRest {
  /** The HTML file: the printed page's HTML with the charts' phone drawings. */
  html: string;
  workbook?: Uint8Array;
  /** What the stages found, each stage's in turn (what Vega-Lite said about the charts as drawn). */
  diagnostics: Diagnostic[];
}

/** Renders the page Chromium prints (passed to `onPage` at once), then the HTML file and, when asked, the workbook. */
export async function renderDocuments(request: RenderRequest, setup: RenderSetup, onPage: (html: string) => void): Promise<RenderedRest> {
  const { briefing, pageSize, toolVersion } = request;
  const stage = <T>(name: string, run: () => Promise<T> | T) => runStage(briefing.id, name, setup.report, run);
  const diagnostics: Diagnostic[] = [];
  const logged = <T>({ value, diagnostics: found }: StageResult<T>) => (diagnostics.push(...found), value);
  const { drawCharts } = await import('../stages/charts/index.js');
  const pageCharts = logged(await stage('charts', () => drawCharts(briefing)));
  const { renderHtml } = await import('../stages/html/index.js');
  const page = logged(await stage('html', () => renderHtml({ briefing, charts: pageCharts, templates: setup.templates, fonts: setup.fonts, pageSize, toolVersion })));
  onPage(page);
  const { addPhoneCharts } = await import('../stages/phone-charts/index.js');
  const { charts, html } = logged(await stage('phone-charts', () => addPhoneCharts({ briefing, charts: pageCharts, html: page })));
  if (!request.workbook) return { html, diagnostics };
  const { buildWorkbook } = await import('../stages/workbook/index.js');
  const build = { toolVersion, inputHash: inputHash(briefing.briefing.inputs), packageDate: request.sourceDate ?? briefingDate(briefing.meta.date) };
  const workbook = logged(await stage('workbook', () => buildWorkbook({ briefing, charts, build, pageSize })));
  return { html, workbook, diagnostics };
}

/** Runs one stage of one briefing: reports its start and time; anything it throws that is not a CliError becomes one. */
export async function runStage<T>(briefingId: string, name: string, report: StageReport, run: () => Promise<T> | T): Promise<T> {
  report.start(briefingId, name);
  const started = performance.now();
  try {
    const result = await run();
    report.stage(briefingId, name, performance.now() - started);
    return result;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${briefingId}: the ${name} stage failed: ${(error as Error).message}`, EXIT.renderFailure);
  }
}
