// The main thread's garbage in a long build. Each briefing leaves a few MB on this thread (its page and its HTML
// file as strings, the PDF as base64 and as bytes, pdf-lib's model of it while tagging) in the old and
// large-object spaces, which V8, sizing the heap by the machine's memory, collects late: building 24 briefings,
// the process's peak RSS reached 280-340 MB, ~65 MB of it this garbage, against ~40 MB of live heap. So once the
// process passes RSS_BUDGET_MB, this thread's heap is collected after a briefing (~50 ms; twice or so in 24
// briefings, which then peak at 276-282 MB for ~2 % more CPU). A lower budget, under what the worker threads and
// Chromium's connection hold anyway, would collect after every briefing (at 240 MB: 10 % more CPU). The worker
// threads have heap limits of their own (worker-pool.ts).
import { runInNewContext } from 'node:vm';

const RSS_BUDGET_MB = 270;

/**
 * V8's gc(), which pipeline/cli/bundle-loader.ts exposes (--expose-gc) to contexts made after it starts, as this
 * one is; undefined where it does not (the tests run the sources).
 */
let gc: (() => void) | undefined | null = null;

export function collectGarbageOverBudget(): void {
  if (process.memoryUsage.rss() < RSS_BUDGET_MB * 2 ** 20) return;
  gc ??= runInNewContext('typeof gc === "function" ? gc : undefined') as (() => void) | undefined;
  gc?.();
}
