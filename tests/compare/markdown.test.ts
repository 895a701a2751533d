// Text from a build printed into Markdown stays text: a folder name with a newline, backticks or pipes cannot
// start a heading, close its code span or end a table cell (diff --format markdown, the CI job summary).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffBuilds } from '../../pipeline/compare/diff.js';
import { markdownCode, markdownCodeBlock, markdownText } from '../../pipeline/compare/markdown.js';
import { diffMarkdown } from '../../pipeline/compare/report.js';
import type { Manifest } from '../../pipeline/model/manifest.js';
import { diffChanges, shardSummary } from '../../scripts/ci.js';
import { briefpress } from '../support/cli.js';

const HOSTILE = 'x`\n# Injected heading\r\n| a | b |\u2028- [link](https://evil.example) <img src=x>``';

const manifest = (briefing: string): Manifest => ({ briefing, inputs: [], outputs: [] }) as unknown as Manifest;

/** Lines a Markdown reader would take as structure: headings, list items, table rows, fences. */
const structuralLines = (markdown: string) => markdown.split('\n').filter((line) => /^(#|\||-|```)/.test(line));

describe('Markdown from untrusted text', () => {
  it('a briefing id with line breaks and backticks stays inside its code span', () => {
    const markdown = diffMarkdown(diffBuilds([], [manifest(HOSTILE)]));
    expect(markdown).not.toMatch(/^# Injected/m);
    expect(markdown).not.toMatch(/^\| a \| b \|/m);
    // As text the link's brackets are escaped, and the URL's "://" so that GitHub does not link it bare; in the code
    // span they are literal.
    expect(markdown).toContain('\\[link\\](https\\://evil.example)');
    expect(structuralLines(markdown).every((line) => !line.includes('Injected') || line.startsWith('| ') || line.startsWith('### '))).toBe(true);
    // Exactly one table row per briefing, with four cells: the pipes inside the id are escaped.
    const row = markdown.split('\n')[2]!;
    expect(row.split(/(?<!\\)\|/).length).toBe(6);
  });

  it('code spans, text and code blocks cannot be closed from inside', () => {
    expect(markdownCode('a``b')).toBe('```a``b```');
    expect(markdownCode('`x')).toBe('`` `x ``');
    expect(markdownCode('a\nb|c')).toBe('`a b\\|c`');
    expect(markdownText('a\r# b\u2028c')).toBe('a # b c');
    expect(markdownCodeBlock('x\n```\n# y')).toBe('````\nx\n```\n# y\n````');
  });

  it('text opens no autolink and no strikethrough under GitHub\'s renderer (issue 31)', () => {
    // GFM links "http(s)://…" and "www.…" and e-mail addresses without brackets, and strikes ~~…~~ (and ~…~).
    expect(markdownText('see https://evil.example/x and WWW.evil.example, write to a.b@evil.example, ~~gone~~ ~old~'))
      .toBe('see https\\://evil.example/x and WWW\\.evil.example, write to a.b\\@evil.example, \\~\\~gone\\~\\~ \\~old\\~');
    // Ordinary text is left as it was written.
    expect(markdownText('Q3: 5.4 % (www is fine), ftp at 10:30')).toBe('Q3: 5.4 % (www is fine), ftp at 10:30');
  });

  it('the CI summary quotes a failed diff\'s stderr in a fence, not as Markdown (issue 31)', () => {
    const stderr = 'briefpress: .previous/x/manifest.json is not a briefpress manifest: "briefing" ~~x~~\n# Injected https://evil.example\n';
    expect(diffChanges({ status: 2, stdout: '', stderr })).toBe(
      '**briefpress diff failed** (exit code 2):\n\n```\nbriefpress: .previous/x/manifest.json is not a briefpress manifest: "briefing" ~~x~~\n# Injected https://evil.example\n```\n',
    );
    expect(diffChanges({ status: 0, stdout: '## Changes\n', stderr: '' })).toBe('## Changes\n');
  });

  it('the CI job summary escapes ids and the build output it quotes', () => {
    const summary = shardSummary(
      { shard: '1/1', briefings: [HOSTILE], rebuilt: [HOSTILE], upToDate: [], notBuilt: [], exitCode: 3, problems: 'failed\n```\n# Injected from the log' } as never,
      { name: 'briefings', url: '', retentionDays: '7' },
      '',
    );
    // The log is quoted in a fence longer than any run of backticks in it, so its own ``` does not close it.
    const block = '````\nfailed\n```\n# Injected from the log\n````';
    expect(summary).toContain(block);
    expect(summary.replace(block, '')).not.toMatch(/^# Injected/m);
    expect(summary).not.toMatch(/^\| a \| b \|/m);
  });
});

describe('briefpress diff with something other than a build', () => {
  it('a FIFO or a link to /dev/zero as OLD is a one-line usage error, not a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefpress-diff-odd-'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    symlinkSync('/dev/zero', join(dir, 'zero'));
    mkdirSync(join(dir, 'new'));
    writeFileSync(join(dir, 'new', 'manifest.json'), JSON.stringify({ briefing: 'x', inputs: [], outputs: [] }));
    for (const odd of ['fifo', 'zero']) {
      const run = await briefpress(['diff', join(dir, odd), join(dir, 'new')]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`briefpress: ${join(dir, odd)} is neither a file nor a folder (a FIFO or a device); give a manifest.json or an output folder\n`);
    }
  });
});
