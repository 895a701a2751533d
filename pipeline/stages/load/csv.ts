// CSV files read into the rows a YAML file would hold, every cell keeping its line and column, so that from here
// on the data is indistinguishable from YAML and every diagnostic about it points into the CSV file.
// csv-parse parses (quotes, escapes, ragged rows); cellPositions only finds where each cell starts.
import { parse } from 'csv-parse/sync';
import { diagnostic, type Diagnostic, type Location } from '../../diagnostics/diagnostic.js';
import type { PathSegment, YamlSource } from '../../diagnostics/yaml-source.js';
import { LIMITS } from '../../model/limits.js';
import type { TabularCellType } from '../../model/schema.js';

/**
 * One cell as the file holds it: its text (quotes removed) and where that text starts. A spreadsheet cell has a
 * `kind` too (stages/load/xlsx.ts), so that a number stored as text or a date where a number belongs is caught.
 */
export interface Cell {
  text: string;
  at: Location;
  kind?: 'text' | 'number' | 'boolean' | 'date';
}

export interface CsvTable {
  header: Cell[];
  rows: Cell[][];
}

/** A column of the file mapped to a field: `field` may be a path (`period.label`), `type` converts its cells. */
export interface ColumnMapping {
  field: string;
  header: string;
  type: TabularCellType;
  /** A row may leave the cell empty: the field is then absent. */
  optional: boolean;
}

/** A row read into the value YAML would hold, with the cell of each field. */
export interface CsvRow {
  value: Record<string, unknown>;
  at: Location;
  cells: Map<string, Location>;
}

export function parseCsv(file: string, text: string): { table?: CsvTable; diagnostics: Diagnostic[] } {
  // Counted before parsing, so a file of millions of short lines is refused without building its rows.
  if (text.split('\n', LIMITS.csvLines + 2).length > LIMITS.csvLines + 1) {
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    return { diagnostics: [diagnostic('BP806', { file, line: LIMITS.csvLines + 1, column: 1 }, { what: 'the number of lines of the CSV file', actual: lines, limit: LIMITS.csvLines })] };
  }
  // A carriage return alone ends a line for csv-parse but not for cellPositions (nor most editors' line count), so
  // the two would disagree about which cell is where: refused where it first stands.
  const loneReturn = text.search(/\r(?!\n)/);
  if (loneReturn >= 0) {
    const before = text.slice(0, loneReturn);
    const at = { file, line: before.split('\n').length, column: loneReturn - before.lastIndexOf('\n') };
    return { diagnostics: [diagnostic('BP007', at, { reason: 'a line ends in a carriage return alone (classic Mac OS line ends); save it with LF or CRLF line ends' })] };
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (!firstLine.includes(',') && firstLine.includes(';')) {
    return { diagnostics: [diagnostic('BP007', { file, line: 1, column: firstLine.indexOf(';') + 1 }, { reason: 'its values are separated by semicolons, not commas' })] };
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true });
  } catch (error) {
    const { code, message, lines: line, record } = error as Error & { code?: string; lines?: number; record?: unknown[] };
    return { diagnostics: [diagnostic('BP007', { file, line: line ?? 1, column: 1 }, { reason: csvProblem(code, message, record) })] };
  }
  const starts = cellPositions(text);
  if (starts.length !== records.length) throw new Error(`${file}: ${starts.length} records located, ${records.length} parsed`);
  const cells = records.map((record, r) => record.map((cellText, c) => ({ text: cellText, at: { file, ...starts[r]![c]! } })));
  const [header, ...rows] = cells;
  if (!header || rows.length === 0) return { diagnostics: [diagnostic('BP007', { file, line: 1, column: 1 }, { reason: 'it needs a header row and at least one row of values' })] };
  return { table: { header, rows }, diagnostics: [] };
}

/** csv-parse's reason in the words of the other diagnostics. */
function csvProblem(code: string | undefined, message: string, record: unknown[] | undefined): string {
  if (code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && record) return `this row has ${record.length} values and the first row ${message.match(/expect (\d+)/)?.[1] ?? 'another number'}`;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted value opened here is never closed';
  return message;
}

/**
 * Where each cell of each non-empty record starts, by the rules csv-parse follows (RFC 4180), in one pass: a
 * quoted cell at its first character, so that an offset in its text is an offset in the line.
 */
function cellPositions(text: string): { line: number; column: number }[][] {
  const records: { line: number; column: number }[][] = [];
  let record: { line: number; column: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let fieldStart = true;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (fieldStart) {
      record.push({ line, column: i - lineStart + (char === '"' ? 2 : 1) });
      fieldStart = false;
    }
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') i++;
      else if (char === '"') quoted = false;
      else if (char === '\n') {
        line++;
        lineStart = i + 1;
      }
    } else if (char === '"') quoted = true;
    else if (char === ',') fieldStart = true;
    else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
      if (char === '\r') i++;
      // An empty line is no record (skip_empty_lines).
      if (!(record.length === 1 && record[0]!.line === line && record[0]!.column === i - lineStart + (char === '\r' ? 0 : 1))) records.push(record);
      record = [];
      fieldStart = true;
      line++;
      lineStart = i + 1;
    }
  }
  // A last line without a line break, its last cell empty when it ends in a comma.
  if (fieldStart && record.length > 0) record.push({ line, column: text.length - lineStart + 1 });
  if (record.length > 0) records.push(record);
  return records;
}

/**
 * The rows of `table` as values, each mapped column's cells converted to its type. A header the mapping does not
 * name, a mapped header the file lacks and a cell that does not hold its type are each one diagnostic.
 */
export function mapRows(file: string, table: CsvTable, mappings: readonly ColumnMapping[]): { rows?: CsvRow[]; diagnostics: Diagnostic[] } {
  const mapped = new Set(mappings.map((m) => m.header));
  const seen = new Set<string>();
  for (const cell of table.header) {
    if (seen.has(cell.text)) return { diagnostics: [diagnostic('BP008', cell.at, { reason: `the header "${cell.text}" appears twice` })] };
    seen.add(cell.text);
    if (!mapped.has(cell.text)) {
      return { diagnostics: [diagnostic('BP008', cell.at, { reason: `no field is read from the column "${cell.text}" (the mapping reads ${[...mapped].map((h) => `"${h}"`).join(', ')})` })] };
    }
  }
  const missing = mappings.find((m) => !m.optional && !seen.has(m.header));
  if (missing) {
    return { diagnostics: [diagnostic('BP008', table.header[0]!.at, { reason: `no column is headed "${missing.header}", which "${missing.field}" is read from (the headers are ${table.header.map((c) => `"${c.text}"`).join(', ')})` })] };
  }
  const columns = mappings.flatMap((m) => {
    const index = table.header.findIndex((c) => c.text === m.header);
    return index < 0 ? [] : [{ ...m, index }];
  });
  const rows: CsvRow[] = [];
  for (const row of table.rows) {
    const value: Record<string, unknown> = {};
    const cells = new Map<string, Location>();
    for (const column of columns) {
      const cell = row[column.index]!;
      cells.set(column.field, cell.at);
      const text = cell.text.trim();
      if (text === '') {
        if (column.optional) continue;
        return { diagnostics: [diagnostic('BP009', cell.at, { header: column.header, reason: 'is empty' })] };
      }
      const stored = cell.kind === undefined ? undefined : kindProblem(cell.kind, column.type, text);
      if (stored) return { diagnostics: [diagnostic('BP009', cell.at, { header: column.header, reason: stored })] };
      const converted = convert(text, column.type);
      if (typeof converted === 'object') return { diagnostics: [diagnostic('BP009', cell.at, { header: column.header, reason: converted.problem })] };
      setPath(value, column.field.split('.'), converted);
    }
    rows.push({ value, at: row[0]!.at, cells });
  }
  return { rows, diagnostics: [] };
}

/** A spreadsheet cell whose stored kind is not its column's, though its text might pass for it. */
function kindProblem(kind: NonNullable<Cell['kind']>, type: TabularCellType, text: string): string | undefined {
  if (type === 'number' && kind === 'text') {
    return PLAIN_NUMBER.test(text) ? `holds ${JSON.stringify(text)}, a number stored as text: store it as a number` : undefined;
  }
  if (type === 'number' && kind === 'date') return `holds the date ${text}, where a number belongs`;
  if (type === 'boolean' && kind === 'number') return `holds the number ${text}, where true or false belongs`;
  if (type === 'date' && kind === 'number') return `holds the number ${text}, where a date belongs: format the cell as a date or write YYYY-MM-DD`;
  return undefined;
}

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const AMBIGUOUS_DATE = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/;

function convert(text: string, type: TabularCellType): string | number | boolean | { problem: string } {
  if (type === 'number') {
    if (PLAIN_NUMBER.test(text)) return Number(text);
    return { problem: `holds ${JSON.stringify(text)}, text where a number belongs` };
  }
  if (type === 'boolean') {
    if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
    return { problem: `holds ${JSON.stringify(text)}, where true or false belongs` };
  }
  if (type === 'date' && AMBIGUOUS_DATE.test(text)) return { problem: `holds the date ${JSON.stringify(text)}, which reads as day/month or month/day: write YYYY-MM-DD` };
  return text;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (rest.length === 0) target[head!] = value;
  else setPath((target[head!] ??= {}) as Record<string, unknown>, rest, value);
}

/**
 * `yaml` with `rows` in place of its `from` (as the list `list`, after any entries the YAML holds): a path into
 * one of those rows is located at its cell in the CSV file, and a text cell is scanned for figures in place.
 */
export function withCsvRows(yaml: YamlSource, list: string, rows: readonly CsvRow[]): YamlSource {
  const { from: _from, ...rest } = yaml.value as Record<string, unknown>;
  const written = Array.isArray(rest[list]) ? (rest[list] as unknown[]) : [];
  const value = { ...rest, [list]: [...written, ...rows.map((r) => r.value)] };
  const cellAt = (path: readonly PathSegment[]): Location | undefined => {
    if (path[0] !== list || typeof path[1] !== 'number' || path[1] < written.length) return undefined;
    const row = rows[path[1] - written.length];
    if (!row) return undefined;
    const field = path.slice(2).join('.');
    if (field === '') return row.at;
    return row.cells.get(field) ?? [...row.cells].find(([name]) => name.startsWith(`${field}.`))?.[1] ?? row.at;
  };
  return {
    file: yaml.file,
    value,
    locate: (path, at) => cellAt(path) ?? yaml.locate(path, at),
    scalarSource: (path) => {
      const cell = cellAt(path);
      if (!cell) return yaml.scalarSource(path);
      const text = String(path.reduce<unknown>((node, key) => (node as Record<PathSegment, unknown> | undefined)?.[key], value) ?? '');
      return { text, at: (offset) => ({ ...cell, column: cell.column + offset }) };
    },
  };
}
