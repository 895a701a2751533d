// The main thread's side of render-worker.ts: `size` worker threads running the browserless stages. A check splits
// the briefings across the threads and joins the results in order; a render goes to the least busy thread. A
// thread that dies fails the jobs it had and is replaced at once, so later jobs still run. A thread stopped because
// one job ran out of time fails that job only: the others it had run again on the threads left.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { CliError, EXIT } from '../diagnostics/errors.js';
import type { CheckedBriefing, CheckOptions } from '../model/checked.js';
import type { BrowserlessStages, RenderedDocuments, RenderRequest, StageReport } from './effects.js';
import type { RenderedRest } from './render.js';
import type { BriefingReader } from '../model/loaded.js';
import { answerRead, type ReadAnswer, type ReadRequest } from './remote-reader.js';

type WorkerTask = { kind: 'check'; dirs: readonly string[]; options: CheckOptions; resolvesLinks: boolean } | { kind: 'render'; render: RenderRequest };
export type WorkerRequest = (WorkerTask & { id: number }) | ReadAnswer;

export type WorkerReply =
  | { kind: 'start'; briefing: string; stage: string }
  | { kind: 'stage'; briefing: string; stage: string; ms: number }
  | { kind: 'page'; id: number; html: string }
  | { kind: 'done'; id: number; value: unknown }
  | { kind: 'failed'; id: number; message: string; exitCode?: number; stack?: string }
  | ReadRequest;

interface Job {
  task: WorkerTask;
  /** What the job does, as its messages name it: `rendering <id>`, `checking <folders>`. */
  what: string;
  /** Running while the job is on a thread. */
  timer?: NodeJS.Timeout;
  onPage?(html: string): void;
  /** What a check reads its briefings' files with, on this thread. */
  reader?: BriefingReader;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  jobs: Map<number, Job>;
  /** Why the thread stopped, when it did not stop by itself. */
  failure?: Error;
  /** The job that ran out of time, when that is why the thread was stopped. */
  overdue?: number;
}

/** Starts one worker thread running render-worker; tests pass another to stand in for it. */
export type StartWorker = (limits: ResourceLimits) => Worker;

/**
 * A worker needs ~60 MB, but without limits V8 sizes its heap by the machine's memory and, over a long build,
 * lets garbage pile up to ~160 MB. These limits make it collect sooner: over 100 briefings the process's peak
 * RSS drops from ~350 MB to ~265 MB, for ~5 % more CPU. A short build gains nothing from them and loses ~50 ms.
 */
const LONG_BUILD_HEAP_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 1024 };
const LONG_BUILD = 10;
/** Any build: a thread that needs more than this is stopped (exit 3) rather than left to take the machine's memory. */
const HEAP_LIMITS = { maxOldGenerationSizeMb: LONG_BUILD_HEAP_LIMITS.maxOldGenerationSizeMb };

/**
 * How long one job (checking a share of the briefings, or rendering one) may take. Validation bounds what a
 * briefing may cost; this is the line for anything it missed: the thread is stopped and the job fails, exit 3.
 */
const JOB_TIMEOUT_MS = 120_000;

/**
 * A thread running render-worker.js; or, from source (tests run the pipeline in-process), render-worker.ts, after
 * registering tsx's loader in the thread: Node 20 workers do not inherit it. Loading the stages' sources through
 * tsx costs a thread ~1.5 s of CPU, against ~0.3 s for the compiled worker: the test config names the compiled
 * one in BRIEFPRESS_COMPILED_WORKER when dist/ was compiled from these very sources (scripts/compile-stamp.mjs).
 */
export const startRenderWorker: StartWorker = (resourceLimits) => {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./render-worker.js', import.meta.url), { resourceLimits });
  const compiled = process.env.BRIEFPRESS_COMPILED_WORKER;
  if (compiled) return new Worker(compiled, { resourceLimits });
  const entry = new URL('./render-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry)}))`, { eval: true, resourceLimits });
};

export class StageWorkers implements BrowserlessStages {
  readonly #threads: Thread[];
  readonly #report: StageReport;
  readonly #limits: ResourceLimits;
  readonly #startWorker: StartWorker;
  readonly #timeoutMs: number;
  #nextId = 0;
  #closing = false;

  /** Starts the threads at once: each takes ~0.2 s to load its modules, best done while the browser launches. */
  constructor(size: number, briefings: number, report: StageReport, startWorker: StartWorker = startRenderWorker, timeoutMs = JOB_TIMEOUT_MS) {
    this.#report = report;
    this.#limits = briefings > LONG_BUILD ? LONG_BUILD_HEAP_LIMITS : HEAP_LIMITS;
    this.#startWorker = startWorker;
    this.#timeoutMs = timeoutMs;
    this.#threads = Array.from({ length: Math.max(1, size) }, () => this.#start());
  }

  async check(dirs: readonly string[], options: CheckOptions, reader: BriefingReader): Promise<CheckedBriefing[]> {
    const shares = Math.min(this.#threads.length, dirs.length);
    const perShare = Math.ceil(dirs.length / shares);
    const threads = [...this.#threads].sort((a, b) => a.jobs.size - b.jobs.size);
    const results = await Promise.all(Array.from({ length: shares }, (_, i) => {
      const task = { kind: 'check' as const, dirs: dirs.slice(i * perShare, (i + 1) * perShare), options, resolvesLinks: reader.realPath !== undefined };
      return this.#send(threads[i]!, task, { reader }) as Promise<CheckedBriefing[]>;
    }));
    return results.flat();
  }

  render(request: RenderRequest): RenderedDocuments {
    let onPage!: (html: string) => void;
    const page = new Promise<string>((resolve) => (onPage = resolve));
    const rest = this.#send(this.#leastBusy(), { kind: 'render', render: request }, { onPage }) as Promise<RenderedRest>;
    // A render that fails before its page exists fails them all; one that a caller does not wait for (the page,
    // when no PDF is wanted) must not count as unhandled.
    const documents = { page: Promise.race([page, rest.then(() => page)]), html: rest.then((r) => r.html), workbook: rest.then((r) => r.workbook), diagnostics: rest.then((r) => r.diagnostics) };
    for (const document of Object.values(documents)) document.catch(() => undefined);
    return documents;
  }

  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#threads.splice(0).map((thread) => thread.worker.terminate()));
  }

  #send(thread: Thread, task: WorkerTask, handlers: Pick<Job, 'onPage' | 'reader'>): Promise<unknown> {
    const what = task.kind === 'render' ? `rendering ${task.render.briefing.id}` : `checking ${task.dirs.join(', ')}`;
    return new Promise((resolve, reject) => this.#post(thread, this.#nextId++, { task, what, ...handlers, resolve, reject }));
  }

  /** Gives a job to a thread, with the whole time allowed from now. */
  #post(thread: Thread, id: number, job: Job): void {
    // Out of time: the thread is stopped and replaced; its exit fails this job and runs the others again. The first
    // job out of time is the one stopped: the jobs waiting behind it run out of time because of it.
    job.timer = setTimeout(() => {
      if (thread.failure) return;
      thread.failure = new CliError(`${job.what} took longer than ${this.#timeoutMs / 1000} s and was stopped`, EXIT.renderFailure);
      thread.overdue = id;
      void thread.worker.terminate();
    }, this.#timeoutMs);
    thread.jobs.set(id, job);
    thread.worker.postMessage({ ...job.task, id });
  }

  #leastBusy(): Thread {
    return this.#threads.reduce((best, thread) => (thread.jobs.size < best.jobs.size ? thread : best));
  }

  #start(): Thread {
    const thread: Thread = { worker: this.#startWorker(this.#limits), jobs: new Map() };
    thread.worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'start') return this.#report.start(reply.briefing, reply.stage);
      if (reply.kind === 'stage') return this.#report.stage(reply.briefing, reply.stage, reply.ms);
      const job = thread.jobs.get(reply.id);
      if (!job) return;
      if (reply.kind === 'page') return job.onPage?.(reply.html);
      if (reply.kind === 'read') return void answerRead(job.reader!, reply).then((answer) => thread.worker.postMessage(answer));
      thread.jobs.delete(reply.id);
      clearTimeout(job.timer);
      if (reply.kind === 'done') return job.resolve(reply.value);
      job.reject(reply.exitCode === undefined ? Object.assign(new Error(reply.message), { stack: reply.stack }) : new CliError(reply.message, reply.exitCode));
    });
    // An uncaught error in the thread comes before its exit; the exit is where its jobs fail and it is replaced.
    thread.worker.on('error', (error) => {
      thread.failure ??= (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new CliError(`a briefing needed more than ${this.#limits.maxOldGenerationSizeMb} MB to check or render, and was stopped`, EXIT.renderFailure)
        : error;
    });
    // A crash or a heap out of memory cannot say which job caused it, so all the thread's jobs fail with its reason.
    thread.worker.on('exit', (code) => {
      const index = this.#threads.indexOf(thread);
      if (!this.#closing && index >= 0) this.#threads[index] = this.#start();
      const stopped = new Error(`a render worker stopped (exit code ${code}) with work unfinished`);
      const jobs = [...thread.jobs];
      thread.jobs.clear();
      for (const [id, job] of jobs) {
        clearTimeout(job.timer);
        if (thread.overdue === undefined || id === thread.overdue) job.reject(thread.failure ?? stopped);
        else if (this.#closing) job.reject(stopped);
        else this.#post(this.#leastBusy(), id, job);
      }
    });
    return thread;
  }
}
