// Diagnostics: the one way a user mistake reaches the user. Every message lives in messages.ts.
import { messages, type MessageCode, type MessageArgs } from './messages.js';

export type Severity = 'error' | 'warning';

export interface Location {
  /** Path as the user typed it or as the CLI found it (relative to the working directory when possible). */
  file: string;
  line: number;
  column: number;
}

export interface Diagnostic extends Location {
  code: MessageCode;
  severity: Severity;
  message: string;
  hint?: string;
}

/** Where a check sends what it finds: checks never throw for a user mistake, they report and go on. */
export type Report = (d: Diagnostic) => void;

export function diagnostic<C extends MessageCode>(code: C, at: Location, args: MessageArgs<C>): Diagnostic {
  const entry = messages[code];
  const message = (entry.message as (a: MessageArgs<C>) => string)(args);
  const hint = typeof entry.hint === 'function' ? (entry.hint as (a: MessageArgs<C>) => string | undefined)(args) : entry.hint;
  return { ...at, code, severity: entry.severity, message, ...(hint ? { hint } : {}) };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}

/** Compiler-style text: `file:line:column severity CODE message`, a source excerpt with a caret, the hint. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>): string {
  const lines: string[] = [];
  for (const d of sortDiagnostics(diagnostics)) {
    lines.push(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
    const sourceLine = sources.get(d.file)?.split(/\r?\n/)[d.line - 1];
    if (sourceLine !== undefined) {
      const gutter = String(d.line).padStart(5);
      lines.push(`${gutter} | ${sourceLine}`);
      lines.push(`${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, d.column - 1))}^`);
    }
    if (d.hint) lines.push(`  hint: ${d.hint}`);
    lines.push('');
  }
  lines.push(countLine(diagnostics));
  return lines.join('\n');
}

export function countLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/** Offset in a text → 1-based line and column. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
