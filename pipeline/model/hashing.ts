// SHA-256 as briefpress records it: hex, of bytes or UTF-8 text; and one hash over a briefing's input files.
import { createHash } from 'node:crypto';
import type { InputFile } from './briefing.js';

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** One hash over every input file's path and content, in path order. */
export function inputHash(inputs: readonly InputFile[]): string {
  return sha256(inputs.map((i) => `${i.path}\0${i.sha256}\n`).join(''));
}
