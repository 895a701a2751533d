// The real file system behind the build's effects (effects.ts): writing outputs atomically, and hashing the files
// besides a briefing's own that shape its outputs. Briefings are read through file-reader.ts.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { compareText } from '../diagnostics/diagnostic.js';
import { CliError, EXIT } from '../diagnostics/errors.js';
import { sha256OfParts } from '../model/hashing.js';
import { fontFaces } from '../theme/fonts.js';
import { TEMPLATES_DIR } from '../theme/templates.js';
import { CODE_DIR } from './version.js';
import type { OutputFolder } from './effects.js';

export const fileOutputs: OutputFolder = {
  // Synchronous, as the briefing reader is: a no-change build reads the manifest and the outputs it lists, and
  // each read through fs/promises took several trips to libuv's thread pool.
  async read(path) {
    try {
      return readFileSync(path);
    } catch (error) {
      // Nothing there, or a file where a folder should be: either way there is no earlier output.
      if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
      throw error;
    }
  },
  async write(path, data) {
    const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await mkdir(dirname(path), { recursive: true });
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw outputError(path, error);
    }
  },
};

const OUTPUT_PROBLEMS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a file stands where a folder is needed',
  EEXIST: 'a file stands where a folder is needed',
  EISDIR: 'a folder stands where the file should go',
  ENAMETOOLONG: 'a name in the path is too long for the file system',
};

/** A failed write as the user can act on it: which path, and why, in words; the earlier outputs are intact. */
export function outputError(path: string, error: unknown): unknown {
  const problem = OUTPUT_PROBLEMS[(error as NodeJS.ErrnoException).code ?? ''];
  if (!problem) return error;
  return new CliError(`cannot write ${path}: ${problem} (${(error as NodeJS.ErrnoException).code}); the previous outputs are untouched`, EXIT.renderFailure);
}

/** Where fileFingerprint finds what it hashes: briefpress's own files, or a test's. */
export interface FingerprintInputs {
  templatesDir: string;
  fontFiles: readonly string[];
  codeDir: string;
}

const runningInputs = (): FingerprintInputs => ({ templatesDir: TEMPLATES_DIR, fontFiles: fontFaces().map(({ file }) => file), codeDir: CODE_DIR });

/**
 * Hashes of the templates, the fonts and briefpress's own code, for the cache key. Files are named relative to
 * their folder (fonts by file name), so the key does not depend on where the project is checked out. The code's
 * hash is the one `npm run compile` wrote beside the bundles (writeCodeDigest), when there is one: hashing the
 * 7 MB of bundles took 25–40 ms of every build, an up-to-date one included.
 */
export async function fileFingerprint(inputs: FingerprintInputs = runningInputs()): Promise<Record<string, string>> {
  const fonts = inputs.fontFiles.map((path) => ({ name: basename(path), path }));
  const [templates, fontHash, code] = await Promise.all([hashFiles(listed(inputs.templatesDir, /./)), hashFiles(fonts), writtenCodeDigest(inputs.codeDir)]);
  return { templates, fonts: fontHash, code: code ?? (await hashFiles(codeFiles(inputs.codeDir))) };
}

/** The file beside the bundles holding the hash of their code, as fileFingerprint computes it. */
const CODE_DIGEST_FILE = 'code.sha256';

/** Writes CODE_DIGEST_FILE for the code now running; `npm run compile` calls it once the bundles are written. */
export async function writeCodeDigest(): Promise<void> {
  await writeFile(join(CODE_DIR, CODE_DIGEST_FILE), `${await hashFiles(codeFiles(CODE_DIR))}\n`);
}

async function writtenCodeDigest(codeDir: string): Promise<string | undefined> {
  try {
    return (await readFile(join(codeDir, CODE_DIGEST_FILE), 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const codeFiles = (codeDir: string) => listed(codeDir, /\.[jt]s$/);

function listed(dir: string, pattern: RegExp): { name: string; path: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => ({ name: relative(dir, join(entry.parentPath, entry.name)), path: join(entry.parentPath, entry.name) }))
    // Code-unit order: the same hash on every machine, whatever its locale, and no ~8 ms for ICU's first collator
    // on the main thread of every build.
    .sort((a, b) => compareText(a.name, b.name));
}

/** Read synchronously: a few local files (the templates, ~1 MB of fonts), no trips to libuv's thread pool. */
async function hashFiles(files: readonly { name: string; path: string }[]): Promise<string> {
  return sha256OfParts((function* () {
    for (const file of files) yield* [`${file.name}\0`, readFileSync(file.path), '\0'];
  })());
}
