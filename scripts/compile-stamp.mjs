// Whether dist/ was compiled from the sources as they are now. scripts/compile.mjs skips its work when it was;
// the test config (vitest.config.ts) then lets in-process builds start the compiled worker thread instead of
// loading its sources through tsx again in every thread (see pipeline/driver/worker-pool.ts).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export const STAMP = 'dist/compile.stamp';
/** What the code cache is recorded on. */
export const RECORDED_BRIEFING = 'data/ai-security-workforce-2024';

/** True when dist/ holds the compiled CLI and its stamp is `stamp` (default: the inputs' stamp now). */
export function distIsFresh(stamp = compileStamp()) {
  return readOrEmpty(STAMP) === stamp && ['cli.js', 'render-worker.js', 'bundle-loader.js', 'code.sha256'].every((name) => existsSync(join('dist/pipeline', name)));
}

/**
 * A hash of every input that shapes dist/: the sources, the templates and the briefing the cache is recorded on,
 * the build's own config, the installed packages (the lock file), Node, and whether a browser was there to record
 * a PDF with.
 */
export function compileStamp() {
  const hash = createHash('sha256');
  const files = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/compile.mjs', 'scripts/compile-stamp.mjs', ...walk('pipeline'), ...walk('templates'), ...walk(RECORDED_BRIEFING)];
  for (const file of files.sort()) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  hash.update(`${process.version} ${process.arch} browser:${browserOnPath()}`);
  return hash.digest('hex');
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : entry.isFile() ? [path] : [];
  });
}

function readOrEmpty(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Whether pipeline/cli/compile-steps.ts will find a browser to record a PDF with (pipeline/driver/browser.ts's lookup, its cheap part). */
function browserOnPath() {
  if (process.env.PUPPETEER_EXECUTABLE_PATH) return process.env.PUPPETEER_EXECUTABLE_PATH;
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) if (existsSync(join(dir, name))) return join(dir, name);
  }
  return existsSync(join(homedir(), '.cache', 'puppeteer')) ? 'puppeteer cache' : 'none';
}
