// A worker thread running the browserless stages, so that the main thread stays free to drive Chromium: a busy
// main thread stalls Puppeteer's launch and every print. It answers worker-pool.ts with:
//   check:  load → validate → resolve each briefing, its files read through the main thread (remote-reader.ts)
//   render: charts → html → phone charts → workbook for one resolved briefing (render.ts), the printed page's HTML
//           posted first
import { parentPort } from 'node:worker_threads';
import { CliError } from '../diagnostics/errors.js';
import { loadDocumentFonts } from '../theme/fonts.js';
import { loadTemplates } from '../theme/templates.js';
import { checkBriefing } from './check.js';
import type { CheckedBriefing, CheckOptions } from '../model/checked.js';
import { renderDocuments, type RenderSetup } from './render.js';
import { remoteReaders } from './remote-reader.js';
import type { WorkerReply, WorkerRequest } from './worker-pool.js';

const port = parentPort!;
const post = (reply: WorkerReply) => port.postMessage(reply);
const report: RenderSetup['report'] = {
  start: (briefing, stage) => post({ kind: 'start', briefing, stage }),
  stage: (briefing, stage, ms) => post({ kind: 'stage', briefing, stage, ms }),
};
// Read while the thread validates; a failure surfaces with the first render.
const setup: Promise<RenderSetup> = Promise.all([loadTemplates(), loadDocumentFonts()]).then(([templates, fonts]) => ({ templates, fonts, report }));
setup.catch(() => undefined);

const reads = remoteReaders((question) => post(question));

port.on('message', (message: WorkerRequest) => (message.kind === 'answer' ? reads.answered(message) : void answer(message)));

async function answer(request: Exclude<WorkerRequest, { kind: 'answer' }>): Promise<void> {
  const { id } = request;
  try {
    const value = request.kind === 'check'
      ? await checkAll(id, request.dirs, request.options, request.resolvesLinks)
      : await renderDocuments(request.render, await setup, (html) => post({ kind: 'page', id, html }));
    post({ kind: 'done', id, value });
  } catch (error) {
    post(error instanceof CliError
      ? { kind: 'failed', id, message: error.message, exitCode: error.exitCode }
      : { kind: 'failed', id, message: (error as Error).message, stack: (error as Error).stack ?? String(error) });
  }
}

async function checkAll(id: number, dirs: readonly string[], options: CheckOptions, resolvesLinks: boolean): Promise<CheckedBriefing[]> {
  const checked: CheckedBriefing[] = [];
  for (const dir of dirs) checked.push(await checkBriefing(dir, reads.readerFor(id, resolvesLinks), options));
  return checked;
}
