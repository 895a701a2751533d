import { describe, expect, it } from 'vitest';
import type { Progress } from '../../pipeline/driver/effects.js';
import { createProgress, formatDuration, progressMode, type ProgressMode } from '../../pipeline/cli/progress.js';
import { COLOURED } from '../../pipeline/cli/colour.js';

/** A fake stream that records what was written. */
function recorder(columns?: number) {
  const writes: string[] = [];
  return { writes, stream: { write: (text: string) => writes.push(text), columns }, text: () => writes.join('') };
}

/**
 * The screen a terminal would show for that output: understands newline, carriage return, cursor up
 * (ESC[nA) and clear to end of screen (ESC[J), the only controls the reporter uses.
 */
function screen(output: string): string[] {
  const lines: string[] = [''];
  let row = 0;
  let column = 0;
  for (const token of output.match(/\x1b\[\d*[AJ]|\r|\n|[^\x1b\r\n]+/g) ?? []) {
    if (token === '\n') {
      row++;
      column = 0;
      lines[row] ??= '';
    } else if (token === '\r') column = 0;
    else if (token.endsWith('A')) row = Math.max(0, row - Number(token.slice(2, -1) || 1));
    else if (token.endsWith('J')) {
      lines[row] = lines[row]!.slice(0, column);
      lines.length = row + 1;
    } else {
      const line = lines[row]!.padEnd(column);
      lines[row] = line.slice(0, column) + token + line.slice(column + token.length);
      column += token.length;
    }
  }
  return lines.filter((line, i) => i < lines.length - 1 || line !== '');
}

/** Two briefings built side by side, as a concurrent build would report them. */
function buildTwo(progress: Progress) {
  progress.start('alpha', 'charts');
  progress.start('beta', 'charts');
  progress.stage('alpha', 'charts', 93);
  progress.start('alpha', 'html');
  progress.stage('beta', 'charts', 12);
  progress.stage('alpha', 'html', 1540);
  progress.done('alpha', { files: ['alpha.html', 'manifest.json'], folder: 'output/alpha' });
  progress.failed('beta', 'the pdf stage failed');
}

describe('progress', () => {
  it('plain: one line per completed step, in the words build has always used', () => {
    const out = recorder();
    buildTwo(createProgress('plain', out.stream));
    expect(out.text()).toBe(
      [
        'alpha: charts 93 ms',
        'beta: charts 12 ms',
        'alpha: html 1.5 s',
        'built alpha: alpha.html, manifest.json → output/alpha',
        'beta: failed: the pdf stage failed',
        '',
      ].join('\n'),
    );
  });

  it('tty: a live line per briefing shows the running stage, then a final line with timings', () => {
    const out = recorder(120);
    const progress = createProgress('tty', out.stream);
    progress.start('alpha', 'charts');
    progress.start('beta', 'charts');
    progress.stage('alpha', 'charts', 93);
    progress.start('alpha', 'html');
    expect(screen(out.text())).toEqual(['  alpha  charts 93 ms · html…', '  beta  charts…']);
    progress.stage('beta', 'charts', 12);
    progress.stage('alpha', 'html', 1540);
    progress.done('alpha', { files: ['alpha.html', 'manifest.json'], folder: 'output/alpha' });
    expect(screen(out.text())).toEqual(['✓ alpha  charts 93 ms · html 1.5 s → output/alpha (alpha.html, manifest.json)', '  beta  charts 12 ms']);
    progress.info('serving http://127.0.0.1:4400/');
    progress.failed('beta', 'the pdf stage failed');
    expect(screen(out.text())).toEqual([
      '✓ alpha  charts 93 ms · html 1.5 s → output/alpha (alpha.html, manifest.json)',
      'serving http://127.0.0.1:4400/',
      '✗ beta  charts 12 ms · failed: the pdf stage failed',
    ]);
  });

  it('tty: diagnostics print above the live lines, which stay at the bottom', () => {
    const out = recorder(120);
    const progress = createProgress('tty', out.stream);
    progress.start('alpha', 'charts');
    progress.diagnostics([{ file: 'a.yaml', line: 1, column: 2, code: 'BP101', severity: 'error', message: 'required field "title" is missing' }], new Map());
    expect(screen(out.text())).toEqual(['a.yaml:1:2 error BP101 required field "title" is missing', '', '1 error, 0 warnings', '  alpha  charts…']);
  });

  it('json: a briefing rebuilt again and again (watch) is counted once in the summary', () => {
    const out = recorder();
    const progress = createProgress('json', out.stream);
    for (let i = 0; i < 3; i++) progress.done('alpha', { url: 'http://127.0.0.1:1/' });
    progress.failed('alpha', '1 error, 0 warnings');
    progress.summary(0);
    expect(JSON.parse(out.text().trimEnd().split('\n').at(-1)!)).toMatchObject({ built: ['alpha'], failed: ['alpha'] });
  });

  it('tty: live lines are cut to the terminal width so they can be redrawn', () => {
    const out = recorder(30);
    const progress = createProgress('tty', out.stream);
    progress.start('a-briefing-with-a-very-long-id', 'charts');
    progress.stage('a-briefing-with-a-very-long-id', 'charts', 5);
    const [line] = screen(out.text());
    expect(line).toHaveLength(29);
    expect(line!.endsWith('…')).toBe(true);
  });

  it('json: one versioned event per line, every field a machine needs, a summary last', () => {
    const out = recorder();
    const progress = createProgress('json', out.stream);
    progress.skipped(['gamma']);
    buildTwo(progress);
    progress.done('delta', { url: 'http://127.0.0.1:1/' });
    progress.info('serving', { url: 'http://127.0.0.1:1/' });
    progress.summary(3);
    const events = out.text().trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(events.every((event) => event.version === 1)).toBe(true);
    expect(events[0]).toEqual({ version: 1, event: 'skipped', briefing: 'gamma', reason: 'up to date' });
    expect(events[1]).toEqual({ version: 1, event: 'start', briefing: 'alpha', stage: 'charts' });
    expect(events).toContainEqual({ version: 1, event: 'stage', briefing: 'alpha', stage: 'html', ms: 1540 });
    expect(events).toContainEqual({ version: 1, event: 'done', briefing: 'alpha', files: ['alpha.html', 'manifest.json'], folder: 'output/alpha' });
    expect(events).toContainEqual({ version: 1, event: 'failed', briefing: 'beta', reason: 'the pdf stage failed' });
    expect(events).toContainEqual({ version: 1, event: 'done', briefing: 'delta', url: 'http://127.0.0.1:1/' });
    expect(events.at(-2)).toEqual({ version: 1, event: 'info', text: 'serving', url: 'http://127.0.0.1:1/' });
    expect(events.at(-1)).toEqual({ version: 1, event: 'summary', built: ['alpha', 'delta'], skipped: ['gamma'], failed: ['beta'], errors: 0, warnings: 0, exitCode: 3 });
  });

  it('quiet: only failures, nothing else, not even what was up to date', () => {
    const out = recorder();
    const progress = createProgress('quiet', out.stream);
    progress.skipped(['gamma']);
    buildTwo(progress);
    progress.info('serving http://127.0.0.1:4400/');
    progress.summary(0);
    expect(out.text()).toBe('beta: failed: the pdf stage failed\n');
  });

  it('colours marks and failures only when given a palette', () => {
    const out = recorder();
    const progress = createProgress('plain', out.stream, COLOURED);
    buildTwo(progress);
    expect(out.text()).toContain('\x1b[32mbuilt\x1b[39m alpha');
    expect(out.text()).toContain('beta: \x1b[1m\x1b[31mfailed\x1b[39m\x1b[22m: the pdf stage failed');
  });

  it('the flags pick the mode; a terminal gets live lines, anything else plain lines', () => {
    const cases: [{ quiet?: boolean; json?: boolean }, boolean, ProgressMode][] = [
      [{}, true, 'tty'],
      [{}, false, 'plain'],
      [{ quiet: true }, true, 'quiet'],
      [{ json: true }, true, 'json'],
    ];
    for (const [flags, interactive, mode] of cases) expect(progressMode(flags, interactive)).toBe(mode);
    expect(() => progressMode({ quiet: true, json: true }, false)).toThrow('--quiet and --json do not go together');
  });

  it('durations read as milliseconds, then seconds', () => {
    expect([formatDuration(0.4), formatDuration(999.4), formatDuration(999.6), formatDuration(12_345)]).toEqual(['0 ms', '999 ms', '1.0 s', '12.3 s']);
  });
});
