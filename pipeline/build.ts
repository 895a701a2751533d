// The driver. Each briefing goes through the stages in this order:
//
//   load → validate → charts → html → pdf → workbook → manifest
//   (read)  (check)   (SVG/PNG)  (page)  (print) (xlsx)    (hashes)
//
// Every briefing is loaded and validated before the first byte is written; any error stops the build with
// nothing written. Outputs are rendered in memory and written last, each atomically, so a failed build
// leaves the previous good outputs in place. File access, the browser, the clock and logging come in
// through `effects`, so tests can build without touching the disk.
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { hasErrors } from './diagnostics.js';
import type { Briefing } from './briefing.js';
import { CliError, EXIT } from './errors.js';
import type { BriefingReader } from './load.js';
import type { OutputWriter } from './effects.js';
import type { PageSize } from './html.js';
import type { Templates } from './templates.js';
import { checkBriefings, type CheckResult } from './validate.js';
import { renderCharts } from './charts.js';
import { guessPageNumbers, renderHtml } from './html.js';
import { renderPdf } from './pdf.js';
import { buildWorkbook } from './workbook.js';
import { buildManifest, inputHash, type OutputFile } from './manifest.js';
import { briefingDate } from './dates.js';
import { digestBriefing } from './digest.js';
import type { Progress } from './progress.js';

export type Format = 'pdf' | 'html' | 'xlsx';
export const FORMATS: readonly Format[] = ['pdf', 'html', 'xlsx'];

export interface BuildOptions {
  outDir: string;
  formats: ReadonlySet<Format>;
  pageSize: PageSize;
  strict?: boolean;
}

export interface BuildEffects {
  reader: BriefingReader;
  writer: OutputWriter;
  progress: Progress;
  now(): Date;
  templates(): Promise<Templates>;
  fontCss(): Promise<string>;
  launchBrowser(): Promise<Browser>;
  toolVersion: string;
  versions(): Record<string, string>;
}

export interface BuildResult extends CheckResult {
  written: string[];
}

export async function build(dirs: readonly string[], options: BuildOptions, effects: BuildEffects): Promise<BuildResult> {
  const checked = await checkBriefings(dirs, effects.reader, { strict: options.strict });
  if (hasErrors(checked.diagnostics)) return { ...checked, written: [] };

  // Chromium starts while the browserless stages run.
  const browser = options.formats.has('pdf') ? effects.launchBrowser() : undefined;
  browser?.catch(() => undefined);
  const [templates, fontCss] = await Promise.all([effects.templates(), effects.fontCss()]);
  const rendered: { briefing: Briefing; outputs: OutputFile[] }[] = [];
  try {
    for (const briefing of checked.briefings) {
      rendered.push({ briefing, outputs: await renderBriefing(briefing, { options, effects, templates, fontCss, browser }) });
    }
  } finally {
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  const written: string[] = [];
  for (const { briefing, outputs } of rendered) {
    const folder = join(options.outDir, briefing.id);
    const manifest = buildManifest({
      briefingId: briefing.id,
      inputs: briefing.inputs,
      outputs,
      toolVersion: effects.toolVersion,
      versions: effects.versions(),
      options: { formats: [...options.formats].sort(), pageSize: options.pageSize },
      builtAt: effects.now(),
      content: digestBriefing(briefing, checked.diagnostics),
    });
    const files = [...outputs, { file: 'manifest.json', mediaType: 'application/json', data: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) }];
    for (const output of files) {
      const path = join(folder, output.file);
      await effects.writer.writeFile(path, output.data);
      written.push(path);
    }
    effects.progress.done(briefing.id, files.map((f) => f.file), folder);
  }
  return { ...checked, written };
}

interface RenderContext {
  options: BuildOptions;
  effects: BuildEffects;
  templates: Templates;
  fontCss: string;
  browser: Promise<Browser> | undefined;
}

async function renderBriefing(briefing: Briefing, { options, effects, templates, fontCss, browser }: RenderContext): Promise<OutputFile[]> {
  const stage = async <T>(name: string, run: () => Promise<T> | T): Promise<T> => {
    effects.progress.start(briefing.id, name);
    const started = performance.now();
    try {
      const result = await run();
      effects.progress.stage(briefing.id, name, performance.now() - started);
      return result;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`${briefing.id}: the ${name} stage failed: ${(error as Error).message}`, EXIT.renderFailure);
    }
  };
  const { meta } = briefing;
  const date = briefingDate(meta.date);
  const charts = await stage('charts', () => renderCharts(briefing));
  const htmlInput = { briefing, charts, templates, fontCss, pageSize: options.pageSize, toolVersion: effects.toolVersion };
  const html = await stage('html', () => renderHtml(htmlInput));
  const outputs: OutputFile[] = [];
  if (options.formats.has('pdf')) {
    const { pdf } = await stage('pdf', async () => renderPdf({
      html: (pageNumbers) => renderHtml({ ...htmlInput, pageNumbers }),
      pageGuess: guessPageNumbers(briefing),
      browser: await browser!,
      pageSize: options.pageSize,
      info: {
        title: `${meta.title}: ${meta.subtitle}`,
        author: meta.author ?? 'briefpress',
        subject: meta.summary,
        keywords: meta.keywords,
        creator: `briefpress ${effects.toolVersion}`,
        date,
      },
    }));
    outputs.push({ file: `${briefing.id}.pdf`, mediaType: 'application/pdf', data: pdf });
  }
  if (options.formats.has('html')) outputs.push({ file: `${briefing.id}.html`, mediaType: 'text/html', data: new TextEncoder().encode(html) });
  if (options.formats.has('xlsx')) {
    const xlsx = await stage('workbook', () => buildWorkbook({ briefing, charts, build: { toolVersion: effects.toolVersion, inputHash: inputHash(briefing.inputs), builtAt: date } }));
    outputs.push({ file: `${briefing.id}.xlsx`, mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: xlsx });
  }
  return outputs;
}
