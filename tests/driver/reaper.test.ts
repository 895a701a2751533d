// The browser dies with briefpress however briefpress dies, and a probe of the browser leaves nothing behind.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserStamp } from '../../pipeline/driver/browser.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rows of `ps`: pid, parent pid, process group, state, command line. */
function processes(): { pid: number; ppid: number; pgid: number; state: string; args: string }[] {
  return execFileSync('ps', ['-ww', '-eo', 'pid=,ppid=,pgid=,stat=,args='], { encoding: 'utf8' }).split('\n').filter(Boolean).map((line) => {
    const [pid, ppid, pgid, state, ...args] = line.trim().split(/\s+/);
    return { pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), state: state!, args: args.join(' ') };
  });
}

const running = (pid: number) => processes().some((p) => p.pid === pid && !p.state.startsWith('Z'));

/** Waits up to `ms` for `done`; true when it came. */
async function within(ms: number, done: () => boolean): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(100)) if (done()) return true;
  return done();
}

/** A fake browser whose --version starts a long-lived child (its pid written to a file), then answers or hangs. */
function fakeBrowser(answers: boolean): { path: string; childPid: () => number } {
  const dir = mkdtempSync(join(tmpdir(), 'briefpress-fake-browser-'));
  const path = join(dir, 'chromium');
  writeFileSync(path, `#!/bin/sh\nsleep 300 &\necho $! > "${dir}/child"\n${answers ? 'echo "Fake Chromium 1.0"' : 'sleep 300'}\n`);
  chmodSync(path, 0o755);
  return { path, childPid: () => Number(readFileSync(join(dir, 'child'), 'utf8')) };
}

describe('processes briefpress starts', () => {
  it('a --version probe that hangs is given up on, and every process it started is killed', async () => {
    const fake = fakeBrowser(false);
    const started = Date.now();
    expect(await browserStamp(fake.path, { timeoutMs: 500 })).toMatch(/^unknown version \(/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await within(2_000, () => !running(fake.childPid()))).toBe(true);
  });

  it('a --version probe that answers leaves no child behind either', async () => {
    const fake = fakeBrowser(true);
    expect(await browserStamp(fake.path, { timeoutMs: 5_000 })).toMatch(/^Fake Chromium 1\.0 \(/);
    expect(await within(2_000, () => !running(fake.childPid()))).toBe(true);
  });

  it('kill -9 of briefpress mid-build ends its browser and removes its profile within 10 s', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'briefpress-reaped-')), 'reaped');
    cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
    const cli = spawn(process.execPath, ['dist/pipeline/cli.js', 'build', dir, '--out', join(dir, '..', 'out'), '--formats', 'pdf', '--quiet'], { stdio: 'ignore' });
    let browser: ReturnType<typeof processes>[number] | undefined;
    await within(30_000, () => (browser = processes().find((p) => p.ppid === cli.pid && p.args.includes('--user-data-dir='))) !== undefined);
    expect(browser, 'the build started no browser').toBeDefined();
    const profile = /--user-data-dir=(\S+)/.exec(browser!.args)?.[1];
    cli.kill('SIGKILL');
    const group = browser!.pgid;
    const alive = (p: ReturnType<typeof processes>[number]) => !p.state.startsWith('Z') && (p.pgid === group || p.args.includes(profile!));
    expect(await within(10_000, () => !processes().some(alive))).toBe(true);
    expect(profile && (await within(2_000, () => !existsSync(profile)))).toBe(true);
  }, 45_000);
});
