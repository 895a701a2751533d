// Finds and launches the Chromium that prints the PDF. Puppeteer never downloads one here (.puppeteerrc.cjs);
// the browser is looked for in this order: PUPPETEER_EXECUTABLE_PATH, Puppeteer's own cache, then
// chromium or google-chrome on PATH. scripts/ensure-tools.sh installs Debian's chromium when none is found.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Browser } from 'puppeteer';
import { CliError, EXIT } from './errors.js';

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Flags that let Chromium run as root in a container with no network to phone home to. */
export const LAUNCH_ARGS = [
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
  const { default: puppeteer } = await import('puppeteer');
  let cached: string | undefined;
  try {
    cached = puppeteer.executablePath();
  } catch {
    cached = undefined;
  }
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
      'To build without a browser, use --formats html,xlsx.',
    EXIT.renderFailure,
  );
}

export async function launchBrowser(executablePath: string): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer');
  return puppeteer.launch({ executablePath, headless: true, args: LAUNCH_ARGS, timeout: 60_000 });
}
