// Colour on a terminal, as compilers colour diagnostics; none when piped, when NO_COLOR is set, or in --json;
// FORCE_COLOR forces it.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { wantsColour } from '../../pipeline/cli/colour.js';
import { briefpress } from '../support/cli.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';

const ESCAPE = '\x1b[';
let broken: string;

beforeAll(() => {
  broken = join(mkdtempSync(join(tmpdir(), 'briefpress-colour-')), 'broken');
  cpSync(DEFAULT_BRIEFING_DIR, broken, { recursive: true });
  const points = join(broken, 'data-points.yaml');
  writeFileSync(points, readFileSync(points, 'utf8').replace('source: mckinsey-2024', 'source: mckinsey'));
});

describe('colour', () => {
  it('follows FORCE_COLOR first, then NO_COLOR, then TERM=dumb, then whether the stream is a terminal', () => {
    const tty = { write: () => true, isTTY: true };
    const pipe = { write: () => true };
    expect(wantsColour(tty, {})).toBe(true);
    expect(wantsColour(pipe, {})).toBe(false);
    expect(wantsColour(tty, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour(tty, { NO_COLOR: '' })).toBe(true);
    expect(wantsColour(tty, { TERM: 'dumb' })).toBe(false);
    expect(wantsColour(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColour(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(wantsColour(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(wantsColour(tty, { FORCE_COLOR: 'false' })).toBe(false);
    expect(wantsColour(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
  });

  it('on a terminal: the severity in bold red, the code dimmed, the path in cyan, the caret red', async () => {
    const run = await briefpress(['validate', broken], { tty: true });
    expect(run.status).toBe(1);
    const path = join(broken, 'data-points.yaml');
    expect(run.stderr).toContain(`\x1b[36m${path}\x1b[39m:\x1b[33m48:13\x1b[39m \x1b[1m\x1b[31merror\x1b[39m\x1b[22m \x1b[90mBP301\x1b[39m data point`);
    expect(run.stderr).toContain('\x1b[31m^\x1b[39m');
    expect(run.stderr).toContain('\x1b[36mhint:\x1b[39m Did you mean "mckinsey-2024"?');
  });

  it('none when piped, none with NO_COLOR; FORCE_COLOR colours a pipe', async () => {
    const piped = await briefpress(['validate', broken]);
    expect(piped.stderr).toContain('error BP301');
    expect(piped.stderr).not.toContain(ESCAPE);
    expect((await briefpress(['validate', broken], { tty: true, env: { NO_COLOR: '1' } })).stderr).toBe(piped.stderr);
    expect((await briefpress(['validate', broken], { env: { FORCE_COLOR: '1' } })).stderr).toContain(`\x1b[1m\x1b[31merror`);
  });

  it('never in --json, on either stream, even when forced', async () => {
    for (const args of [['validate', broken, '--json'], ['build', broken, '--outputs', 'html', '--json'], ['build', '--forse', '--json']]) {
      const run = await briefpress(args, { tty: true, env: { FORCE_COLOR: '1' } });
      expect(run.stdout + run.stderr, args.join(' ')).not.toContain(ESCAPE);
    }
  });

  it('usage errors on a terminal name briefpress in red', async () => {
    const run = await briefpress(['biuld'], { tty: true });
    expect(run.stderr).toBe("\x1b[1m\x1b[31mbriefpress:\x1b[39m\x1b[22m unknown command 'biuld'; did you mean 'build'?\n");
  });
});
