// The author's loop: serve the preview on 127.0.0.1, rebuild it whenever a file of the briefing, the
// templates or the styles changes, and tell open pages to reload (server-sent events). A failed rebuild
// leaves the last good page up with the problems above it. Only loopback is bound, and a request naming
// another host is refused, so a web page elsewhere cannot read the preview through DNS rebinding.
import { randomBytes } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, normalize } from 'node:path';
import { CliError, EXIT } from '../diagnostics/errors.js';
import { buildPreview, EVENTS_PATH, previewPage, type PreviewEffects, type PreviewState } from './preview.js';

export interface WatchOptions {
  dir: string;
  /** 0 picks a free port. */
  port: number;
  /** Folders besides the briefing's whose changes rebuild the preview: templates and styles. */
  alsoWatch: readonly string[];
  effects: PreviewEffects;
  /** Where a problem that is not the briefing's goes (a folder no longer watched); the briefing's go to progress. */
  report(text: string): void;
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Editors save in bursts (write, rename, touch): one rebuild for the lot. */
const SETTLE_MS = 60;

export async function watchBriefing({ dir, port, alsoWatch, effects, report }: WatchOptions): Promise<PreviewServer> {
  const state: PreviewState = { briefing: basename(normalize(dir)), stale: false, version: 0 };
  const clients = new Set<ServerResponse>();
  let url = '';

  const rebuild = async () => {
    const result = await buildPreview(dir, effects);
    if (result.html) state.html = result.html;
    state.stale = !result.html;
    if (result.problems) state.problems = result.problems;
    else delete state.problems;
    state.version++;
    // Progress first: a live terminal line must be final before anything else is printed below it.
    if (result.html) effects.progress.done(result.briefing, { url });
    else effects.progress.failed(result.briefing, `${result.summary}${state.html ? '; the last good preview stays up' : ''}`);
    effects.progress.diagnostics(result.diagnostics, result.texts);
    for (const client of clients) client.write(`event: reload\ndata: ${state.version}\n\n`);
  };

  const server = createServer((request, response) => serve(request, response, { state, clients, port: () => (server.address() as AddressInfo).port }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new CliError(`port ${port} on ${HOST} is in use; choose another with --port (0 picks a free one)`, EXIT.usage) : error),
    );
    server.listen(port, HOST, resolve);
  });
  url = `http://${HOST}:${(server.address() as AddressInfo).port}/`;
  await rebuild();

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = rebuild().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        run();
      }
    });
  };
  const watchers: FSWatcher[] = [dir, ...alsoWatch].map((folder) =>
    watch(folder, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(run, SETTLE_MS);
    }).on('error', (error) => report(`no longer watching ${folder}: ${error.message}; restart briefpress watch\n`)),
  );

  return {
    url,
    async close() {
      for (const watcher of watchers) watcher.close();
      clearTimeout(timer);
      while (running) await running;
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

interface ServeContext {
  state: PreviewState;
  clients: Set<ServerResponse>;
  port(): number;
}

function serve(request: IncomingMessage, response: ServerResponse, { state, clients, port }: ServeContext): void {
  const text = (status: number, body: string): void => {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${body}\n`);
  };
  if (![`${HOST}:${port()}`, `localhost:${port()}`].includes(request.headers.host ?? '')) return text(403, `the preview answers only at http://${HOST}:${port()}/`);
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'the preview only serves GET');
  // Only a path is a target here (origin-form): "//x" would read as a host to new URL, which throws on "//",
  // and an absolute or "*" target names no page of this server.
  const target = request.url ?? '/';
  if (!target.startsWith('/')) return text(400, 'the preview answers only requests for a path, such as /');
  const { pathname, searchParams } = new URL(`http://${HOST}${target}`);

  if (pathname === EVENTS_PATH) {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    response.write('retry: 1000\n\n');
    // A page rendered before the latest rebuild reloads at once instead of waiting for the next one.
    if (Number(searchParams.get('since') ?? state.version) < state.version) response.write(`event: reload\ndata: ${state.version}\n\n`);
    clients.add(response);
    request.on('close', () => clients.delete(response));
    return;
  }
  if (pathname !== '/' && pathname !== '/index.html') return text(404, 'the preview has one page, at /');
  const { html, csp } = previewPage(state, randomBytes(16).toString('base64'));
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': csp,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(request.method === 'HEAD' ? undefined : html);
}
