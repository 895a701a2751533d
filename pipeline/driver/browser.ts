// Finds and launches the Chromium that prints the PDF. Puppeteer never downloads one here (.puppeteerrc.cjs);
// the browser is looked for in this order: PUPPETEER_EXECUTABLE_PATH, Puppeteer's own cache, then
// chromium or google-chrome on PATH. scripts/ensure-tools.sh installs Debian's chromium when none is found.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { realpath, rm, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Browser } from 'puppeteer';
import { CliError, EXIT } from '../diagnostics/errors.js';
import { fileOutputs } from './file-effects.js';
import { runGrouped, startReaper } from './reaper.js';

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/**
 * Renderers that never draw a briefing. Chromium 156 preloads the address bar's drop-down (two chrome:// pages) in
 * a renderer of its own, even headless: ~0.2 CPU-seconds of every launch, which a cold build on two cores waited
 * for (1.33 s instead of 1.10). It also starts a spare renderer for the next navigation, and a build never
 * navigates: ~0.05 CPU-seconds.
 */
const EXTRA_DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'SpareRendererForSitePerProcess'];

/** Flags that let Chromium run as root in a container with no network to phone home to, and start light. */
export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  // Work a print needs none of, started with every browser: the field trials a build that is not Google's turns
  // on for testing, network error reports, services started at launch, the print preview. Without them a cold
  // build spends ~0.1 CPU-seconds less (the same PDF, byte for byte).
  '--disable-field-trial-config',
  '--disable-domain-reliability',
  '--no-service-autorun',
  '--disable-print-preview',
  `--disable-features=${EXTRA_DISABLED_FEATURES.join(',')}`,
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

/** Where browserStamp keeps the versions of the browsers it has asked: the user's cache folder (XDG). */
export function browserVersionCache(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'briefpress', 'browser-versions.json');
}

/** Browsers whose versions the cache file keeps, the latest asked first. */
const VERSIONS_KEPT = 16;

/**
 * Which browser this is, for the cache key, without launching it (~0.3 s): its `--version` line plus the resolved
 * executable's path, size and modification time, so an upgrade or a rebuilt package of the same version both count.
 * Running `chromium --version` costs ~65 ms of CPU, in every build, no-change ones included, while Chromium starts
 * beside it on a cold one: the line is kept in `versionCache` (when given) under that path, size and time, and
 * asked again only of a binary that changed. A cache that cannot be read or written only means asking.
 */
export async function browserStamp(executablePath: string, { timeoutMs = 10_000, versionCache }: { timeoutMs?: number; versionCache?: string } = {}): Promise<string> {
  const resolved = await realpath(executablePath);
  const { size, mtimeMs } = await stat(resolved);
  const binary = `${resolved}, ${size} bytes, modified ${new Date(mtimeMs).toISOString()}`;
  // The wrapper script asked, not the binary it resolves to: the same command a user would run.
  const known = versionCache ? readVersions(versionCache) : {};
  let version = known[`${executablePath}\n${binary}`];
  if (version === undefined) {
    // In a group of its own, killed whole when it answers or runs out of time: a wrapper script's children too.
    const probe = await runGrouped(executablePath, ['--version'], timeoutMs);
    version = probe.ok ? probe.stdout.trim() : 'unknown version';
    if (probe.ok && versionCache) {
      const kept = Object.entries({ [`${executablePath}\n${binary}`]: version, ...known }).slice(0, VERSIONS_KEPT);
      // Whole or not at all, like an output; a cache folder that cannot be written is left alone.
      await fileOutputs.write(versionCache, `${JSON.stringify(Object.fromEntries(kept), null, 2)}\n`).catch(() => undefined);
    }
  }
  return `${version} (${binary})`;
}

function readVersions(file: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

/**
 * The flags puppeteer.launch gives Chromium, from Puppeteer's defaultArgs for a headless browser with this profile
 * and LAUNCH_ARGS, then the debugging port it asks for. Written out here so that Chromium can start before
 * Puppeteer has loaded; tests/driver/browser.test.ts keeps them equal to what Puppeteer would pass.
 */
export function chromiumArgs(userDataDir: string): string[] {
  return [
    '--allow-pre-commit-input',
    '--disable-background-networking',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-breakpad',
    '--disable-client-side-phishing-detection',
    '--disable-component-extensions-with-background-pages',
    '--disable-crash-reporter',
    '--disable-default-apps',
    '--disable-dev-shm-usage',
    '--disable-hang-monitor',
    '--disable-infobars',
    '--disable-ipc-flooding-protection',
    '--disable-popup-blocking',
    '--disable-prompt-on-repost',
    '--disable-renderer-backgrounding',
    '--disable-search-engine-choice-screen',
    '--disable-sync',
    '--enable-automation',
    '--export-tagged-pdf',
    '--force-color-profile=srgb',
    '--generate-pdf-document-outline',
    '--metrics-recording-only',
    '--no-first-run',
    '--password-store=basic',
    '--use-mock-keychain',
    // Puppeteer's, then LAUNCH_ARGS's: Chromium heeds only the last --disable-features, so Puppeteer merges them.
    `--disable-features=${['Translate', 'AcceptCHFrame', 'MediaRouter', 'OptimizationHints', 'WebUIReloadButton', 'ProcessPerSiteUpToMainFrameThreshold', 'IsolateSandboxedIframes', ...EXTRA_DISABLED_FEATURES].join(',')}`,
    '--enable-features=PdfOopif',
    `--user-data-dir=${userDataDir}`,
    '--headless=new',
    '--hide-scrollbars',
    '--mute-audio',
    '--disable-extensions',
    'about:blank',
    ...LAUNCH_ARGS.filter((arg) => !arg.startsWith('--disable-features=')),
    '--remote-debugging-port=0',
  ];
}

const LAUNCH_TIMEOUT_MS = 60_000;
const EXIT_OUTPUT_MS = 1_000;

/**
 * Launches the browser with a throwaway profile, removed the moment the browser exits. Chromium is started here,
 * as puppeteer.launch would start it, and Puppeteer connects once it is ready; puppeteer.launch would load
 * Puppeteer first, then start Chromium. Puppeteer's own clean-up removes the profile's ~200
 * files asynchronously, which held the process open ~50 ms after the build was done. The profile lives in memory
 * (/dev/shm) where there is one: removing it takes ~3 ms there, 15–25 ms on disk.
 */
export async function launchBrowser(executablePath: string): Promise<Browser> {
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
  // The leader of a process group of its own, so that killing the group ends every process Chromium started.
  // Chromium's temporary files, its singleton socket's folder among them, go inside the profile and with it: in
  // the system's temp folder, a browser that is killed leaves that folder behind, one per build.
  const temp = join(userDataDir, 'tmp');
  mkdirSync(temp);
  const child = spawn(executablePath, chromiumArgs(userDataDir), { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TMPDIR: temp } });
  const exited = new Promise<void>((resolve) => {
    let done = false;
    const cleanUp = () => {
      if (done) return;
      done = true;
      ended(child);
      reaper.stop();
      void removeProfile().then(resolve);
    };
    // A browser that could not be started at all reports an error and never exits.
    child.once('exit', cleanUp).once('error', cleanUp);
  });
  started(child);
  try {
    const endpoint = await devToolsEndpoint(child, executablePath);
    // Loaded only now (~60 ms of this thread): while Chromium starts, this thread loads and hashes the briefings,
    // which the worker threads wait for. puppeteer-core, which is all that connecting needs, is bundled into
    // dist/ and so read with the V8 code cache; the `puppeteer` package around it adds a configuration loader that
    // only launching and downloading use.
    const { default: puppeteer } = await import('puppeteer-core');
    const browser = await puppeteer.connect({ browserWSEndpoint: endpoint });
    // puppeteer.launch waits for the first tab too: it is the page pool's first spare.
    await browser.waitForTarget((target) => target.type() === 'page', { timeout: LAUNCH_TIMEOUT_MS });
    // A connected browser knows no process and closes by asking; this one was launched here, so it answers with its
    // process and closes as killBrowser ends it.
    browser.process = () => child;
    browser.close = () => killBrowser(browser);
    profileRemovals.set(browser, exited);
    return browser;
  } catch (error) {
    killGroup(child);
    await exited;
    throw error;
  }
}

/** The endpoint Chromium prints on stderr once it is ready: "DevTools listening on ws://…". */
function devToolsEndpoint(child: ChildProcess, executablePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Chromium (${executablePath}) was not ready after ${LAUNCH_TIMEOUT_MS / 1000} s`)), LAUNCH_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-16_384);
      const endpoint = /^DevTools listening on (ws:\/\/.*)$/m.exec(output)?.[1];
      if (endpoint) settle(() => resolve(endpoint.trim()));
    };
    // The exit can come before the last of what was written to stderr has been read: the report waits for the end
    // of stderr, or EXIT_OUTPUT_MS when a process the browser started still holds the pipe open.
    const onExit = (code: number | null, signal: string | null) => {
      const report = () => fail(new Error(`Chromium (${executablePath}) exited before it was ready (${signal ?? `exit code ${code}`}):\n${output.trim()}`));
      if (child.stderr!.readableEnded) return report();
      const wait = setTimeout(report, EXIT_OUTPUT_MS);
      child.stderr!.once('end', () => {
        clearTimeout(wait);
        report();
      });
    };
    const fail = (error: Error) => settle(() => reject(error));
    let settled = false;
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stderr!.off('data', onData);
      child.off('exit', onExit);
      child.off('error', fail);
      // What Chromium writes later is read and dropped, so that it never blocks on a full pipe.
      child.stderr!.resume();
      then();
    };
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
    child.once('error', fail);
  });
}

/** Settles when a launched browser's profile is gone, so whoever ends the browser can wait for its clean-up. */
const profileRemovals = new WeakMap<Browser, Promise<void>>();

/**
 * Ends the browser at once, with every process it started: its profile is thrown away, so a graceful shutdown
 * saves nothing and takes ~110 ms instead of ~40.
 */
export async function killBrowser(browser: Browser): Promise<void> {
  const child = browser.process();
  if (child) killGroup(child);
  await browser.disconnect();
  // On a busy machine a helper process can hold the profile for a moment: the build is done once it is gone.
  await profileRemovals.get(browser);
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Browsers still running. As with puppeteer.launch, they are killed when this process exits, and on SIGINT
 * (then the process exits with 130), SIGTERM or SIGHUP; the reaper covers a death no handler sees.
 */
const running = new Set<ChildProcess>();
const killAll = () => {
  for (const child of running) killGroup(child);
};
const interrupted = () => {
  killAll();
  process.exit(130);
};

function started(child: ChildProcess): void {
  if (running.size === 0) {
    process.on('exit', killAll);
    process.on('SIGINT', interrupted);
    process.on('SIGTERM', killAll);
    process.on('SIGHUP', killAll);
  }
  running.add(child);
}

function ended(child: ChildProcess): void {
  if (!running.delete(child) || running.size > 0) return;
  process.off('exit', killAll);
  process.off('SIGINT', interrupted);
  process.off('SIGTERM', killAll);
  process.off('SIGHUP', killAll);
}
