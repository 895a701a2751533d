// The driver. Each briefing goes through the stages in this order:
//
//   cache → load → validate → resolve → charts → html → pdf ‖ phone-charts → workbook → manifest
//   (skip?)  (read)   (check)    (derive)  (SVG)    (page)  (print)  (phone SVG)   (xlsx)   (hashes)
//
// 1. cache: when an earlier build left a manifest, each briefing's files are held against it without parsing one
//    (cache.ts: unchanged); a briefing whose files, key and outputs all match is skipped, untouched.
// 2. For the briefings left, the worker threads start and, when PDFs are wanted, the browser launches (at once
//    when all are forced or were never built).
// 3. load: the worker threads load each briefing, reading its files through this thread's reader, each file once
//    (remote-reader.ts): what is validated and rendered is exactly what was hashed for its key, and this thread
//    parses nothing.
// 4. validate → resolve every briefing left, in the same job, before the first byte is written; any error stops
//    the build with nothing written.
// 5. charts → html → pdf ‖ phone-charts → workbook → manifest for each briefing, `concurrency` at a time. Every
//    stage returns its value and its diagnostics (docs/design.md, "The stage contract"); the diagnostics go into
//    the briefing's one log, judged once after the last stage (under --strict a warning is an error). Then each
//    file is written atomically and the manifest last, so a failed build leaves the previous good outputs in place;
//    under --strict nothing is written until every briefing has passed.
// Validate, resolve, charts, html, phone-charts and workbook run on worker threads (`stages`), which keeps this
// thread free to drive Chromium; their modules load only there, so an up-to-date build loads neither Vega, ExcelJS
// nor Puppeteer. File access, the browser, the worker threads, the clock and logging come in through `effects`.
import { join } from 'node:path';
import { hasErrors, judged, unreported, type Diagnostic } from '../diagnostics/diagnostic.js';
import { CliError, EXIT } from '../diagnostics/errors.js';
import { briefingId } from '../model/briefing.js';
import { inputHash } from '../model/hashing.js';
import { MANIFEST_FILE, type Manifest, type OutputFile } from '../model/manifest.js';
import type { Format, PageSize } from '../model/output.js';
import type { ResolvedBriefing } from '../model/resolved.js';
import { buildManifest } from '../stages/manifest/index.js';
import { cacheKey, readingOnce, unchanged, type CacheContext } from './cache.js';
import type { CheckedBriefing } from '../model/checked.js';
import type { BrowserlessStages, BuildEffects, OutputFolder, Progress } from './effects.js';
import { PagePool } from './page-pool.js';
import { collectGarbageOverBudget } from './memory.js';
import { runStage } from './render.js';
import { inShard, type Shard } from './shard.js';

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

export interface BuildResult {
  /** Each briefing checked, with its diagnostics; none when all were up to date. */
  briefings: CheckedBriefing[];
  /** Ids of the briefings skipped because their outputs are up to date. */
  upToDate: string[];
  written: string[];
}

export async function build(dirs: readonly string[], options: BuildOptions, effects: BuildEffects): Promise<BuildResult> {
  const inShare = options.shard ? dirs.filter((dir) => inShard(briefingId(dir), options.shard!)) : dirs;
  if (options.shard) effects.progress.info(`shard ${options.shard.index}/${options.shard.count}: ${inShare.length} of ${dirs.length} briefings`);
  const context = cacheContext(options, effects);
  // Its failure surfaces where it is awaited; a build that stops first (an invalid briefing) never awaits it.
  context.catch(() => undefined);
  let rendering: Rendering | undefined;
  try {
    const checkOptions = { strict: options.strict ?? false };
    let upToDate: string[] = [];
    let stale = inShare;
    let reader = effects.reader;
    // When every briefing is forced or was never built, none can be up to date: the worker threads and the browser
    // start at once. Otherwise each briefing's manifest is held against its files first (step 2).
    if (!options.force && !(await noneBuilt(inShare, options.outDir, effects.outputs))) {
      const found = await findStale(inShare, await context, options, effects);
      upToDate = found.upToDate;
      effects.progress.skipped(upToDate);
      if (found.stale.length === 0) return { briefings: [], upToDate, written: [] };
      ({ stale, reader } = found);
    }
    rendering = startRendering(stale.length, options, effects);
    // The worker threads load each briefing themselves, reading through `reader` (driver/remote-reader.ts).
    const checking = rendering.stages.check(stale, checkOptions, reader);
    // Rendering does not wait for the cache keys, which wait on the browser's stamp (a process of its own, ~60 ms)
    // and go only into the manifests.
    const keys = Promise.all([context, checking]).then(([known, checked]) => new Map(checked.map((briefing) => [briefing.id, keyOf(briefing, known)])));
    const checked = await checking;
    if (checked.some((briefing) => hasErrors(briefing.diagnostics))) return { briefings: checked, upToDate, written: [] };

    // The pdf stage's module (pdf-lib with it) loads while the first HTML is made: before the check, this thread
    // had the briefings to load and hash, which the worker threads wait for. A failure to load surfaces in the
    // first briefing's pdf stage.
    const pdfStage = rendering.pool && import('../stages/pdf/index.js');
    pdfStage?.catch(() => undefined);
    const written: string[] = [];
    const render: RenderContext = { ...rendering, pdfStage, options, effects, context };
    // Under --strict a warning from any stage stops the build: every briefing is rendered and judged before the
    // first file is written. Otherwise a briefing's files are written as soon as it is judged.
    const held: RenderedBriefing[] = [];
    await eachConcurrently(checked, options.concurrency, effects.progress, async (briefing) => {
      const rendered = await renderBriefing(briefing, keys.then((known) => known.get(briefing.id)!), render);
      if (rendered && options.strict) held.push(rendered);
      else if (rendered) written.push(...(await writeBriefing(rendered, effects)));
    });
    if (!checked.some((briefing) => hasErrors(briefing.diagnostics))) {
      for (const rendered of held) written.push(...(await writeBriefing(rendered, effects)));
    }
    return { briefings: checked, upToDate, written };
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

const keyOf = (briefing: CheckedBriefing, context: CacheContext) => cacheKey(inputHash(briefing.resolved?.briefing.inputs ?? []), context);

/**
 * Splits the briefings into stale and up to date (cache.ts: unchanged), without parsing a file: the manifest names
 * every file the last build read. The reader it gives serves the files it read once more, to the check.
 */
async function findStale(dirs: readonly string[], context: CacheContext, options: BuildOptions, effects: BuildEffects) {
  const read = new Map<string, Uint8Array>();
  const stale: string[] = [];
  const upToDate: string[] = [];
  for (const dir of dirs) {
    const id = briefingId(dir);
    if (await unchanged(dir, join(options.outDir, id), context, { reader: effects.reader, outputs: effects.outputs, read })) upToDate.push(id);
    else stale.push(dir);
  }
  return { stale, upToDate, reader: readingOnce(effects.reader, read) };
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
 * Runs `run` over `items`, at most `limit` at once. One item's failure does not stop the others: each failure is
 * reported as it happens, and once all have run they are thrown together, as one rendering failure naming each
 * briefing with its cause (or, when one is a bug, as that bug).
 */
async function eachConcurrently<T extends { id: string }>(items: readonly T[], limit: number, progress: Progress, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: { id: string; error: unknown }[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await run(item).catch((error: unknown) => {
        failures.push({ id: item.id, error });
        if (error instanceof CliError) progress.failed(item.id, causeOf(item.id, error));
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  if (failures.length === 0) return;
  const bug = failures.find(({ error }) => !(error instanceof CliError));
  if (bug) throw bug.error;
  const lines = failures.map(({ id, error }) => `${id}: ${causeOf(id, error as CliError)}`);
  if (items.length === 1) throw new CliError(lines[0]!, EXIT.renderFailure);
  const built = items.length - failures.length;
  const heading = built === 0
    ? `all ${items.length} briefings failed`
    : `${failures.length} of ${items.length} briefings failed (${built === 1 ? 'the other was' : `the other ${built} were`} built)`;
  throw new CliError(`${heading}:\n${lines.map((line) => `  ${line}`).join('\n')}`, EXIT.renderFailure);
}

/** A failure's message without the briefing's id in front, where the stage that failed put it. */
function causeOf(id: string, error: CliError): string {
  return error.message.startsWith(`${id}: `) ? error.message.slice(id.length + 2) : error.message;
}

interface RenderContext extends Rendering {
  pdfStage: Promise<typeof import('../stages/pdf/index.js')> | undefined;
  options: BuildOptions;
  effects: BuildEffects;
  /** Needed only for the manifest: rendering starts without it. */
  context: Promise<CacheContext>;
}

/** A briefing rendered and judged, its files not yet written. */
interface RenderedBriefing {
  id: string;
  folder: string;
  outputs: OutputFile[];
  manifest: Manifest;
}

/**
 * charts → html → pdf ‖ workbook → manifest, each stage's diagnostics added to the briefing's one log (a problem
 * validation said already is not said again), and the log judged once, after the last stage (under --strict a
 * warning is an error): undefined when the briefing may not be written.
 */
async function renderBriefing(checked: CheckedBriefing, cacheKeyOf: Promise<string>, { options, effects, stages, pool, pdfStage, context: cacheContextOf }: RenderContext): Promise<RenderedBriefing | undefined> {
  const briefing: ResolvedBriefing = checked.resolved!;
  const log = (found: readonly Diagnostic[]) => checked.diagnostics.push(...unreported(found, checked.diagnostics));
  const documents = stages.render({
    briefing, pageSize: options.pageSize, workbook: options.formats.has('xlsx'), toolVersion: effects.toolVersion, ...(options.sourceDate ? { sourceDate: options.sourceDate } : {}),
  });
  const pdf = pool && pdfStage && documents.page.then((html) => runStage(briefing.id, 'pdf', effects.progress, async () => {
    const { renderPdf } = await pdfStage;
    // The pool lends its page for the print alone, so the last briefing's browser is killed while its PDF is tagged:
    // Chromium goes on working after a print, and a cold build spends ~0.1 CPU-s less, ~30 ms sooner done.
    return renderPdf({ briefing, html, printer: pool, pageSize: options.pageSize, creator: `briefpress ${effects.toolVersion}` });
  }));
  const [html, printed, xlsx, found, key, context] = await Promise.all([documents.html, pdf, documents.workbook, documents.diagnostics, cacheKeyOf, cacheContextOf]);
  log(found);
  if (printed) log(printed.diagnostics);

  const outputs: OutputFile[] = [];
  if (printed) outputs.push({ file: `${briefing.id}.pdf`, mediaType: 'application/pdf', data: printed.value.pdf });
  if (options.formats.has('html')) outputs.push({ file: `${briefing.id}.html`, mediaType: 'text/html', data: new TextEncoder().encode(html) });
  if (xlsx) outputs.push({ file: `${briefing.id}.xlsx`, mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: xlsx });

  const manifest = buildManifest({
    briefing,
    warnings: checked.diagnostics,
    cacheKey: key,
    outputs,
    toolVersion: effects.toolVersion,
    versions: context.browser ? { ...context.versions, browser: context.browser } : context.versions,
    options: context.options,
    builtAt: effects.now(),
  });
  log(manifest.diagnostics);
  checked.diagnostics = judged(checked.diagnostics, options);
  if (hasErrors(checked.diagnostics)) return undefined;
  return { id: briefing.id, folder: join(options.outDir, briefing.id), outputs, manifest: manifest.value };
}

/** The outputs, then the manifest; returns the paths written. */
async function writeBriefing({ id, folder, outputs, manifest }: RenderedBriefing, effects: BuildEffects): Promise<string[]> {
  // The outputs at once (each waits on its own flush), every one of them settled before the manifest is written.
  const written = await Promise.allSettled(outputs.map((output) => effects.outputs.write(join(folder, output.file), output.data)));
  const failed = written.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  await effects.outputs.write(join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const files = [...outputs.map((output) => output.file), MANIFEST_FILE];
  effects.progress.done(id, { files, folder });
  collectGarbageOverBudget();
  return files.map((file) => join(folder, file));
}
