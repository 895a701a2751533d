// The real file system behind the stages' effects: reading briefings and writing outputs atomically.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, realpath, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import type { BriefingReader } from './load.js';

export const fileReader: BriefingReader = {
  readFile: (path) => readFile(path),
  realPath: (path) => realpath(path),
  listFiles: async (dir) => {
    try {
      return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  },
};

export interface OutputWriter {
  /** Writes the whole file or nothing: a temp file in the same folder, flushed, then renamed into place. */
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
}

export const fileWriter: OutputWriter = {
  async writeFile(path, data) {
    await mkdir(dirname(path), { recursive: true });
    const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  },
};
