// Independent readers for the PDF: poppler-utils and qpdf, as a user's machine would have them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

export function pdfText(path: string): string {
  return run('pdftotext', [path, '-']);
}

export function pdfInfo(path: string): Record<string, string> {
  return Object.fromEntries(run('pdfinfo', [path]).split('\n').filter(Boolean).map((line) => {
    const at = line.indexOf(':');
    return [line.slice(0, at), line.slice(at + 1).trim()];
  }));
}

/** pdffonts rows: name, type, embedded, subset. */
export function pdfFonts(path: string): { name: string; embedded: boolean }[] {
  return run('pdffonts', [path]).split('\n').slice(2).filter(Boolean).map((line) => {
    const cols = line.trim().split(/\s+/);
    // columns end with: enc(…) emb sub uni object ID → emb is the 5th from the end
    return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
  });
}

export function qpdfCheck(path: string): string {
  return run('qpdf', ['--check', path]);
}

/** Page texts, split on form feeds. */
export function pdfPages(path: string): string[] {
  return pdfText(path).split('\f').filter((page) => page.trim() !== '');
}

export function writeTemp(name: string, data: Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'briefpress-')), name);
  writeFileSync(path, data);
  return path;
}
