// The page pool against a fake browser: how many jobs print at once, when browsers launch and close, which pages
// close when. Jobs wait on promises the test settles, so nothing here depends on timing.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer';
import { PagePool, type PageSource } from '../../pipeline/driver/page-pool.js';

class FakePage {
  closed = false;
  constructor(readonly name: string) {}
  async close() {
    this.closed = true;
  }
}

class FakeBrowser {
  readonly opened: FakePage[];
  closed = false;
  constructor(readonly number: number) {
    this.opened = [new FakePage(`browser ${number} tab 0`)];
  }
  async pages() {
    return this.opened.slice(0, 1);
  }
  async newPage() {
    const page = new FakePage(`browser ${this.number} tab ${this.opened.length}`);
    this.opened.push(page);
    return page;
  }
  get connected() {
    return !this.closed;
  }
  process() {
    return null;
  }
  /** How the pool ends a browser (browser.ts: killBrowser kills its processes, then disconnects). */
  async disconnect() {
    this.closed = true;
  }
}

function fakeLaunches() {
  const browsers: FakeBrowser[] = [];
  const launch = async () => {
    const browser = new FakeBrowser(browsers.length + 1);
    browsers.push(browser);
    return browser as unknown as Browser;
  };
  return { browsers, launch };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A job that opens a page, then holds its slot until released; it reports the page it printed on. */
function heldJob() {
  const release = deferred();
  let page: FakePage | undefined;
  const job = async (pages: PageSource) => {
    const opened = await pages.newPage();
    page = opened as unknown as FakePage;
    await release.promise;
    await opened.close();
    return page.name;
  };
  return { job, release: release.resolve, page: () => page };
}

describe('page pool', () => {
  it('runs at most `size` jobs at once and starts the next as one ends', async () => {
    const { launch } = fakeLaunches();
    const pool = new PagePool({ launch, size: 2, recycleAfter: 50, jobs: 4 });
    const jobs = [heldJob(), heldJob(), heldJob(), heldJob()];
    const printed = jobs.map((j) => pool.print(j.job));
    await settle();
    expect(jobs.map((j) => j.page() !== undefined)).toEqual([true, true, false, false]);
    jobs[0]!.release();
    await settle();
    expect(jobs.map((j) => j.page() !== undefined)).toEqual([true, true, true, false]);
    for (const j of jobs) j.release();
    expect(await Promise.all(printed)).toHaveLength(4);
  });

  it('shares one browser, gives the first job the tab it opened with, and recycles after `recycleAfter` jobs', async () => {
    const { browsers, launch } = fakeLaunches();
    const pool = new PagePool({ launch, size: 1, recycleAfter: 2, jobs: 5 });
    pool.start();
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      const j = heldJob();
      const printed = pool.print(j.job);
      await settle();
      j.release();
      names.push(await printed);
    }
    expect(browsers).toHaveLength(3);
    expect(names.map((name) => name.replace(/ tab \d+/, ''))).toEqual(['browser 1', 'browser 1', 'browser 2', 'browser 2', 'browser 3']);
    expect(names[0]).toBe('browser 1 tab 0');
    await pool.close();
    expect(browsers.every((b) => b.closed)).toBe(true);
  });

  it("keeps a job's page for the next job when the job ends well, and the last job's page goes with the browser", async () => {
    const { browsers, launch } = fakeLaunches();
    const pool = new PagePool({ launch, size: 1, recycleAfter: 50, jobs: 3 });
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const j = heldJob();
      const printed = pool.print(j.job);
      await settle();
      j.release();
      names.push(await printed);
      await settle();
      expect(j.page()!.closed).toBe(false);
    }
    // One tab for all three: the first tab the browser opened with, and no spare opened beside it.
    expect(names).toEqual(['browser 1 tab 0', 'browser 1 tab 0', 'browser 1 tab 0']);
    expect(browsers[0]!.opened).toHaveLength(1);
    expect(browsers[0]!.closed).toBe(true);
  });

  it("closes a failed job's page instead of keeping it, and gives the next job another", async () => {
    const { browsers, launch } = fakeLaunches();
    const pool = new PagePool({ launch, size: 1, recycleAfter: 50, jobs: 3 });
    let failedOn: FakePage | undefined;
    await expect(pool.print(async (pages) => {
      failedOn = (await pages.newPage()) as unknown as FakePage;
      throw new Error('the printed PDF has no destination for intro');
    })).rejects.toThrow('no destination');
    await settle();
    expect(failedOn!.closed).toBe(true);
    const next = heldJob();
    const printed = pool.print(next.job);
    await settle();
    next.release();
    expect(await printed).toBe('browser 1 tab 1');
    expect(browsers).toHaveLength(1);
  });

  it('opens no more pages than jobs can print at once, however many jobs come', async () => {
    const { browsers, launch } = fakeLaunches();
    const pool = new PagePool({ launch, size: 2, recycleAfter: 50, jobs: 6 });
    const jobs = Array.from({ length: 6 }, () => heldJob());
    const printed = jobs.map((j) => pool.print(j.job));
    for (const j of jobs) {
      await settle();
      j.release();
    }
    const names = await Promise.all(printed);
    expect(new Set(names)).toEqual(new Set(['browser 1 tab 0', 'browser 1 tab 1']));
    expect(browsers[0]!.opened).toHaveLength(2);
  });

  it('closes the browser as soon as the last expected job ends, before close() is called', async () => {
    const { browsers, launch } = fakeLaunches();
    const pool = new PagePool({ launch, size: 2, recycleAfter: 50, jobs: 1 });
    const j = heldJob();
    const printed = pool.print(j.job);
    await settle();
    expect(browsers[0]!.closed).toBe(false);
    j.release();
    await printed;
    await settle();
    expect(browsers[0]!.closed).toBe(true);
  });

  it("fails the jobs with the launch's error, and still closes cleanly", async () => {
    const pool = new PagePool({ launch: () => Promise.reject(new Error('no Chromium here')), size: 2, recycleAfter: 50, jobs: 2 });
    pool.start();
    await expect(pool.print(async (pages) => pages.newPage() as Promise<Page>)).rejects.toThrow('no Chromium here');
    await expect(pool.close()).resolves.toBeUndefined();
  });

  it('waits for running jobs before closing their browser', async () => {
    const { browsers, launch } = fakeLaunches();
    const pool = new PagePool({ launch, size: 2, recycleAfter: 50, jobs: 3 });
    const j = heldJob();
    const printed = pool.print(j.job);
    await settle();
    const closed = pool.close();
    await settle();
    expect(browsers[0]!.closed).toBe(false);
    j.release();
    await Promise.all([printed, closed]);
    expect(browsers[0]!.closed).toBe(true);
  });
});
