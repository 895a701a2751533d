// Read once, parse once. A build's worker threads load each briefing themselves (load → validate → resolve), but
// read its files through the build's own reader on the main thread (a test's in-memory one, or the file system):
// each read is a message to the main thread and its answer a message back. So the main thread parses nothing, every
// file is read once, and what the worker validates and renders is exactly the bytes it hashed for the cache key.
import type { BriefingReader } from '../model/loaded.js';

/** A worker's question: one call of the reader, for the job `id`. */
export interface ReadRequest {
  kind: 'read';
  id: number;
  request: number;
  call: 'readFile' | 'listFiles' | 'realPath';
  path: string;
  maxBytes?: number;
}

/** The main thread's answer, plain data: the value, or the error's code and message. */
export type ReadAnswer = { kind: 'answer'; request: number } & ({ value: Uint8Array | string[] | string } | { failed: { code?: string; message: string; size?: number } });

/** Answers `question` with `reader` (main thread). */
export async function answerRead(reader: BriefingReader, question: ReadRequest): Promise<ReadAnswer> {
  const { request, call, path } = question;
  try {
    if (call === 'readFile') return { kind: 'answer', request, value: await reader.readFile(path, question.maxBytes ?? 0) };
    if (call === 'listFiles') return { kind: 'answer', request, value: await reader.listFiles(path) };
    if (!reader.realPath) throw new Error('this reader resolves no links');
    return { kind: 'answer', request, value: await reader.realPath(path) };
  } catch (error) {
    const { code, message, size } = error as NodeJS.ErrnoException & { size?: number };
    return { kind: 'answer', request, failed: { code, message, ...(size === undefined ? {} : { size }) } };
  }
}

/**
 * The worker's side: a reader for job `id` whose every call is posted as a ReadRequest; `answered` resolves the call
 * when its answer comes. `resolvesLinks`: whether the main thread's reader has realPath.
 */
export function remoteReaders(post: (question: ReadRequest) => void) {
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let next = 0;
  const ask = <T>(id: number, call: ReadRequest['call'], path: string, maxBytes?: number) => new Promise<T>((resolve, reject) => {
    const request = next++;
    pending.set(request, { resolve: resolve as (value: unknown) => void, reject });
    post({ kind: 'read', id, request, call, path, ...(maxBytes === undefined ? {} : { maxBytes }) });
  });
  return {
    readerFor(id: number, resolvesLinks: boolean): BriefingReader {
      return {
        readFile: (path, maxBytes) => ask<Uint8Array>(id, 'readFile', path, maxBytes),
        listFiles: (path) => ask<string[]>(id, 'listFiles', path),
        ...(resolvesLinks ? { realPath: (path: string) => ask<string>(id, 'realPath', path) } : {}),
      };
    },
    answered(answer: ReadAnswer): void {
      const waiting = pending.get(answer.request);
      if (!waiting) return;
      pending.delete(answer.request);
      if ('value' in answer) waiting.resolve(answer.value);
      else waiting.reject(Object.assign(new Error(answer.failed.message), { code: answer.failed.code, size: answer.failed.size }));
    },
  };
}
