// The page pool: one browser per build, shared by every briefing that needs a PDF.
//   - at most `size` jobs print at once;
//   - a page a job printed on is kept for the next job in the same browser: a new tab is a new renderer process,
//     which cost Chromium ~0.15 CPU-seconds a briefing, and a kept one has the fonts decoded already (24 differing
//     briefings: 10.5 s instead of 8.3). A job that fails leaves its pages to be closed, never reused;
//   - while jobs are still to come and no kept page is free, a spare page is open ahead (the browser's first tab,
//     then a new one), so a job rarely waits for a tab;
//   - after `recycleAfter` jobs the browser is retired (closed once its last job ends) and a fresh one launched,
//     so over a long build the browser's memory cannot grow without bound;
//   - when the last expected job ends, the browser closes right away, while the build finishes its other work.
// Pages belong to the pool: a job's page.close() does nothing; the pool keeps the page, closes it, or skips
// closing it when the whole browser is about to be killed (browser.ts: killBrowser). Closing a page while its
// browser is still connected makes Puppeteer wait 100 ms for a frame swap, which would hold the process open
// at the end of a build.
import type { Browser, Page } from 'puppeteer';
import { killBrowser } from './browser.js';

/** What a print job gets: a way to open pages in the pool's browser. A Browser is one too. */
export type PageSource = Pick<Browser, 'newPage'>;

export interface PagePoolOptions {
  launch(): Promise<Browser>;
  size: number;
  recycleAfter: number;
  /** How many jobs the build will run; the spare page and the early close follow it. */
  jobs: number;
}

interface Generation {
  browser: Promise<Browser>;
  /** Jobs given to this browser, and of those, the ones still running. */
  served: number;
  active: number;
  spare?: Promise<Page>;
  /** Pages whose job ended well, ready for the next job. */
  kept: Page[];
  /** Pages opened in this browser and not closed: never more than the jobs that can print at once. */
  open: number;
  retired: boolean;
  closed?: boolean;
}

/** A job's failure is its browser's when the browser never started, is gone, or let the job time out. */
async function browserFailed(generation: Generation, error: unknown): Promise<boolean> {
  const browser = await generation.browser.catch(() => undefined);
  return !browser || !browser.connected || (error as Error | undefined)?.name === 'TimeoutError';
}

export class PagePool {
  readonly #options: PagePoolOptions;
  #current: Generation | undefined;
  readonly #closing: Promise<void>[] = [];
  #started = 0;
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  readonly #idle: (() => void)[] = [];

  constructor(options: PagePoolOptions) {
    this.#options = { ...options, size: Math.max(1, options.size), recycleAfter: Math.max(1, options.recycleAfter) };
  }

  /** Launches the browser now, in the background, so that it is ready when the first job needs a page. */
  start(): void {
    this.#current ??= this.#launch();
  }

  /**
   * Runs `job` once a slot is free, with pages from the current browser. When the job fails because its browser
   * crashed, could not start or stopped answering (a timeout), that browser is killed with all its processes and
   * the job runs once more in a fresh one; a second failure is the job's.
   */
  async print<T>(job: (pages: PageSource) => Promise<T>, attempt = 1): Promise<T> {
    await this.#acquire();
    this.#started += 1;
    const generation = this.#lease();
    const opened: Page[] = [];
    const newPage = async () => {
      const page = await this.#newPage(generation);
      opened.push(page);
      return poolOwned(page);
    };
    let succeeded = false;
    try {
      const result = await job({ newPage });
      succeeded = true;
      return result;
    } catch (error) {
      if (attempt > 1 || !(await browserFailed(generation, error))) throw error;
      // The retry is one more job: the pool must not close itself when the failed one ends.
      this.#options.jobs += 1;
      if (this.#current === generation) this.#current = undefined;
      this.#close(generation);
    } finally {
      generation.active -= 1;
      this.#release();
      const browserCloses = generation.retired && generation.active === 0;
      const buildDone = this.#started >= this.#options.jobs && this.#running === 0;
      if (browserCloses) this.#close(generation);
      if (buildDone) void this.close();
      if (succeeded && !generation.retired) generation.kept.push(...opened);
      else if (!browserCloses && !buildDone) {
        generation.open -= opened.length;
        for (const page of opened) page.close().catch(() => undefined);
      }
    }
    return this.print(job, attempt + 1);
  }

  /** Waits for running jobs, then closes every browser the pool launched. Safe to call more than once. */
  async close(): Promise<void> {
    while (this.#running > 0) await new Promise<void>((resolve) => this.#idle.push(resolve));
    if (this.#current) this.#close(this.#current);
    this.#current = undefined;
    await Promise.all(this.#closing);
  }

  async #acquire(): Promise<void> {
    if (this.#running < this.#options.size) this.#running += 1;
    // A finishing job hands its slot straight to the next waiter, so the count never overshoots.
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) return next();
    this.#running -= 1;
    if (this.#running === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  #lease(): Generation {
    const current = this.#current;
    if (current && current.served >= this.#options.recycleAfter) {
      current.retired = true;
      if (current.active === 0) this.#close(current);
      this.#current = undefined;
    }
    const generation = (this.#current ??= this.#launch());
    generation.served += 1;
    generation.active += 1;
    return generation;
  }

  #launch(): Generation {
    const browser = this.#options.launch();
    // A failed launch reaches the jobs that need a page; nobody else should see it as unhandled.
    browser.catch(() => undefined);
    const generation: Generation = { browser, served: 0, active: 0, kept: [], open: 0, retired: false };
    if (this.#options.jobs > this.#started) {
      // The tab a browser opens with is the first spare: opening another would cost ~0.1 s.
      generation.spare = browser.then(async (b) => (await b.pages())[0] ?? b.newPage());
      generation.spare.catch(() => undefined);
      generation.open += 1;
    }
    return generation;
  }

  #newPage(generation: Generation): Promise<Page> {
    const kept = generation.kept.pop();
    if (kept) return Promise.resolve(kept);
    if (!generation.spare) generation.open += 1;
    const page = generation.spare ?? generation.browser.then((browser) => browser.newPage());
    generation.spare = undefined;
    this.#openSpare(generation);
    return page;
  }

  /**
   * Opens a spare page when this browser will still be given a job that has not started yet, no kept page is free
   * and fewer pages are open than jobs can print at once.
   */
  #openSpare(generation: Generation): void {
    const jobsLeft = this.#options.jobs - this.#started;
    const browserLeft = this.#options.recycleAfter - generation.served;
    const full = generation.open >= this.#options.size;
    if (generation.spare || generation.kept.length > 0 || full || generation.retired || jobsLeft <= 0 || browserLeft <= 0) return;
    generation.spare = generation.browser.then((browser) => browser.newPage());
    generation.spare.catch(() => undefined);
    generation.open += 1;
  }

  #close(generation: Generation): void {
    if (generation.closed) return;
    generation.closed = true;
    const { browser, spare } = generation;
    generation.retired = true;
    generation.spare = undefined;
    generation.kept = [];
    // A page still opening when its browser closes leaves Puppeteer waiting on a timer: let it open first.
    // A browser that failed to launch or has crashed has nothing left to close.
    const opened = spare?.catch(() => undefined);
    this.#closing.push(browser.then(async (b) => {
      await opened;
      await killBrowser(b);
    }).catch(() => undefined));
  }
}

/** The page as a job sees it: the same page, except that closing it is left to the pool. */
export function poolOwned(page: Page): Page {
  return new Proxy(page, {
    get(target, property) {
      if (property === 'close') return async () => undefined;
      const value: unknown = Reflect.get(target, property, target);
      // Puppeteer's methods use private fields, so they must run on the page itself, not on the proxy.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
