// SHA-256 as briefpress records it: hex, of bytes or UTF-8 text, or of several in a row; and one hash over a
// briefing's input files. (The PDF's /ID is MD5 by the PDF format's own convention, and stays in stages/pdf/.)
import { createHash } from 'node:crypto';
import type { InputFile } from './briefing.js';

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** One hash over parts fed in order, each read when its turn comes (files of fonts, templates and code). */
export function sha256OfParts(parts: Iterable<Uint8Array | string>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/** One hash over every input file's path and content, in path order. */
export function inputHash(inputs: readonly InputFile[]): string {
  return sha256(inputs.map((i) => `${i.path}\0${i.sha256}\n`).join(''));
}
