// Load once. The build loads each briefing on the main thread, where it hashes the files for the cache key; the
// worker that validates and renders must see the very same bytes, not read the files again (a save in between
// would leave outputs built from one version next to a key computed from another). So the main thread's reader
// records every answer it gives, and the worker loads again from that record: same bytes, same failures, same
// diagnostics, no file read twice.
import type { BriefingReader } from '../model/loaded.js';

/** A failed read as it can cross to a worker thread: the error's code and message. */
interface ReadFailure {
  failed: { code?: string; message: string; size?: number };
}
type Answer<T> = { value: T } | ReadFailure;

/** Every answer a reader gave while one briefing loaded. Plain data, so it can be posted to a worker thread. */
export interface BriefingSnapshot {
  dir: string;
  files: Map<string, Answer<Uint8Array>>;
  lists: Map<string, Answer<string[]>>;
  /** Undefined when the reader resolves no links (in memory). */
  realPaths?: Map<string, Answer<string>>;
}

/** A reader that passes every call on to `reader` and keeps the answers in `snapshot`. */
export function recordingReader(reader: BriefingReader, dir: string): { reader: BriefingReader; snapshot: BriefingSnapshot } {
  const { realPath } = reader;
  const realPaths = realPath ? new Map<string, Answer<string>>() : undefined;
  const snapshot: BriefingSnapshot = { dir, files: new Map(), lists: new Map(), ...(realPaths ? { realPaths } : {}) };
  const record = async <T>(answers: Map<string, Answer<T>>, key: string, ask: () => Promise<T>): Promise<T> => {
    try {
      const value = await ask();
      answers.set(key, { value });
      return value;
    } catch (error) {
      const { code, message, size } = error as NodeJS.ErrnoException & { size?: number };
      answers.set(key, { failed: { code, message, ...(size === undefined ? {} : { size }) } });
      throw error;
    }
  };
  return {
    snapshot,
    reader: {
      readFile: (path, maxBytes) => record(snapshot.files, path, () => reader.readFile(path, maxBytes)),
      listFiles: (path) => record(snapshot.lists, path, () => reader.listFiles(path)),
      ...(realPath && realPaths ? { realPath: (path: string) => record(realPaths, path, () => realPath.call(reader, path)) } : {}),
    },
  };
}

/** A reader that answers from a snapshot only; a question the load did not ask is a bug. */
export function snapshotReader(snapshot: BriefingSnapshot): BriefingReader {
  const replay = async <T>(answers: Map<string, Answer<T>>, key: string): Promise<T> => {
    const answer = answers.get(key);
    if (!answer) throw new Error(`the load of ${snapshot.dir} asked for ${key}, which the first load did not read`);
    if ('failed' in answer) throw Object.assign(new Error(answer.failed.message), { code: answer.failed.code, size: answer.failed.size });
    return answer.value;
  };
  return {
    readFile: (path) => replay(snapshot.files, path),
    listFiles: (path) => replay(snapshot.lists, path),
    ...(snapshot.realPaths ? { realPath: (path: string) => replay(snapshot.realPaths!, path) } : {}),
  };
}
