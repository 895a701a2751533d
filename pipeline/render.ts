// The browserless stages of one validated briefing: charts → html → workbook. The HTML is handed on the moment
// it exists, so that Chromium prints it while the workbook is built. Each stage's start and time are reported, and a stage
// that throws becomes a rendering failure that names the briefing and the stage. Stage modules load when their
// stage first runs (build.ts imports runStage from here and must stay light).
import type { Briefing } from './briefing.js';
import { briefingDate } from './dates.js';
import { CliError, EXIT } from './errors.js';
import type { PageSize } from './html.js';
import { inputHash } from './manifest.js';
import type { Templates } from './templates.js';
import type { Progress } from './progress.js';

export interface RenderRequest {
  briefing: Briefing;
  pageSize: PageSize;
  /** The workbook is built only when asked for; the HTML always is, since the PDF prints it. */
  workbook: boolean;
  toolVersion: string;
  /** SOURCE_DATE_EPOCH, when set: the workbook package's date. */
  sourceDate?: Date;
}

export interface RenderSetup {
  templates: Templates;
  fontCss: string;
  report: StageReport;
}

/** Where stage starts and timings go: the build's progress, or a worker's messages to it. */
export type StageReport = Pick<Progress, 'start' | 'stage'>;

/** Renders the HTML (passed to `onHtml` at once) and, when asked, the workbook, which it returns. */
export async function renderDocuments(request: RenderRequest, setup: RenderSetup, onHtml: (html: string) => void): Promise<Uint8Array | undefined> {
  const { briefing, pageSize, toolVersion } = request;
  const stage = <T>(name: string, run: () => Promise<T> | T) => runStage(briefing.id, name, setup.report, run);
  const { renderCharts } = await import('./charts.js');
  const charts = await stage('charts', () => renderCharts(briefing));
  const { renderHtml } = await import('./html.js');
  onHtml(await stage('html', () => renderHtml({ briefing, charts, templates: setup.templates, fontCss: setup.fontCss, pageSize, toolVersion })));
  if (!request.workbook) return undefined;
  const { buildWorkbook } = await import('./workbook.js');
  const build = { toolVersion, inputHash: inputHash(briefing.inputs), packageDate: request.sourceDate ?? briefingDate(briefing.meta.date) };
  return stage('workbook', () => buildWorkbook({ briefing, charts, build, pageSize }));
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
