// Launching the browser: Chromium is started directly, before Puppeteer loads, with the flags puppeteer.launch
// would give it; its profile goes when it does, and one that cannot start says why.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserStamp, browserVersionCache, chromiumArgs, findBrowser, LAUNCH_ARGS, launchBrowser } from '../../pipeline/driver/browser.js';

const alive = (pid: number) => {
  try {
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim().startsWith('Z');
  } catch {
    return false;
  }
};

describe('launchBrowser', () => {
  it('starts Chromium with the flags puppeteer.launch would give it', async () => {
    const { default: puppeteer } = await import('puppeteer');
    const profile = '/tmp/briefpress-chromium-test';
    expect(chromiumArgs(profile)).toEqual([...puppeteer.defaultArgs({ headless: true, args: [...LAUNCH_ARGS], userDataDir: profile }), '--remote-debugging-port=0']);
  });

  it('connects with the puppeteer-core that puppeteer itself is built on', () => {
    const manifest = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { version: string; dependencies: Record<string, string> };
    const ours = manifest('package.json').dependencies['puppeteer-core'];
    expect(ours).toBe(manifest('node_modules/puppeteer/package.json').dependencies['puppeteer-core']);
    expect(manifest('node_modules/puppeteer-core/package.json').version).toBe(ours);
  });

  it('gives a browser that prints, knows its process and, closed, leaves neither process nor profile', async () => {
    const browser = await launchBrowser(await findBrowser());
    const child = browser.process()!;
    const profile = /--user-data-dir=(\S+)/.exec(child.spawnargs.join(' '))![1]!;
    // Where Chromium put its singleton socket: inside the profile, not in the system's temp folder.
    const socketFolder = dirname(readlinkSync(join(profile, 'SingletonSocket')));
    expect(socketFolder.startsWith(`${profile}/`), socketFolder).toBe(true);
    const page = (await browser.pages())[0]!;
    await page.setContent('<p>printed</p>');
    expect(Buffer.from(await page.pdf()).toString('latin1')).toMatch(/^%PDF-/);
    // Nothing but the tab, in the one renderer: no address bar drop-down preloaded, no spare renderer started.
    const { targetInfos } = await (await browser.target().createCDPSession()).send('Target.getTargets');
    expect(targetInfos.map((target) => `${target.type} ${target.url}`)).toEqual(['page about:blank']);
    const group = execFileSync('ps', ['-eo', 'pgid=,args='], { encoding: 'utf8' }).split('\n').filter((line) => line.trim().startsWith(`${child.pid} `));
    expect(group.filter((line) => line.includes('--type=renderer'))).toHaveLength(1);
    expect(alive(child.pid!)).toBe(true);
    await browser.close();
    expect(browser.connected).toBe(false);
    expect(existsSync(profile)).toBe(false);
    expect(existsSync(socketFolder)).toBe(false);
    expect(alive(child.pid!)).toBe(false);
  });

  it('reports what a browser that exits before it is ready wrote, and removes its profile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefpress-broken-browser-'));
    const path = join(dir, 'chromium');
    // The reason reaches stderr after the exit, as it can when the pipe is read late or a helper process writes it.
    writeFileSync(path, `#!/bin/sh\nfor arg; do case "$arg" in --user-data-dir=*) echo "\${arg#*=}" > "${dir}/profile";; esac; done\n(sleep 0.2; echo "cannot open display" >&2) &\nexit 3\n`);
    chmodSync(path, 0o755);
    await expect(launchBrowser(path)).rejects.toThrow(/exited before it was ready \(exit code 3\):\ncannot open display/);
    expect(existsSync(readFileSync(join(dir, 'profile'), 'utf8').trim())).toBe(false);
  });
});

describe('browserStamp', () => {
  /** A browser that answers --version and counts how often it was asked. */
  function countingBrowser() {
    const dir = mkdtempSync(join(tmpdir(), 'briefpress-counted-browser-'));
    const path = join(dir, 'chromium');
    writeFileSync(path, `#!/bin/sh\necho asked >> "${dir}/asked"\necho "Counted Chromium 7.0"\n`);
    chmodSync(path, 0o755);
    const asked = () => (existsSync(join(dir, 'asked')) ? readFileSync(join(dir, 'asked'), 'utf8').split('\n').filter(Boolean).length : 0);
    return { dir, path, asked };
  }

  it('asks a browser its version once, and again when the executable changes', async () => {
    const browser = countingBrowser();
    const versionCache = join(browser.dir, 'cache', 'browser-versions.json');
    const first = await browserStamp(browser.path, { versionCache });
    expect(first).toMatch(/^Counted Chromium 7\.0 \(.*chromium, \d+ bytes, modified /);
    expect(await browserStamp(browser.path, { versionCache })).toBe(first);
    expect(browser.asked()).toBe(1);
    expect(Object.values(JSON.parse(readFileSync(versionCache, 'utf8')))).toEqual(['Counted Chromium 7.0']);
    // An upgrade: another size (and time), so another stamp, asked again.
    writeFileSync(browser.path, `${readFileSync(browser.path, 'utf8')}# upgraded\n`);
    const upgraded = await browserStamp(browser.path, { versionCache });
    expect(upgraded).not.toBe(first);
    expect(browser.asked()).toBe(2);
  });

  it('asks past a cache file it cannot read, and mends it', async () => {
    const browser = countingBrowser();
    const versionCache = join(browser.dir, 'browser-versions.json');
    writeFileSync(versionCache, '{ not json');
    expect(await browserStamp(browser.path, { versionCache })).toMatch(/^Counted Chromium 7\.0 \(/);
    expect(browser.asked()).toBe(1);
    expect(Object.values(JSON.parse(readFileSync(versionCache, 'utf8')))).toEqual(['Counted Chromium 7.0']);
  });

  it('keeps the versions in the user cache folder, XDG_CACHE_HOME when set', () => {
    expect(browserVersionCache({ XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/briefpress/browser-versions.json');
    expect(browserVersionCache({})).toMatch(/\/\.cache\/briefpress\/browser-versions\.json$/);
  });
});
