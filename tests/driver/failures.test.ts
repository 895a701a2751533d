// When briefings cannot be rendered: each failure is reported as it happens and the error names every failed
// briefing with its cause; it says the others were built only when some were.
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../pipeline/driver/build.js';
import type { RenderRequest } from '../../pipeline/driver/effects.js';
import { createProgress } from '../../pipeline/cli/progress.js';
import { CliError } from '../../pipeline/diagnostics/errors.js';
import { testBuildEffects } from '../support/build-effects.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';

const OPTIONS = { formats: new Set(['html'] as const), pageSize: 'a4' as const, force: true, concurrency: 2, recycleAfter: 50 };

/** Briefings named `ids`, built with the HTML stage failing for those in `failing`, as the stage reports it. */
async function buildFailing(ids: readonly string[], failing: readonly string[]) {
  const root = mkdtempSync(join(tmpdir(), 'briefpress-failures-'));
  const dirs = ids.map((id) => {
    cpSync(DEFAULT_BRIEFING_DIR, join(root, id), { recursive: true });
    return join(root, id);
  });
  const events: string[] = [];
  const progress = createProgress('json', { write: (line: string) => events.push(line) });
  const effects = testBuildEffects({
    progress,
    wrapStages: (stages) => ({
      check: stages.check.bind(stages),
      close: () => stages.close(),
      render: (request: RenderRequest) => {
        if (!failing.includes(request.briefing.id)) return stages.render(request);
        const failure = Promise.reject(new CliError(`${request.briefing.id}: the html stage failed: simulated`, 3));
        failure.catch(() => undefined);
        return { page: failure, html: failure, workbook: failure, diagnostics: failure };
      },
    }),
  });
  const out = join(root, 'out');
  const error = await build(dirs, { ...OPTIONS, outDir: out }, effects).then(() => undefined, (e: unknown) => e as CliError);
  const failed = events.map((line) => JSON.parse(line)).filter((event) => event.event === 'failed');
  return { error, failed, built: (id: string) => existsSync(join(out, id, 'manifest.json')) };
}

describe('failed briefings', () => {
  it('all fail: each is named with its cause, and nothing claims the others were built', async () => {
    const { error, failed, built } = await buildFailing(['one', 'two'], ['one', 'two']);
    expect(error?.exitCode).toBe(3);
    expect(error?.message).toBe('all 2 briefings failed:\n  one: the html stage failed: simulated\n  two: the html stage failed: simulated');
    expect(failed.map((event) => [event.briefing, event.reason]).sort()).toEqual([['one', 'the html stage failed: simulated'], ['two', 'the html stage failed: simulated']]);
    expect(built('one') || built('two')).toBe(false);
  });

  it('some fail: those are named, and the others said to be built, as they are', async () => {
    const { error, failed, built } = await buildFailing(['one', 'two', 'three'], ['two']);
    expect(error?.message).toBe('1 of 3 briefings failed (the other 2 were built):\n  two: the html stage failed: simulated');
    expect(failed.map((event) => event.briefing)).toEqual(['two']);
    expect([built('one'), built('two'), built('three')]).toEqual([true, false, true]);
  });

  it('the only briefing fails: its name and cause, nothing more', async () => {
    const { error } = await buildFailing(['alone'], ['alone']);
    expect(error?.message).toBe('alone: the html stage failed: simulated');
  });
});
