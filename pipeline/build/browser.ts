// Finds and launches the Chromium that prints the PDF. Puppeteer never downloads one here (.puppeteerrc.cjs);
// the browser is looked for in this order: PUPPETEER_EXECUTABLE_PATH, Puppeteer's own cache, then
// chromium or google-chrome on PATH. scripts/ensure-tools.sh installs Debian's chromium when none is found.
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { realpath, rm, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Browser } from 'puppeteer';
import { CliError, EXIT } from '../diagnostics/errors.js';
import { runGrouped, startReaper } from './reaper.js';

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Flags that let Chromium run as root in a container with no network to phone home to. */
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new CliError(`PUPPETEER_EXECUTABLE_PATH is set to ${fromEnv}, which is not an executable file.`, EXIT.renderFailure);
  }
  const cached = await puppeteerCachedBrowser(env);
  if (cached && isExecutable(cached)) return cached;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  throw new CliError(
    'No Chromium found to print the PDF. Install one with `sudo bash scripts/ensure-tools.sh browser` ' +
      '(Debian: apt-get install chromium), or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium binary. ' +
      'To build without a browser, use --outputs html,xlsx.',
    EXIT.renderFailure,
  );
}

/** Puppeteer's own download, if any. Loading Puppeteer costs ~0.1 s, so it is asked only when its cache folder exists. */
async function puppeteerCachedBrowser(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (!existsSync(env.PUPPETEER_CACHE_DIR ?? join(homedir(), '.cache', 'puppeteer'))) return undefined;
  const { default: puppeteer } = await import('puppeteer');
  try {
    return puppeteer.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * Which browser this is, for the cache key, without launching it (~0.3 s): its `--version` line plus the resolved
 * executable's path, size and modification time, so an upgrade or a rebuilt package of the same version both count.
 */
export async function browserStamp(executablePath: string, timeoutMs = 10_000): Promise<string> {
  const resolved = await realpath(executablePath);
  const { size, mtimeMs } = await stat(resolved);
  // In a group of its own, killed whole when it answers or runs out of time: a wrapper script's children too.
  const probe = await runGrouped(executablePath, ['--version'], timeoutMs);
  const version = probe.ok ? probe.stdout.trim() : 'unknown version';
  return `${version} (${resolved}, ${size} bytes, modified ${new Date(mtimeMs).toISOString()})`;
}

/**
 * Launches the browser with a throwaway profile, removed the moment the browser exits. Puppeteer's own clean-up
 * removes its ~200 files asynchronously, which held the process open ~50 ms after the build was done. The profile
 * lives in memory (/dev/shm) where there is one: removing it takes ~3 ms there, 15–25 ms on disk.
 */
export async function launchBrowser(executablePath: string): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer');
  const userDataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'briefpress-chromium-'));
  const removeProfile = async () => {
    try {
      rmSync(userDataDir, { recursive: true, force: true });
    } catch {
      // A helper process outlived the browser and was still writing: try again, patiently.
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 10 }).catch(() => undefined);
    }
  };
  // Started before the browser, so that briefpress killed even while Chromium starts leaves nothing running: the
  // reaper kills every process whose command line names this profile, then removes it.
  const reaper = startReaper({ marker: userDataDir });
  try {
    const browser = await puppeteer.launch({ executablePath, headless: true, args: LAUNCH_ARGS, timeout: 60_000, userDataDir });
    const child = browser.process();
    if (child) {
      profileRemovals.set(browser, new Promise((resolve) => child.once('exit', () => {
        reaper.stop();
        void removeProfile().then(resolve);
      })));
    }
    return browser;
  } catch (error) {
    reaper.stop();
    await removeProfile();
    throw error;
  }
}

/** Settles when a launched browser's profile is gone, so whoever ends the browser can wait for its clean-up. */
const profileRemovals = new WeakMap<Browser, Promise<void>>();

/**
 * Ends the browser at once, with every process it started: its profile is thrown away, so a graceful shutdown
 * saves nothing and takes ~110 ms instead of ~40. Puppeteer starts Chromium as the leader of a process group.
 */
export async function killBrowser(browser: Browser): Promise<void> {
  const pid = browser.process()?.pid;
  if (pid !== undefined) {
    try {
      process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  await browser.close();
  // On a busy machine a helper process can hold the profile for a moment: the build is done once it is gone.
  await profileRemovals.get(browser);
}
