// The driver. Each briefing goes through the stages in this order:
//
//   load → cache → validate → charts → html → pdf ‖ workbook → manifest
//   (read)  (skip?)  (check)   (SVG/PNG) (page)  (print) (xlsx)   (hashes, written last)
//
// 1. Load every briefing of this shard: read, parse, hash its files.
// 2. Cache: a briefing whose key matches its manifest and whose outputs are intact is skipped, untouched.
// 3. For the briefings left, the worker threads start and, when PDFs are wanted, the browser launches while the
//    rest of the work runs. (When all are forced or were never built, none can be up to date: then this step and
//    the validation start before step 1.)
// 4. Validate every briefing left before the first byte is written; any error stops the build, nothing written.
// 5. Render and write each briefing, `concurrency` at a time; each file atomically and the manifest last, so a
//    failed build leaves the previous good outputs in place.
// Validate, charts, html and workbook run on worker threads (`stages`), which keeps this thread free to drive
// Chromium; modules load only when their stage runs, so an up-to-date build loads neither Vega, ExcelJS nor
// Puppeteer. File access, the browser, the worker threads, the clock and logging come in through `effects`.
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { hasErrors, strictly, type Diagnostic } from './diagnostics.js';
import type { Briefing } from './briefing.js';
import { CliError, EXIT } from './errors.js';
import type { OutputFolder } from './effects.js';
import type { PageSize } from './html.js';
import { briefingId, loadBriefing, type BriefingReader, type InputFile } from './load.js';
import { cacheKey, isUpToDate, type CacheContext } from './cache.js';
import { inShard, type Shard } from './shard.js';
import { PagePool } from './page-pool.js';
import { runStage, type RenderRequest } from './render.js';
import type { CheckResult } from './validate.js';
import type { Progress } from './progress.js';
import { digestBriefing } from './digest.js';
import { guessPageNumbers } from './toc.js';
import { buildManifest, inputHash, MANIFEST_FILE, type OutputFile } from './manifest.js';
import { briefingDate } from './dates.js';

export type Format = 'pdf' | 'html' | 'xlsx';
export const FORMATS: readonly Format[] = ['pdf', 'html', 'xlsx'];

export interface BuildOptions {
  outDir: string;
  formats: ReadonlySet<Format>;
  pageSize: PageSize;
  /** Rebuild briefings the cache holds as up to date. */
  force: boolean;
  /** Warnings count as errors. */
  strict?: boolean;
  /** Briefings rendered at once, and so pages printing at once. */
  concurrency: number;
  /** Briefings one browser prints before it is closed and a fresh one launched. */
  recycleAfter: number;
  /** Build only this share of the briefings. */
  shard?: Shard;
  /** SOURCE_DATE_EPOCH, when set: the date the workbook package carries instead of the briefing's. */
  sourceDate?: Date;
}

export interface BuildEffects {
  reader: BriefingReader;
  outputs: OutputFolder;
  progress: Progress;
  now(): Date;
  /** Starts `threads` workers for the browserless stages of `briefings` briefings (worker-pool.ts). */
  startStages(threads: number, briefings: number): BrowserlessStages;
  /** Hashes of the templates, fonts and code that shape every output. */
  fingerprint(): Promise<Record<string, string>>;
  /** Which browser would print the PDF, found without launching it. */
  browserStamp(): Promise<string>;
  launchBrowser(): Promise<Browser>;
  toolVersion: string;
  versions(): Record<string, string>;
}

/** validate, and charts → html → workbook, off the main thread. */
export interface BrowserlessStages {
  /** load → validate each folder, as checkBriefings does. */
  check(dirs: readonly string[]): Promise<CheckResult>;
  render(request: RenderRequest): RenderedDocuments;
  close(): Promise<void>;
}

export interface RenderedDocuments {
  /** Resolves as soon as the HTML exists, before the workbook is built. */
  html: Promise<string>;
  workbook: Promise<Uint8Array | undefined>;
}

export interface BuildResult extends CheckResult {
  /** Ids of the briefings skipped because their outputs are up to date. */
  upToDate: string[];
  written: string[];
}

export async function build(dirs: readonly string[], options: BuildOptions, effects: BuildEffects): Promise<BuildResult> {
  const inShare = options.shard ? dirs.filter((dir) => inShard(briefingId(dir), options.shard!)) : dirs;
  if (options.shard) effects.progress.info(`shard ${options.shard.index}/${options.shard.count}: ${inShare.length} of ${dirs.length} briefings`);
  const context = cacheContext(options, effects);
  let rendering: Rendering | undefined;
  try {
    // When every briefing is forced or was never built, none can be up to date: rendering and validation start
    // at once, while this thread loads and hashes, instead of after (step 3).
    let checking: Promise<CheckResult> | undefined;
    if (options.force || (await noneBuilt(inShare, options.outDir, effects.outputs))) {
      rendering = startRendering(inShare.length, options, effects);
      checking = rendering.stages.check(inShare);
      checking.catch(() => undefined);
    }
    const briefings = await loadInputs(inShare, effects.reader);
    const { stale, upToDate, keys } = await findStale(briefings, await context, options, effects.outputs);
    if (upToDate.length > 0) effects.progress.info(`up to date, not rebuilt (--force rebuilds): ${upToDate.join(', ')}`);
    if (stale.length === 0) return { briefings: [], diagnostics: [], texts: new Map(), upToDate, written: [] };
    rendering ??= startRendering(stale.length, options, effects);

    const found = await (checking ?? rendering.stages.check(stale.map((briefing) => briefing.dir)));
    const checked = options.strict ? { ...found, diagnostics: strictly(found.diagnostics) } : found;
    if (hasErrors(checked.diagnostics)) return { ...checked, upToDate, written: [] };

    const written: string[] = [];
    const render: RenderContext = { ...rendering, options, effects, context: await context, diagnostics: checked.diagnostics };
    await eachConcurrently(checked.briefings, options.concurrency, async (briefing) => {
      written.push(...(await buildBriefing(briefing, keys.get(briefing.id)!, render)));
    });
    return { ...checked, upToDate, written };
  } finally {
    await Promise.all([rendering?.pool?.close(), rendering?.stages.close()]);
  }
}

interface Rendering {
  stages: BrowserlessStages;
  pool: PagePool | undefined;
}

/** The worker threads and, when PDFs are wanted, the page pool with its browser launching. */
function startRendering(jobs: number, options: BuildOptions, effects: BuildEffects): Rendering {
  const pool = options.formats.has('pdf')
    ? new PagePool({ launch: effects.launchBrowser, size: options.concurrency, recycleAfter: options.recycleAfter, jobs })
    : undefined;
  pool?.start();
  // One thread fewer than the concurrency: this thread and Chromium need a core between them.
  return { stages: effects.startStages(Math.min(jobs, Math.max(1, options.concurrency - 1)), jobs), pool };
}

async function noneBuilt(dirs: readonly string[], outDir: string, outputs: OutputFolder): Promise<boolean> {
  for (const dir of dirs) if (await outputs.read(join(outDir, briefingId(dir), MANIFEST_FILE))) return false;
  return true;
}

/** Splits the briefings into stale and up to date by their cache keys (cache.ts); one that failed to load is stale. */
async function findStale(briefings: readonly BriefingInputs[], context: CacheContext, options: BuildOptions, outputs: OutputFolder) {
  const keys = new Map<string, string>();
  const stale: BriefingInputs[] = [];
  const upToDate: string[] = [];
  for (const briefing of briefings) {
    const key = cacheKey(inputHash(briefing.inputs), context);
    keys.set(briefing.id, key);
    const fresh = !options.force && !briefing.loadFailed && (await isUpToDate(join(options.outDir, briefing.id), key, outputs));
    if (fresh) upToDate.push(briefing.id);
    else stale.push(briefing);
  }
  return { stale, upToDate, keys };
}

/** What the cache needs of a briefing: its folder, id and input files, and whether it loaded cleanly. */
interface BriefingInputs {
  dir: string;
  id: string;
  inputs: InputFile[];
  loadFailed: boolean;
}

async function loadInputs(dirs: readonly string[], reader: BriefingReader): Promise<BriefingInputs[]> {
  const found: BriefingInputs[] = [];
  for (const dir of dirs) {
    const { loaded, diagnostics } = await loadBriefing(dir, reader);
    found.push({ dir, id: loaded.id, inputs: loaded.inputs, loadFailed: hasErrors(diagnostics) });
  }
  return found;
}

/** Everything besides a briefing's own files that goes into its cache key. */
async function cacheContext(options: BuildOptions, effects: BuildEffects): Promise<CacheContext> {
  const pdf = options.formats.has('pdf');
  const [fingerprint, browser] = await Promise.all([
    effects.fingerprint(),
    // No browser found: the key can match no manifest, and the launch reports the problem after validation.
    pdf ? effects.browserStamp().catch((error: unknown) => (error instanceof CliError ? 'no browser found' : Promise.reject(error))) : undefined,
  ]);
  return {
    tool: effects.toolVersion,
    fingerprint,
    versions: effects.versions(),
    ...(browser ? { browser } : {}),
    options: { formats: [...options.formats].sort(), pageSize: options.pageSize, ...(options.sourceDate ? { sourceDate: options.sourceDate.toISOString() } : {}) },
  };
}

/**
 * Runs `run` over `items`, at most `limit` at once. One item's failure does not stop the others: they all run,
 * then the failures are thrown together, as one rendering failure naming each briefing (or, when one is a bug,
 * as that bug).
 */
async function eachConcurrently<T extends { id: string }>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: { id: string; error: unknown }[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await run(item).catch((error: unknown) => void failures.push({ id: item.id, error }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  if (failures.length === 0) return;
  const bug = failures.find(({ error }) => !(error instanceof CliError));
  if (bug) throw bug.error;
  if (failures.length === 1) throw failures[0]!.error;
  const lines = failures.map(({ error }) => `  ${(error as CliError).message}`).join('\n');
  throw new CliError(`${failures.length} of ${items.length} briefings failed; the others were built:\n${lines}`, EXIT.renderFailure);
}

interface RenderContext extends Rendering {
  options: BuildOptions;
  effects: BuildEffects;
  context: CacheContext;
  /** Every briefing's warnings, for the manifest's content digest. */
  diagnostics: readonly Diagnostic[];
}

/** charts → html → pdf ‖ workbook, then the outputs and the manifest written; returns the paths written. */
async function buildBriefing(briefing: Briefing, key: string, { options, effects, stages, pool, context, diagnostics }: RenderContext): Promise<string[]> {
  const { meta } = briefing;
  const documents = stages.render({
    briefing, pageSize: options.pageSize, workbook: options.formats.has('xlsx'), toolVersion: effects.toolVersion, ...(options.sourceDate ? { sourceDate: options.sourceDate } : {}),
  });
  const pdf = pool && documents.html.then((html) => runStage(briefing.id, 'pdf', effects.progress, async () => {
    const { renderPdf } = await import('./pdf.js');
    const printed = await pool.print((pages) => renderPdf({
      html,
      pageGuess: guessPageNumbers(briefing),
      browser: pages,
      pageSize: options.pageSize,
      info: {
        title: `${meta.title}: ${meta.subtitle}`,
        author: meta.author ?? 'briefpress',
        subject: meta.summary,
        keywords: meta.keywords,
        creator: `briefpress ${effects.toolVersion}`,
        date: briefingDate(meta.date),
      },
    }));
    return printed.pdf;
  }));
  const [html, pdfBytes, xlsx] = await Promise.all([documents.html, pdf, documents.workbook]);

  const outputs: OutputFile[] = [];
  if (pdfBytes) outputs.push({ file: `${briefing.id}.pdf`, mediaType: 'application/pdf', data: pdfBytes });
  if (options.formats.has('html')) outputs.push({ file: `${briefing.id}.html`, mediaType: 'text/html', data: new TextEncoder().encode(html) });
  if (xlsx) outputs.push({ file: `${briefing.id}.xlsx`, mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: xlsx });

  const manifest = buildManifest({
    briefingId: briefing.id,
    cacheKey: key,
    inputs: briefing.inputs,
    outputs,
    toolVersion: effects.toolVersion,
    versions: context.browser ? { ...context.versions, browser: context.browser } : context.versions,
    options: context.options,
    builtAt: effects.now(),
    content: digestBriefing(briefing, diagnostics),
  });
  const folder = join(options.outDir, briefing.id);
  const files = [...outputs, { file: MANIFEST_FILE, data: `${JSON.stringify(manifest, null, 2)}\n` }];
  for (const output of files) await effects.outputs.write(join(folder, output.file), output.data);
  effects.progress.done(briefing.id, files.map((f) => f.file), folder);
  return files.map((f) => join(folder, f.file));
}
