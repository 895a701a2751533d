// Content that tries to reach the network: planted references to a local server must cause zero requests,
// whether the briefing builds (Markdown and raw HTML are neutralised) or is refused (a chart that loads data).
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser } from '../../pipeline/driver/browser.js';
import { briefpress } from '../support/cli.js';
import { changedBriefing, DEFAULT_BRIEFING_DIR, loadDefaultBriefing } from '../support/default-briefing.js';
import { htmlOf, pdfOf } from '../support/stages.js';

const ID = 'ai-security-workforce-2024';
let server: Server;
let base: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.end('');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  requests.length = 0;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function hostileCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'briefpress-hostile-')), ID);
  cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
  return dir;
}

describe('rendering hostile content', () => {
  const hostileMarkdown = () => [
    '',
    `![remote image](${base}/markdown-image.png)`,
    '',
    `<img src="${base}/raw-img.png"> <link rel="stylesheet" href="${base}/raw-link.css">`,
    '',
    `<style>body { background: url(${base}/css-url.png) }</style>`,
    '',
    `<iframe src="${base}/iframe"></iframe> <object data="${base}/object"></object>`,
    '',
    `<svg><image href="${base}/svg-image.png"/></svg> [a link](${base}/link)`,
    '',
  ].join('\n');

  it('refuses to build a briefing full of remote references, naming each, and loads nothing', async () => {
    const dir = hostileCopy();
    appendFileSync(join(dir, 'sections/01-trends.md'), hostileMarkdown());
    const run = await briefpress(['build', dir, '--out', mkdtempSync(join(tmpdir(), 'briefpress-hostile-out-'))]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/01-trends\.md:\d+:1 error BP802 image "http:\/\/127\.0\.0\.1:\d+\/markdown-image\.png"/);
    expect(run.stderr).toMatch(/01-trends\.md:\d+:1 warning BP803 raw HTML <img>/);
    expect(requests).toEqual([]);
  });

  it('renders the same content harmlessly when validation is bypassed: HTML and PDF make no request', async () => {
    const briefing = await loadDefaultBriefing();
    const hostile = changedBriefing(briefing, { sections: briefing.briefing.sections.map((s, i) => (i === 0 ? { ...s, markdown: s.markdown + hostileMarkdown() } : s)) });
    const html = await htmlOf(hostile);
    expect(html).not.toMatch(/<(img|link|iframe|object|style|image)[^>]*127\.0\.0\.1/);
    const browser = await launchBrowser(await findBrowser());
    try {
      await pdfOf({ briefing: hostile, html, browser, pageSize: 'a4' });
    } finally {
      await browser.close();
    }
    expect(requests).toEqual([]);
  });

  it('refuses a chart that would load data from a URL, and loads nothing', async () => {
    const dir = hostileCopy();
    const chart = join(dir, 'charts/ai-share-software-postings.yaml');
    writeFileSync(chart, readFileSync(chart, 'utf8').replace('spec:\n', `spec:\n  layer:\n    - data: { url: "${base}/vega-data.csv" }\n      mark: point\n`));
    const run = await briefpress(['build', dir, '--out', mkdtempSync(join(tmpdir(), 'briefpress-hostile-out-'))]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/ai-share-software-postings\.yaml:\d+:\d+ error BP804 chart "ai-share-software-postings" refers to an external resource \("data"\)/);
    expect(requests).toEqual([]);
  });

  it('positive control: the same markup in an unguarded page of the same browser does reach the spy server', async () => {
    const browser = await launchBrowser(await findBrowser());
    try {
      const page = await browser.newPage();
      await page.setContent(`<img src="${base}/markdown-image.png"><link rel="stylesheet" href="${base}/raw-link.css">`, { waitUntil: 'load' });
    } finally {
      await browser.close();
    }
    expect(requests.sort()).toEqual(['/markdown-image.png', '/raw-link.css']);
  });
});
