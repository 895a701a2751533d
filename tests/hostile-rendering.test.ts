// Content that tries to reach the network: planted references to a local server must cause zero requests,
// whether the briefing builds (Markdown and raw HTML are neutralised) or is refused (a chart that loads data).
import { cpSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefpress } from './support/cli.js';
import { DEFAULT_BRIEFING_DIR } from './support/default-briefing.js';

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
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function hostileCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'briefpress-hostile-')), ID);
  cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
  return dir;
}

describe('rendering hostile content', () => {
  it('builds a briefing full of remote references without a single request', () => {
    const dir = hostileCopy();
    appendFileSync(join(dir, 'sections/01-trends.md'), [
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
    ].join('\n'));
    const out = mkdtempSync(join(tmpdir(), 'briefpress-hostile-out-'));
    const run = briefpress(['build', dir, '--out', out]);
    expect(run.stderr).toContain(`built ${ID}`);
    expect(requests).toEqual([]);
    const html = readFileSync(join(out, ID, `${ID}.html`), 'utf8');
    expect(html).not.toMatch(new RegExp(`(src|href|data)="${base}`.replace(/[.]/g, '\\.').replace('(src|href|data)="http', '(src|data)="http')));
    expect(html).not.toMatch(/<(img|link|iframe|object|style)[^>]*127\.0\.0\.1/);
  });

  it('refuses a chart that would load data from a URL, and loads nothing', () => {
    const dir = hostileCopy();
    const chart = join(dir, 'charts/ai-share-software-postings.yaml');
    writeFileSync(chart, readFileSync(chart, 'utf8').replace('spec:\n', `spec:\n  layer:\n    - data: { url: "${base}/vega-data.csv" }\n      mark: point\n`));
    const run = briefpress(['build', dir, '--out', mkdtempSync(join(tmpdir(), 'briefpress-hostile-out-'))]);
    expect(run.status).not.toBe(0);
    expect(requests).toEqual([]);
  });
});
