import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser } from '../../pipeline/driver/browser.js';
import { loadDocumentFonts } from '../../pipeline/theme/fonts.js';
import { buildPreview, previewPage, type PreviewEffects } from '../../pipeline/preview/preview.js';
import { createProgress } from '../../pipeline/cli/progress.js';
import { loadTemplates, TEMPLATES_DIR } from '../../pipeline/theme/templates.js';
import { watchBriefing, type PreviewServer } from '../../pipeline/preview/watch.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';
import { editDefault, FIXTURE_DIR, memoryBriefing } from '../support/memory-briefing.js';

const ID = 'ai-security-workforce-2024';
/** Bounds every wait on the server, so a broken watcher fails the test instead of hanging it. */
const WAIT_MS = 20_000;

/** Effects for a preview; what the terminal would show (quiet: problems only) goes to `write`. */
const effectsWith = (reader: PreviewEffects['reader'], templatesDir = TEMPLATES_DIR, write: (text: string) => unknown = () => true): PreviewEffects => ({
  reader,
  templates: () => loadTemplates(templatesDir),
  fonts: () => loadDocumentFonts(),
  toolVersion: '0.0.0-test',
  progress: createProgress('quiet', { write }),
});

const nonceOf = (html: string) => /<script nonce="([^"]+)">/.exec(html)?.[1];

describe('preview', () => {
  it('renders the page the build would, with no script in it', async () => {
    const built = await buildPreview(FIXTURE_DIR, effectsWith(memoryBriefing()));
    expect(built.problems).toBeUndefined();
    expect(built.html).toContain('5.98%');
    expect(built.html).toContain('Content-Security-Policy');
    expect(built.html).not.toMatch(/<script/i);
  });

  it('reports validation errors with their locations, and no page', async () => {
    const built = await buildPreview(FIXTURE_DIR, effectsWith(memoryBriefing(editDefault('data-points.yaml', 'source: mckinsey-2024', 'source: mckinsey'))));
    expect(built.html).toBeUndefined();
    expect(built.summary).toBe('1 error, 0 warnings');
    expect(built.problems).toContain('data/fixture/data-points.yaml:48:13 error BP301');
  });

  it('serves the page with one reload script, allowed by a nonce in a header that replaces the CSP meta', async () => {
    const { html: page } = await buildPreview(FIXTURE_DIR, effectsWith(memoryBriefing()));
    const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page!)![1]!;
    const { html, csp } = previewPage({ briefing: 'fixture', html: page!, stale: false, version: 3 }, 'bm9uY2U=');
    expect(html).not.toContain('Content-Security-Policy');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(nonceOf(html)).toBe('bm9uY2U=');
    expect(html).toContain('new EventSource("/__briefpress/events?since=3")');
    expect(csp).toBe(`${policy}; script-src 'nonce-bm9uY2U='; connect-src 'self'`);
    expect(html).not.toContain('briefpress-problems');
  });

  it('shows problems above the last good page, escaped; before any good build, a page of problems alone', () => {
    const problems = 'sections/01.md:1:1 error BP201 citation [@<script>] does not match';
    const stale = previewPage({ briefing: 'fixture', html: '<!DOCTYPE html><html><head></head><body class="x"><p>last good</p></body></html>', problems, stale: true, version: 1 }, 'n');
    expect(stale.html).toMatch(/<body class="x">\n<aside id="briefpress-problems" role="alert"[^>]*><strong>Not rebuilt: fix these and save\. Below is the last good preview\.<\/strong>/);
    expect(stale.html).toContain('[@&lt;script&gt;]');
    expect(stale.html).toContain('<p>last good</p>');
    expect(stale.csp).toBe("script-src 'nonce-n'; connect-src 'self'");
    const first = previewPage({ briefing: 'fixture', problems, stale: true, version: 1 }, 'n');
    expect(first.html).toContain('Not built yet: fix these and save.');
    expect(first.html).toContain('<title>fixture: preview</title>');
  });
});

/** Reads server-sent events; `reloaded` waits for the next reload event, up to WAIT_MS. */
async function eventStream(url: string) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const read = async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no event from the preview within ${WAIT_MS} ms`)), WAIT_MS);
    });
    try {
      return await Promise.race([reader.read(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    response,
    async reloaded(): Promise<void> {
      for (;;) {
        const match = /event: reload\ndata: \d+\n\n/.exec(buffer);
        if (match) {
          buffer = buffer.slice(match.index + match[0].length);
          return;
        }
        const chunk = await read();
        if (chunk.done) throw new Error('the event stream ended');
        buffer += chunk.value;
      }
    },
    /** Resolves when the server ends the stream. */
    async ended(): Promise<boolean> {
      for (;;) if ((await read()).done) return true;
    },
    close: () => controller.abort(),
  };
}

describe('watch', () => {
  let briefingDir: string;
  let templatesDir: string;
  let server: PreviewServer;
  const reported: string[] = [];
  const edit = (file: string, search: string, replacement: string) => {
    const path = join(briefingDir, file);
    const text = readFileSync(path, 'utf8');
    if (!text.includes(search)) throw new Error(`${file} lacks ${search}`);
    writeFileSync(path, text.replace(search, replacement));
  };
  const page = async () => (await fetch(server.url)).text();
  /** Rebuilds come as reload events; an editor's save may cause more than one, so wait until the page shows it. */
  const untilPage = async (events: Awaited<ReturnType<typeof eventStream>>, shows: (html: string) => boolean) => {
    for (;;) {
      await events.reloaded();
      const html = await page();
      if (shows(html)) return html;
    }
  };

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'briefpress-watch-'));
    briefingDir = join(root, ID);
    templatesDir = join(root, 'templates');
    cpSync(DEFAULT_BRIEFING_DIR, briefingDir, { recursive: true });
    cpSync(TEMPLATES_DIR, templatesDir, { recursive: true });
    const { fileReader } = await import('../../pipeline/driver/file-reader.js');
    server = await watchBriefing({ dir: briefingDir, port: 0, alsoWatch: [templatesDir], effects: effectsWith(fileReader, templatesDir, (text) => reported.push(text)), report: (text) => reported.push(text) });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('answers any request target with a status, never a crash ("GET //" threw an uncaught TypeError, issue 31)', async () => {
    const { port } = new URL(server.url);
    const status = (path: string) => new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}` } }, (res) => resolve(res.statusCode!)).on('error', reject).end();
    });
    expect(await status('//')).toBe(404);
    expect(await status('//evil.example/')).toBe(404);
    expect(await status('/%')).toBe(404);
    expect(await status('http://127.0.0.1/')).toBe(400);
    expect(await status('*')).toBe(400);
    expect((await fetch(server.url)).status).toBe(200);
  }, 10_000);

  it('serves the preview on 127.0.0.1 only', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain(`'nonce-${nonceOf(await response.text())}'`);
    expect((await fetch(new URL('/elsewhere', server.url))).status).toBe(404);
    const foreignHost = await new Promise<number>((resolve, reject) => {
      const { port } = new URL(server.url);
      request({ host: '127.0.0.1', port, path: '/', headers: { host: `attacker.example:${port}` } }, (res) => resolve(res.statusCode!)).on('error', reject).end();
    });
    expect(foreignHost).toBe(403);
    const taken = Number(new URL(server.url).port);
    await expect(watchBriefing({ dir: briefingDir, port: taken, alsoWatch: [], effects: effectsWith(memoryBriefing()), report: () => {} })).rejects.toThrow(
      `port ${taken} on 127.0.0.1 is in use; choose another with --port (0 picks a free one)`,
    );
  });

  it('rebuilds on a change to the data, then shows errors over the last good page, then recovers', async () => {
    const since = /since=(\d+)/.exec(await page())![1];
    const events = await eventStream(new URL(`/__briefpress/events?since=${since}`, server.url).href);
    try {
      expect(events.response.headers.get('content-type')).toBe('text/event-stream');
      edit('data-points.yaml', 'label: "Job postings demanding AI skills"', 'label: "Postings that ask for AI skills"');
      await untilPage(events, (html) => html.includes('Postings that ask for AI skills'));

      edit('data-points.yaml', 'source: mckinsey-2024', 'source: mckinsey');
      const broken = await untilPage(events, (html) => html.includes('briefpress-problems'));
      expect(broken).toContain('Not rebuilt: fix these and save. Below is the last good preview.');
      expect(broken).toMatch(/data-points\.yaml:48:13 error BP301 data point &quot;automatable-work-hours-2030&quot; names source &quot;mckinsey&quot;/);
      expect(broken).toContain('Postings that ask for AI skills');
      expect(reported.join('')).toMatch(/data-points\.yaml:48:13 error BP301/);

      edit('data-points.yaml', 'source: mckinsey', 'source: mckinsey-2024');
      const fixed = await untilPage(events, (html) => !html.includes('briefpress-problems'));
      expect(fixed).toContain('Postings that ask for AI skills');
    } finally {
      events.close();
    }
  });

  it('rebuilds on a change to the styles', async () => {
    const since = /since=(\d+)/.exec(await page())![1];
    const events = await eventStream(new URL(`/__briefpress/events?since=${since}`, server.url).href);
    try {
      writeFileSync(join(templatesDir, 'briefing.css'), `${readFileSync(join(templatesDir, 'briefing.css'), 'utf8')}\n.edited-in-watch-test { color: red; }\n`);
      await untilPage(events, (html) => html.includes('.edited-in-watch-test'));
    } finally {
      events.close();
    }
  });

  it('reloads the page in a browser, the script allowed by the policy', async () => {
    const browser = await launchBrowser(await findBrowser());
    try {
      const tab = await browser.newPage();
      const refused: string[] = [];
      tab.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      await tab.goto(server.url);
      edit('data-points.yaml', 'value: 5.4', 'value: 5.7');
      await tab.waitForFunction(() => document.body.textContent!.includes('5.7%'), { timeout: WAIT_MS });
      expect(refused).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('stops: the event streams end and the port is released', async () => {
    const events = await eventStream(new URL('/__briefpress/events', server.url).href);
    await server.close();
    expect(await events.ended()).toBe(true);
    await expect(fetch(server.url)).rejects.toThrow();
  });
});

describe('briefpress watch', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints the address, serves it, and exits 0 on Ctrl-C', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'briefpress-watch-cli-')), ID);
    cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
    // The compiled binary, as users run it: Ctrl-C is a signal to a process of its own.
    child = spawn(process.execPath, ['dist/pipeline/cli.js', 'watch', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address printed within ${WAIT_MS} ms:\n${stderr}`)), WAIT_MS);
      child!.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /preview of .* at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    expect(stderr).toContain(`built ${ID}: preview → ${url}`);
    expect((await fetch(url)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('--json: versioned events, the preview\'s address in url (never folder), a summary when stopped', async () => {
    const { briefpress } = await import('../support/cli.js');
    const run = await briefpress(['watch', DEFAULT_BRIEFING_DIR, '--port', '0', '--json'], { stopWhen: (stdout) => stdout.includes('"event":"info"') });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const events = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(events.every((event) => event.version === 1)).toBe(true);
    const done = events.find((event) => event.event === 'done');
    expect(done).toEqual({ version: 1, event: 'done', briefing: ID, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/) });
    expect(events.find((event) => event.event === 'info')).toMatchObject({ url: done.url });
    expect(events.at(-1)).toEqual({ version: 1, event: 'summary', built: [ID], skipped: [], failed: [], errors: 0, warnings: 0, exitCode: 0 });
  });

  it('refuses a port it cannot use, and a folder that is not a briefing', async () => {
    const { briefpress } = await import('../support/cli.js');
    expect((await briefpress(['watch', DEFAULT_BRIEFING_DIR, '--port', 'eighty'])).status).toBe(2);
    const notBriefing = await briefpress(['watch', 'templates']);
    expect(notBriefing.status).toBe(2);
    expect(notBriefing.stderr).toContain('templates is not a briefing folder');
  });
});
