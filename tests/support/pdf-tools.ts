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

/** What tests/support/pdf_audit.py reads with pikepdf (Debian's python3-pikepdf, so Debian's python3). */
export interface PdfAudit {
  lang: string | null;
  marked: boolean;
  displayDocTitle: boolean;
  structure: {
    types: Record<string, number>;
    roleMap: Record<string, string>;
    unmapped: string[];
    remappedStandard: string[];
    figures: (string | null)[];
    listItems: string[][];
    tablesInFigures: number;
  };
  links: { page: number; contents: string | null; structParent: string | null }[];
  content: { text: number; unmarkedText: number; painting: number; unmarkedPainting: number };
  xmp: { title: string | null; creator: string | null; description: string | null; language: string | null; pdfuaPart: string | null; subtype: string | null } | null;
  bookmarks: string[];
}

export function pdfAudit(path: string): PdfAudit {
  return JSON.parse(run('/usr/bin/python3', ['tests/support/pdf_audit.py', path])) as PdfAudit;
}

/** The text of the structure tree as poppler reads it (pdfinfo -struct-text): its quoted strings, joined. */
export function pdfStructureText(path: string): string {
  const tree = execFileSync('pdfinfo', ['-struct-text', path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  return [...tree.matchAll(/^\s*"(.*)"$/gm)].map((m) => m[1]).join('\n');
}
