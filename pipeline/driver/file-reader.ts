// Reading a briefing's files from disk: the BriefingReader the commands pass to the load stage. A module of its
// own, with no other import than node:fs, so that `validate` loads neither the build's writing and hashing nor
// fs/promises.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import { refusedFile, type BriefingReader } from '../model/loaded.js';

/**
 * Briefing files are small and bounded (model/limits.ts), and local: they are read synchronously. Through
 * fs/promises each file took five trips to libuv's thread pool (open, stat, two reads, close), and `validate`
 * spent ~18 of its ~250 ms waiting on them.
 */
export const fileReader: BriefingReader = {
  readFile: async (path, maxBytes) => readRegularFile(path, maxBytes),
  realPath: async (path) => realpathSync.native(path),
  listFiles: async (dir) => {
    try {
      return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  },
};

/**
 * Opens without blocking (a FIFO would otherwise wait forever for a writer), then judges the open file itself,
 * not its name, so nothing can be swapped in between: a regular file of at most `maxBytes`, read to its size
 * and one byte further in case it grew.
 */
function readRegularFile(path: string, maxBytes: number): Uint8Array {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw refusedFile(path, 'not-regular');
    if (info.size > maxBytes) throw refusedFile(path, { tooLarge: info.size });
    const buffer = Buffer.alloc(info.size + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, length);
    if (length > maxBytes) throw refusedFile(path, { tooLarge: length });
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
