// The main thread's side of render-worker.ts: `size` worker threads running the browserless stages. A check splits
// the folders across the threads and joins the results in folder order; a render goes to the least busy thread.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { BrowserlessStages, RenderedDocuments } from './build.js';
import { CliError } from '../diagnostics/errors.js';
import type { RenderRequest, StageReport } from './render.js';
import type { CheckResult } from './check.js';

type WorkerTask = { kind: 'check'; dirs: readonly string[] } | { kind: 'render'; render: RenderRequest };
export type WorkerRequest = WorkerTask & { id: number };

export type WorkerReply =
  | { kind: 'start'; briefing: string; stage: string }
  | { kind: 'stage'; briefing: string; stage: string; ms: number }
  | { kind: 'html'; id: number; html: string }
  | { kind: 'done'; id: number; value: unknown }
  | { kind: 'failed'; id: number; message: string; exitCode?: number; stack?: string };

interface Job {
  onHtml?(html: string): void;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  jobs: Map<number, Job>;
}

/**
 * A worker needs ~60 MB, but without limits V8 sizes its heap by the machine's memory and, over a long build,
 * lets garbage pile up to ~160 MB. These limits make it collect sooner: over 100 briefings the process's peak
 * RSS drops from ~350 MB to ~265 MB, for ~5 % more CPU. A short build gains nothing from them and loses ~50 ms.
 */
const LONG_BUILD_HEAP_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 1024 };
const LONG_BUILD = 10;

/**
 * A thread running render-worker.js; or, from source (tests run the CLI through tsx), render-worker.ts, after
 * registering tsx's loader in the thread: Node 20 workers do not inherit it.
 */
function startWorker(resourceLimits: ResourceLimits): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./render-worker.js', import.meta.url), { resourceLimits });
  const entry = new URL('./render-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry)}))`, { eval: true, resourceLimits });
}

export class StageWorkers implements BrowserlessStages {
  readonly #threads: Thread[];
  readonly #report: StageReport;
  #nextId = 0;

  /** Starts the threads at once: each takes ~0.2 s to load its modules, best done while the browser launches. */
  constructor(size: number, briefings: number, report: StageReport) {
    this.#report = report;
    const limits = briefings > LONG_BUILD ? LONG_BUILD_HEAP_LIMITS : {};
    this.#threads = Array.from({ length: Math.max(1, size) }, () => this.#start(limits));
  }

  async check(dirs: readonly string[]): Promise<CheckResult> {
    const shares = Math.min(this.#threads.length, dirs.length);
    const perShare = Math.ceil(dirs.length / shares);
    const results = await Promise.all(
      Array.from({ length: shares }, (_, i) => this.#send(this.#threads[i]!, { kind: 'check', dirs: dirs.slice(i * perShare, (i + 1) * perShare) }) as Promise<CheckResult>),
    );
    return {
      briefings: results.flatMap((r) => r.briefings),
      diagnostics: results.flatMap((r) => r.diagnostics),
      texts: new Map(results.flatMap((r) => [...r.texts])),
    };
  }

  render(request: RenderRequest): RenderedDocuments {
    let onHtml!: (html: string) => void;
    const html = new Promise<string>((resolve) => (onHtml = resolve));
    const workbook = this.#send(this.#leastBusy(), { kind: 'render', render: request }, onHtml) as Promise<Uint8Array | undefined>;
    // A render that fails before its HTML exists fails both.
    return { html: Promise.race([html, workbook.then(() => html)]), workbook };
  }

  async close(): Promise<void> {
    await Promise.all(this.#threads.splice(0).map((thread) => thread.worker.terminate()));
  }

  #send(thread: Thread, task: WorkerTask, onHtml?: (html: string) => void): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      thread.jobs.set(id, { onHtml, resolve, reject });
      thread.worker.postMessage({ ...task, id });
    });
  }

  #leastBusy(): Thread {
    return this.#threads.reduce((best, thread) => (thread.jobs.size < best.jobs.size ? thread : best));
  }

  #start(limits: ResourceLimits): Thread {
    const thread: Thread = { worker: startWorker(limits), jobs: new Map() };
    const failAll = (error: Error) => {
      for (const job of thread.jobs.values()) job.reject(error);
      thread.jobs.clear();
    };
    thread.worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'start') return this.#report.start(reply.briefing, reply.stage);
      if (reply.kind === 'stage') return this.#report.stage(reply.briefing, reply.stage, reply.ms);
      const job = thread.jobs.get(reply.id);
      if (!job) return;
      if (reply.kind === 'html') return job.onHtml?.(reply.html);
      thread.jobs.delete(reply.id);
      if (reply.kind === 'done') return job.resolve(reply.value);
      job.reject(reply.exitCode === undefined ? Object.assign(new Error(reply.message), { stack: reply.stack }) : new CliError(reply.message, reply.exitCode));
    });
    thread.worker.on('error', failAll);
    thread.worker.on('exit', (code) => failAll(new Error(`a render worker stopped (exit code ${code}) with work unfinished`)));
    return thread;
  }
}
