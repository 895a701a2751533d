// The worker threads: a thread that dies fails the jobs it had and is replaced, so the next job still runs
// instead of waiting forever on a dead thread.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { startRenderWorker, StageWorkers, type StartWorker } from '../../pipeline/build/worker-pool.js';
import { loadDefaultBriefing } from '../support/default-briefing.js';

const quietly = { start: () => undefined, stage: () => undefined };
/** Fails the test instead of hanging it when a promise never settles. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms))]);

describe('StageWorkers', () => {
  it('replaces a thread that dies: its job fails, and the next job runs on a fresh thread', async () => {
    const briefing = await loadDefaultBriefing();
    let started = 0;
    // The first thread exits as soon as it is given work, as a crashed one would.
    const start: StartWorker = (limits) => (started++ === 0
      ? new Worker("require('node:worker_threads').parentPort.once('message', () => process.exit(7))", { eval: true })
      : startRenderWorker(limits));
    const stages = new StageWorkers(1, 2, quietly, start);
    try {
      const request = { briefing, pageSize: 'a4' as const, workbook: false, toolVersion: 'test' };
      const first = stages.render(request);
      await expect(within(Promise.all([first.html, first.workbook, first.warnings]), 30_000)).rejects.toThrow('a render worker stopped (exit code 7) with work unfinished');
      const second = stages.render(request);
      const [html, workbook, warnings] = await within(Promise.all([second.html, second.workbook, second.warnings]), 60_000);
      expect(html).toContain(briefing.meta.title);
      expect(workbook).toBeUndefined();
      expect(warnings).toEqual([]);
      expect(started).toBe(2);
    } finally {
      await stages.close();
    }
  });
});
