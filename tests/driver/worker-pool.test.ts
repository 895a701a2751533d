// The worker threads: a thread that dies fails the jobs it had and is replaced, so the next job still runs
// instead of waiting forever on a dead thread.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { startRenderWorker, StageWorkers, type StartWorker } from '../../pipeline/driver/worker-pool.js';
import { fileReader } from '../../pipeline/driver/file-reader.js';
import { loadDefaultBriefing } from '../support/default-briefing.js';
import { CliError } from '../../pipeline/diagnostics/errors.js';

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
      await expect(within(Promise.all([first.html, first.workbook, first.diagnostics]), 30_000)).rejects.toThrow('a render worker stopped (exit code 7) with work unfinished');
      const second = stages.render(request);
      const [html, workbook, diagnostics] = await within(Promise.all([second.html, second.workbook, second.diagnostics]), 60_000);
      expect(html).toContain(briefing.meta.title);
      expect(workbook).toBeUndefined();
      expect(diagnostics).toEqual([]);
      expect(started).toBe(2);
    } finally {
      await stages.close();
    }
  });

  it('runs the stages from source when no compiled worker is named (dist/ older than the sources)', async () => {
    const briefing = await loadDefaultBriefing();
    const named = process.env.BRIEFPRESS_COMPILED_WORKER;
    delete process.env.BRIEFPRESS_COMPILED_WORKER;
    let stages: StageWorkers | undefined;
    try {
      stages = new StageWorkers(1, 1, quietly, startRenderWorker);
      const rendered = stages.render({ briefing, pageSize: 'a4' as const, workbook: false, toolVersion: 'test' });
      expect(await within(rendered.html, 60_000)).toContain(briefing.meta.title);
    } finally {
      if (named !== undefined) process.env.BRIEFPRESS_COMPILED_WORKER = named;
      await stages?.close();
    }
  });

  it('gives a check to the least busy thread: briefings checked one at a time as they load are spread over the threads', async () => {
    let started = 0;
    // Each stand-in thread answers a check, a little later, with its own number.
    const start: StartWorker = () => new Worker(`const { parentPort } = require('node:worker_threads');
      parentPort.on('message', ({ id }) => setTimeout(() => parentPort.postMessage({ kind: 'done', id, value: ['thread ${started++}'] }), 50));`, { eval: true });
    const stages = new StageWorkers(2, 3, quietly, start);
    try {
      const checks = ['one', 'two', 'three'].map((dir) => stages.check([dir], { strict: false }, fileReader));
      expect(await within(Promise.all(checks), 10_000)).toEqual([['thread 0'], ['thread 1'], ['thread 0']]);
    } finally {
      await stages.close();
    }
  });

  it('stops a job that runs out of time, with a one-line reason and exit code 3, and replaces the thread', async () => {
    const briefing = await loadDefaultBriefing();
    let started = 0;
    // The first thread takes its work and never answers, as a stage stuck in a loop would.
    const start: StartWorker = (limits) => (started++ === 0
      ? new Worker("require('node:worker_threads').parentPort.on('message', () => {})", { eval: true })
      : startRenderWorker(limits));
    const stages = new StageWorkers(1, 1, quietly, start, 300);
    try {
      const stuck = stages.render({ briefing, pageSize: 'a4' as const, workbook: false, toolVersion: 'test' });
      const settled = await within(Promise.allSettled([stuck.html, stuck.workbook, stuck.diagnostics]), 10_000);
      const failure = settled.map((result) => result.status === 'rejected' && result.reason)[2];
      expect(failure).toBeInstanceOf(CliError);
      expect(failure).toMatchObject({ exitCode: 3, message: `rendering ${briefing.id} took longer than 0.3 s and was stopped` });
      await within(new Promise((resolve) => setTimeout(resolve, 100)), 1_000);
      expect(started).toBe(2);
    } finally {
      await stages.close();
    }
  });

  it('stops only the job that ran out of time: the jobs waiting behind it on its thread run on a fresh thread', async () => {
    let started = 0;
    // Each stand-in thread answers a check with the briefing's folder and its own number; checking 'stuck' loops
    // forever, as a stage stuck in a loop would, and the checks sent with it and after it wait on the same thread.
    const start: StartWorker = () => new Worker(`const { parentPort } = require('node:worker_threads');
      const thread = ${started++};
      parentPort.on('message', ({ id, dirs }) => {
        if (dirs[0] === 'stuck') for (;;);
        parentPort.postMessage({ kind: 'done', id, value: [dirs[0] + ' on thread ' + thread] });
      });`, { eval: true });
    const stages = new StageWorkers(1, 3, quietly, start, 300);
    try {
      // 'two' runs out of time together with 'stuck', 'three' later.
      const [stuck, two] = ['stuck', 'two'].map((dir) => stages.check([dir], { strict: false }, fileReader));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const three = stages.check(['three'], { strict: false }, fileReader);
      const [stopped, ...others] = await within(Promise.allSettled([stuck!, two!, three]), 10_000);
      expect(stopped).toMatchObject({ status: 'rejected', reason: { exitCode: 3, message: 'checking stuck took longer than 0.3 s and was stopped' } });
      expect(others).toEqual([{ status: 'fulfilled', value: ['two on thread 1'] }, { status: 'fulfilled', value: ['three on thread 1'] }]);
      expect(started).toBe(2);
    } finally {
      await stages.close();
    }
  });
});
