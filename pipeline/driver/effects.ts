// What the build reaches the world through: files, the browser, worker threads, the clock and progress. The
// CLI passes the real ones (file-effects.ts, browser.ts, worker-pool.ts); tests pass fakes.
import type { Browser } from 'puppeteer';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { BriefingReader } from '../model/loaded.js';
import type { PageSize } from '../model/output.js';
import type { ResolvedBriefing } from '../model/resolved.js';
import type { CheckedBriefing, CheckOptions } from '../model/checked.js';

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

export interface OutputFolder {
  /** The file's bytes, or undefined when there is none (the cache compares outputs with their manifest). */
  read(path: string): Promise<Uint8Array | undefined>;
  /** Writes the whole file or nothing: a temp file in the same folder, flushed, then renamed into place. */
  write(path: string, data: Uint8Array | string): Promise<void>;
}

export interface Progress {
  /** A stage of a briefing starts. */
  start(briefing: string, stage: string): void;
  /** A stage of a briefing finished after `ms` milliseconds. */
  stage(briefing: string, stage: string, ms: number): void;
  /** Briefings left untouched because their outputs are up to date. */
  skipped(briefings: readonly string[]): void;
  /** A briefing is complete: its files written to a folder, or its preview served at an address. */
  done(briefing: string, outcome: Outcome): void;
  /** A briefing stopped; `reason` says why ("2 errors, 0 warnings", "the pdf stage failed: …"). */
  failed(briefing: string, reason: string): void;
  /** What the checks found, with the checked files' texts for the excerpts. */
  diagnostics(found: readonly Diagnostic[], texts: ReadonlyMap<string, string>): void;
  /** A line for people, such as the shard's share; `fields` are added to its JSON event. */
  info(text: string, fields?: Record<string, unknown>): void;
}

export type Outcome = { files: readonly string[]; folder: string } | { url: string };

/** Where stage starts and timings go: the build's progress, or a worker's messages to it. */
export type StageReport = Pick<Progress, 'start' | 'stage'>;

/** validate → resolve, and charts → html → workbook, off the main thread. */
export interface BrowserlessStages {
  /** Loads, validates and resolves each briefing, as checkBriefing does, reading its files with `reader`. */
  check(dirs: readonly string[], options: CheckOptions, reader: BriefingReader): Promise<CheckedBriefing[]>;
  render(request: RenderRequest): RenderedDocuments;
  close(): Promise<void>;
}

export interface RenderRequest {
  briefing: ResolvedBriefing;
  pageSize: PageSize;
  /** The workbook is built only when asked for; the HTML always is, since the PDF prints it. */
  workbook: boolean;
  toolVersion: string;
  /** SOURCE_DATE_EPOCH, when set: the workbook package's date. */
  sourceDate?: Date;
}

export interface RenderedDocuments {
  /**
   * What Chromium prints, as soon as it exists: the HTML file without its charts' phone drawings, which print
   * hides; they are drawn meanwhile.
   */
  page: Promise<string>;
  /** The HTML file. */
  html: Promise<string>;
  workbook: Promise<Uint8Array | undefined>;
  /** What the stages found (what Vega-Lite said about the charts as drawn). */
  diagnostics: Promise<Diagnostic[]>;
}
