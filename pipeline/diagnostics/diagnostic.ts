// Diagnostics: the one way a user mistake reaches the user. Every message lives in messages.ts.
// Three printed forms: compiler-style text for people, JSON for tools, GitHub Actions workflow commands for CI.
import { messages, type MessageCode, type MessageArgs, type Severity } from './messages.js';

export interface Location {
  /** Path as the user typed it or as the CLI found it (relative to the working directory when possible). */
  file: string;
  line: number;
  column: number;
  /**
   * A spreadsheet cell (`Results!C7`), printed in place of line:column; line and column then hold its row and
   * column number, which order it among the file's other diagnostics.
   */
  cell?: string;
}

export interface Diagnostic extends Location {
  code: MessageCode;
  severity: Severity;
  message: string;
  hint?: string;
}

/**
 * What every stage's one entry function returns (docs/design.md, "The stage contract"): the value it made (undefined
 * where it could not make one) and what it found. The driver adds each stage's diagnostics to the briefing's one log
 * and judges the log once, after the last stage and before anything is written.
 */
export interface StageResult<T> {
  value: T;
  diagnostics: Diagnostic[];
}

/** Where a check sends what it finds: checks never throw for a user mistake, they report and go on. */
export type Report = (d: Diagnostic) => void;

export const DIAGNOSTIC_FORMATS = ['text', 'json', 'github'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

export function diagnostic<C extends MessageCode>(code: C, at: Location, args: MessageArgs<C>): Diagnostic {
  const entry = messages[code];
  const message = (entry.message as (a: MessageArgs<C>) => string)(args);
  const hint = typeof entry.hint === 'function' ? (entry.hint as (a: MessageArgs<C>) => string | undefined)(args) : entry.hint;
  return { file: at.file, line: at.line, column: at.column, ...(at.cell ? { cell: at.cell } : {}), code, severity: entry.severity, message, ...(hint ? { hint } : {}) };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `--strict`: every warning counts as an error, for scheduled CI that wants a clean briefing. */
/** A briefing's log as judged: under --strict every warning is an error. */
export function judged(log: readonly Diagnostic[], { strict = false }: { strict?: boolean }): Diagnostic[] {
  return strict ? strictly(log) : [...log];
}

function strictly(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' } : d));
}

/** The diagnostics of `found` that `reported` does not hold already: one problem is said once. */
export function unreported(found: readonly Diagnostic[], reported: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.code} ${d.file}:${d.line}:${d.column}${d.cell ?? ''} ${d.message}`;
  const said = new Set(reported.map(key));
  return found.filter((d) => !said.has(key(d)));
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.code, b.code) || compareText(a.message, b.message),
  );
}

/** Code-unit order, so the output does not depend on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How the parts of a text diagnostic are shown: the CLI passes colours on a terminal. */
export interface TextStyle {
  error(text: string): string;
  warning(text: string): string;
  code(text: string): string;
  path(text: string): string;
  position(text: string): string;
  caret(text: string): string;
  hint(text: string): string;
}

const unstyled = (text: string) => text;
const UNSTYLED: TextStyle = { error: unstyled, warning: unstyled, code: unstyled, path: unstyled, position: unstyled, caret: unstyled, hint: unstyled };

export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  format: DiagnosticFormat = 'text',
  style: TextStyle = UNSTYLED,
): string {
  if (format === 'json') return formatJson(diagnostics);
  if (format === 'github') return formatGithub(diagnostics);
  return formatText(diagnostics, sources, style);
}

/** Compiler-style text: `file:line:column severity CODE message`, a source excerpt with a caret, the hint. */
function formatText(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, style: TextStyle): string {
  const lines: string[] = [];
  for (const d of sortDiagnostics(diagnostics)) {
    lines.push(`${style.path(d.file)}:${style.position(d.cell ?? `${d.line}:${d.column}`)} ${style[d.severity](d.severity)} ${style.code(d.code)} ${d.message}`);
    // A spreadsheet has no lines to excerpt.
    const sourceLine = d.cell === undefined ? sources.get(d.file)?.split(/\r?\n/)[d.line - 1] : undefined;
    if (sourceLine !== undefined) {
      const gutter = String(d.line).padStart(5);
      // Tabs stay tabs under the excerpt, so the caret lines up however the terminal renders them.
      const lead = sourceLine.slice(0, Math.max(0, d.column - 1)).replace(/[^\t]/g, ' ');
      lines.push(`${gutter} | ${visible(sourceLine)}`);
      lines.push(`${' '.repeat(gutter.length)} | ${lead}${style.caret('^')}`);
    }
    if (d.hint) lines.push(`  ${style.hint('hint:')} ${d.hint}`);
    lines.push('');
  }
  lines.push(countLine(diagnostics));
  return lines.join('\n');
}

/**
 * A source line as the terminal should show it: each control character but tab as its picture (CR as ␍, ESC as ␛),
 * one character for one, so the caret keeps its column and no byte of the file moves the cursor or sets a colour.
 */
function visible(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)))
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0080-\u009f]/g, '\ufffd');
}

/**
 * One JSON document. Its shape is stable: fields are only ever added. `hint` is null when there is none; `cell`
 * (`Results!C7`) is there only for a diagnostic in a spreadsheet;
 * `title` is the code's permanent name from the catalog.
 */
function formatJson(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return JSON.stringify({
    version: 1,
    errors,
    warnings: diagnostics.length - errors,
    diagnostics: sortDiagnostics(diagnostics).map(diagnosticJson),
  }, null, 2);
}

/** One diagnostic as the JSON outputs show it (validate's document, build's and watch's events). */
export function diagnosticJson(d: Diagnostic) {
  return {
    file: d.file,
    line: d.line,
    column: d.column,
    ...(d.cell === undefined ? {} : { cell: d.cell }),
    severity: d.severity,
    code: d.code,
    title: messages[d.code].title,
    message: d.message,
    hint: d.hint ?? null,
  };
}

/** GitHub Actions workflow commands, one a line, so a pull request shows each problem on its line. */
function formatGithub(diagnostics: readonly Diagnostic[]): string {
  const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return sortDiagnostics(diagnostics)
    .map((d) => {
      // A spreadsheet cell has no line: the annotation is on the file, the cell leads the message.
      const position = d.cell === undefined ? `,line=${d.line},col=${d.column}` : '';
      const properties = `file=${escapeProperty(d.file)}${position},title=${escapeProperty(`${d.code} ${messages[d.code].title}`)}`;
      const message = d.cell === undefined ? d.message : `${d.cell}: ${d.message}`;
      return `::${d.severity} ${properties}::${escapeData(d.hint ? `${message}\nhint: ${d.hint}` : message)}`;
    })
    .join('\n');
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
  return { line, column: Math.min(offset, text.length) - lineStart + 1 };
}
