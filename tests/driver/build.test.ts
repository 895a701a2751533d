// The driver, in this process with its real worker threads: what it validates and renders are the very bytes it
// hashed for the cache key, however the files change while it runs.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { build, type BuildOptions } from '../../pipeline/driver/build.js';
import type { BriefingReader } from '../../pipeline/model/loaded.js';
import type { CheckOptions } from '../../pipeline/model/checked.js';
import type { StageWorkers } from '../../pipeline/driver/worker-pool.js';
import { sha256 } from '../../pipeline/model/hashing.js';
import { fileReader } from '../../pipeline/driver/file-reader.js';
import { findBrowser, launchBrowser } from '../../pipeline/driver/browser.js';
import { pdfText } from '../support/pdf-tools.js';
import { testBuildEffects } from '../support/build-effects.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';

const ID = 'ai-security-workforce-2024';
const OPTIONS: Omit<BuildOptions, 'outDir'> = { formats: new Set(['html']), pageSize: 'a4', force: false, concurrency: 2, recycleAfter: 50 };

const effects = (reader: BriefingReader) => testBuildEffects({ reader });

/** What the build does in order, as the tests below observe it. */
const events: string[] = [];
vi.mock('../../pipeline/stages/pdf/index.js', async (original) => {
  const stage = await original<typeof import('../../pipeline/stages/pdf/index.js')>();
  return {
    ...stage,
    // Tagging starts when the printer has the page back.
    renderPdf: async (input: Parameters<typeof stage.renderPdf>[0]) => {
      const printer: typeof input.printer = {
        print: async (job) => {
          const printed = await input.printer.print(job);
          events.push('tagging');
          return printed;
        },
      };
      const finished = await stage.renderPdf({ ...input, printer });
      events.push('tagged');
      return finished;
    },
  };
});

describe('build', () => {
  it('loads each file once: a save during the build changes neither what is rendered nor the key it is recorded under', async () => {
    const root = mkdtempSync(join(tmpdir(), 'briefpress-load-once-'));
    const dir = join(root, ID);
    const out = join(root, 'out');
    cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
    // An earlier build's manifest: the cache is consulted, so loading comes before validating, as in most builds.
    mkdirSync(join(out, ID), { recursive: true });
    writeFileSync(join(out, ID, 'manifest.json'), '{}');
    const points = join(dir, 'data-points.yaml');
    const original = readFileSync(points);
    const reads: string[] = [];
    // The author saves data-points.yaml the moment the build has read it.
    const saving: BriefingReader = {
      ...fileReader,
      readFile: async (path, maxBytes) => {
        reads.push(path);
        const bytes = await fileReader.readFile(path, maxBytes);
        if (path === points) writeFileSync(points, original.toString('utf8').replaceAll('AI jobs as a share of software job postings', 'Saved while building'));
        return bytes;
      },
    };

    const result = await build([dir], { ...OPTIONS, outDir: out }, effects(saving));
    expect(result.written).toHaveLength(2);
    expect(reads.filter((path) => path === points)).toHaveLength(1);
    const html = readFileSync(join(out, ID, `${ID}.html`), 'utf8');
    expect(html).toContain('AI jobs as a share of software job postings');
    expect(html).not.toContain('Saved while building');
    const manifest = JSON.parse(readFileSync(join(out, ID, 'manifest.json'), 'utf8'));
    expect(manifest.inputs.find((input: { path: string }) => input.path === 'data-points.yaml').sha256).toBe(sha256(original));

    // The file on disk is the saved one, so the next build is not up to date with outputs made from the old one.
    const next = await build([dir], { ...OPTIONS, outDir: out }, effects(fileReader));
    expect(next.upToDate).toEqual([]);
    expect(readFileSync(join(out, ID, `${ID}.html`), 'utf8')).toContain('Saved while building');
  });

  it('hands the folders to the worker threads, which load each briefing reading every file once through its reader', async () => {
    const root = mkdtempSync(join(tmpdir(), 'briefpress-check-early-'));
    const dirs = ['one', 'two', 'three'].map((id) => {
      cpSync(DEFAULT_BRIEFING_DIR, join(root, id), { recursive: true });
      return join(root, id);
    });
    const seen: string[] = [];
    const reads: string[] = [];
    const reader: BriefingReader = { ...fileReader, readFile: (path, maxBytes) => (reads.push(path), seen.push('read'), fileReader.readFile(path, maxBytes)) };
    const wrapStages = (stages: StageWorkers) => ({
      check: (folders: readonly string[], options: CheckOptions, through: BriefingReader) => (seen.push(`check ${folders.map((dir) => basename(dir)).join(' ')}`), stages.check(folders, options, through)),
      render: stages.render.bind(stages),
      close: () => stages.close(),
    });
    const result = await build(dirs, { ...OPTIONS, force: true, outDir: join(root, 'out') }, testBuildEffects({ reader, wrapStages }));
    expect(result.written).toHaveLength(6);
    // This thread reads and parses nothing itself: every read comes from the check, and each file once.
    expect(seen[0]).toBe('check one two three');
    expect(reads.length).toBeGreaterThan(3 * 8);
    expect(new Set(reads).size).toBe(reads.length);
    for (const dir of dirs) expect(reads).toContain(join(dir, 'data-points.yaml'));
  });

  it('holds an earlier build against its manifest without parsing: up to date reads each file once; a change, once too', async () => {
    const root = mkdtempSync(join(tmpdir(), 'briefpress-unchanged-'));
    const dir = join(root, ID);
    const out = join(root, 'out');
    cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
    expect((await build([dir], { ...OPTIONS, outDir: out }, effects(fileReader))).written).toHaveLength(2);
    const reads: string[] = [];
    const counting: BriefingReader = { ...fileReader, readFile: (path, maxBytes) => (reads.push(path), fileReader.readFile(path, maxBytes)) };

    const again = await build([dir], { ...OPTIONS, outDir: out }, effects(counting));
    expect(again.upToDate).toEqual([ID]);
    expect(reads.length).toBeGreaterThan(8);
    expect(new Set(reads).size).toBe(reads.length);

    // A section changed: the files read to hash them are the ones the check loads, not read again.
    reads.length = 0;
    const section = join(dir, 'sections', readdirSync(join(dir, 'sections')).sort()[0]!);
    writeFileSync(section, `${readFileSync(section, 'utf8')}\nOne more sentence.\n`);
    const edited = await build([dir], { ...OPTIONS, outDir: out }, effects(counting));
    expect(edited.upToDate).toEqual([]);
    expect(readFileSync(join(out, ID, `${ID}.html`), 'utf8')).toContain('One more sentence.');
    expect(reads.filter((path) => path === section)).toHaveLength(1);
    expect(new Set(reads).size).toBe(reads.length);

    // A chart file added is a change too, though no other file names it: the load lists the folder.
    writeFileSync(join(dir, 'charts', 'zz-extra.yaml'), readFileSync(join(dir, 'charts', readdirSync(join(dir, 'charts'))[0]!), 'utf8').replace(/^id: .*$/m, 'id: zz-extra'));
    const added = await build([dir], { ...OPTIONS, outDir: out }, effects(counting));
    expect(added.upToDate).toEqual([]);
    expect(added.briefings[0]!.diagnostics.map((d) => d.code)).toContain('BP602');
  });

  it('closes the browser once the last PDF is printed, while that PDF is still being finished', async () => {
    const root = mkdtempSync(join(tmpdir(), 'briefpress-early-close-'));
    const dir = join(root, ID);
    cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
    events.length = 0;
    const launch = async () => {
      const browser = await launchBrowser(await findBrowser());
      const disconnect = browser.disconnect.bind(browser);
      browser.disconnect = async () => {
        events.push('browser closed');
        return disconnect();
      };
      return browser;
    };
    const out = join(root, 'out');
    const result = await build([dir], { ...OPTIONS, formats: new Set(['pdf']), force: true, outDir: out }, testBuildEffects({ launchBrowser: launch }));
    expect(result.written).toHaveLength(2);
    // Chromium goes on working after a print: killed while the PDF is tagged (~70 ms), it costs a cold build less.
    expect(events.indexOf('browser closed')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('browser closed')).toBeLessThan(events.indexOf('tagged'));
    expect(pdfText(join(out, ID, `${ID}.pdf`))).toContain('Key figures');
  });
});
