// Faults while rendering: Chromium killed mid-batch, a briefing that cannot be rendered. Every output is
// complete or absent, the others are built, and no browser process outlives the build.
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { build } from '../../pipeline/driver/build.js';
import type { BuildEffects, RenderRequest } from '../../pipeline/driver/effects.js';
import { findBrowser, launchBrowser } from '../../pipeline/driver/browser.js';
import { fileFingerprint } from '../../pipeline/driver/file-effects.js';
import { CliError } from '../../pipeline/diagnostics/errors.js';
import { libraryVersions, TOOL_VERSION } from '../../pipeline/driver/version.js';
import { StageWorkers } from '../../pipeline/driver/worker-pool.js';
import { testBuildEffects, type TestEffects } from '../support/build-effects.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';
import { pdfText } from '../support/pdf-tools.js';

const IDS = ['fault-one', 'fault-two', 'fault-three'];

function briefings(): string[] {
  const root = mkdtempSync(join(tmpdir(), 'briefpress-faults-'));
  return IDS.map((id) => {
    cpSync(DEFAULT_BRIEFING_DIR, join(root, id), { recursive: true });
    return join(root, id);
  });
}

function effects(launch: () => Promise<Browser>, wrapStages?: TestEffects['wrapStages']): BuildEffects {
  return testBuildEffects({ launchBrowser: launch, wrapStages, fingerprint: fileFingerprint, browserStamp: async () => 'test', toolVersion: TOOL_VERSION, versions: libraryVersions });
}

const OPTIONS = { formats: new Set(['pdf', 'html', 'xlsx'] as const), pageSize: 'a4' as const, force: true, concurrency: 1, recycleAfter: 50 };

/**
 * The processes of the group led by `pid` that are still running, and whether the leader, briefpress's own
 * child, is still in the process table (unreaped). Chromium's helpers are reparented to PID 1 when their parent
 * dies, and only PID 1 can reap them: under an init that reaps (tini, docker --init, systemd) they vanish, in a
 * sandbox whose PID 1 does not they stay as zombies, which hold no resources but a table entry.
 */
function leftovers(pid: number): { running: string[]; leaderInTable: boolean } {
  const rows = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,comm='], { encoding: 'utf8' }).split('\n').map((line) => line.trim().split(/\s+/));
  const group = rows.filter((row) => row[1] === String(pid));
  return { running: group.filter((row) => !row[2]!.startsWith('Z')).map((row) => row.join(' ')), leaderInTable: rows.some((row) => row[0] === String(pid)) };
}

/**
 * leftovers() once the group has had time to go: every process in it was sent SIGKILL, but on a busy machine the
 * kernel can take a moment to end one. A process still there after 10 s was not killed.
 */
async function settledLeftovers(pid: number): Promise<ReturnType<typeof leftovers>> {
  const deadline = Date.now() + 10_000;
  let found = leftovers(pid);
  while ((found.running.length > 0 || found.leaderInTable) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    found = leftovers(pid);
  }
  return found;
}

describe('faults', () => {
  it('Chromium killed mid-batch: the browser is relaunched, the briefing retried, every PDF complete', async () => {
    const launched: Browser[] = [];
    const launch = async () => {
      const browser = await launchBrowser(await findBrowser());
      if (launched.length === 0) {
        // The first browser dies, with every process it started, when the build loads a second briefing into its
        // tab (the page pool hands the first briefing's tab on to the next).
        const pages = browser.pages.bind(browser);
        browser.pages = async () => {
          const tabs = await pages();
          for (const tab of tabs) {
            const setContent = tab.setContent.bind(tab);
            let loads = 0;
            tab.setContent = async (...args) => {
              if (++loads === 2) process.kill(-browser.process()!.pid!, 'SIGKILL');
              return setContent(...args);
            };
          }
          return tabs;
        };
      }
      launched.push(browser);
      return browser;
    };
    const out = mkdtempSync(join(tmpdir(), 'briefpress-faults-out-'));
    const result = await build(briefings(), { ...OPTIONS, outDir: out }, effects(launch));
    expect(result.written).toHaveLength(IDS.length * 4);
    expect(launched).toHaveLength(2);
    for (const id of IDS) {
      const pdf = join(out, id, `${id}.pdf`);
      expect(execFileSync('qpdf', ['--check', pdf], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
      expect(pdfText(pdf)).toContain('Key figures');
      // No temporary file is left beside the outputs.
      expect(readdirSync(join(out, id)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }
    // No browser process, nor any process it started, is still running after the build.
    for (const browser of launched) expect(await settledLeftovers(browser.process()!.pid!)).toEqual({ running: [], leaderInTable: false });
  });

  it('a briefing that cannot be rendered fails alone: the others are built, the error names it, exit code 3', async () => {
    const out = mkdtempSync(join(tmpdir(), 'briefpress-faults-out-'));
    const launched: Browser[] = [];
    const launch = async () => {
      const browser = await launchBrowser(await findBrowser());
      launched.push(browser);
      return browser;
    };
    const failing = (stages: StageWorkers) => ({
      check: stages.check.bind(stages),
      close: () => stages.close(),
      render: (request: RenderRequest) => {
        if (request.briefing.id !== 'fault-two') return stages.render(request);
        const failure = Promise.reject(new CliError('fault-two: the charts stage failed: simulated', 3));
        failure.catch(() => undefined);
        return { page: failure, html: failure, workbook: failure, diagnostics: failure };
      },
    });
    const error = await build(briefings(), { ...OPTIONS, outDir: out }, effects(launch, failing)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(3);
    expect((error as CliError).message).toContain('fault-two: the charts stage failed: simulated');
    expect(existsSync(join(out, 'fault-two'))).toBe(false);
    for (const id of ['fault-one', 'fault-three']) expect(readdirSync(join(out, id)).sort()).toEqual([`${id}.html`, `${id}.pdf`, `${id}.xlsx`, 'manifest.json']);
    for (const browser of launched) expect(await settledLeftovers(browser.process()!.pid!)).toEqual({ running: [], leaderInTable: false });
  });
});
