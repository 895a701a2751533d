// The catalog of every user-facing diagnostic. A code never changes meaning; retired codes are not reused.
// BP0xx files, BP1xx shape, BP2xx citations, BP3xx data points, BP4xx charts, BP5xx tables, BP6xx sections.
import type { Severity } from './diagnostics.js';

interface Entry<A> {
  severity: Severity;
  title: string;
  message: (args: A) => string;
  hint?: string | ((args: A) => string | undefined);
}

const entry = <A>(e: Entry<A>): Entry<A> => e;

export const messages = {
  BP001: entry<{ path: string; reason: string }>({
    severity: 'error',
    title: 'file-unreadable',
    message: ({ path, reason }) => `cannot read ${path}: ${reason}`,
    hint: 'Check that the file exists inside the briefing folder and is readable.',
  }),
  BP002: entry<{ reason: string }>({
    severity: 'error',
    title: 'yaml-syntax',
    message: ({ reason }) => `invalid YAML: ${reason}`,
    hint: 'Fix the syntax at the caret; YAML is indentation-sensitive and strings with ":" need quotes.',
  }),
  BP003: entry<Record<string, never>>({
    severity: 'error',
    title: 'not-utf8',
    message: () => 'file is not valid UTF-8 text',
    hint: 'Save the file as UTF-8; binary files do not belong in a briefing folder.',
  }),
  BP004: entry<Record<string, never>>({
    severity: 'error',
    title: 'empty-file',
    message: () => 'file is empty',
    hint: 'Restore its content, or remove the reference to it.',
  }),
  BP101: entry<{ field: string }>({
    severity: 'error',
    title: 'missing-field',
    message: ({ field }) => `required field "${field}" is missing`,
    hint: 'Add the field; README.md "The data format" lists every field.',
  }),
  BP102: entry<{ field: string; expected: string; actual: string }>({
    severity: 'error',
    title: 'wrong-type',
    message: ({ field, expected, actual }) => `"${field}" must be ${expected}, found ${actual}`,
  }),
  BP103: entry<{ field: string; suggestion?: string }>({
    severity: 'error',
    title: 'unknown-field',
    message: ({ field }) => `unknown field "${field}"`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean "${suggestion}"?` : 'Remove it, or check the field reference in README.md.'),
  }),
  BP104: entry<{ field: string; reason: string }>({
    severity: 'error',
    title: 'invalid-value',
    message: ({ field, reason }) => `"${field}" ${reason}`,
  }),
  BP105: entry<{ kind: string; id: string }>({
    severity: 'error',
    title: 'duplicate-id',
    message: ({ kind, id }) => `duplicate ${kind} id "${id}"`,
    hint: 'Ids must be unique within a briefing; rename one of them.',
  }),
  BP201: entry<{ key: string; suggestion?: string }>({
    severity: 'error',
    title: 'unknown-citation',
    message: ({ key }) => `citation [@${key}] does not match any source in sources.yaml`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean [@${suggestion}]?` : 'Add the source to sources.yaml, or fix the key.'),
  }),
  BP202: entry<{ key: string }>({
    severity: 'warning',
    title: 'uncited-source',
    message: ({ key }) => `source "${key}" is never cited`,
    hint: 'Cite it in a section as [@key], or remove it.',
  }),
  BP301: entry<{ id: string; key: string; suggestion?: string }>({
    severity: 'error',
    title: 'data-point-unknown-source',
    message: ({ id, key }) => `data point "${id}" names source "${key}", which is not in sources.yaml`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean "${suggestion}"?` : 'Every number needs a source listed in sources.yaml.'),
  }),
  BP302: entry<{ id: string; value: number }>({
    severity: 'error',
    title: 'percent-out-of-range',
    message: ({ id, value }) => `data point "${id}" is a percentage of ${value}, outside 0–100`,
    hint: 'Percentages are written as 5.4 for 5.4%, not 0.054.',
  }),
  BP303: entry<{ id: string }>({
    severity: 'error',
    title: 'period-order',
    message: ({ id }) => `data point "${id}" has a period that ends before it starts`,
  }),
  BP304: entry<{ id: string; suggestion?: string }>({
    severity: 'error',
    title: 'unknown-data-point',
    message: ({ id }) => `no data point has the id "${id}"`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean "${suggestion}"?` : 'Data point ids are listed in data-points.yaml.'),
  }),
  BP401: entry<{ chart: string; reason: string }>({
    severity: 'error',
    title: 'chart-spec-invalid',
    message: ({ chart, reason }) => `chart "${chart}" is not a valid Vega-Lite spec: ${reason}`,
    hint: 'Check the spec against the Vega-Lite documentation; data is supplied by briefpress, do not set "data".',
  }),
  BP402: entry<{ chart: string; field: string }>({
    severity: 'error',
    title: 'chart-unknown-field',
    message: ({ chart, field }) => `chart "${chart}" encodes field "${field}", which its data does not have`,
    hint: 'Data point rows have the fields id, label, value, formatted, unit, periodLabel, periodStart, periodEnd, source, publisher; fields made by a transform also count.',
  }),
  BP403: entry<{ chart: string }>({
    severity: 'error',
    title: 'chart-own-data',
    message: ({ chart }) => `chart "${chart}" sets its own "data"`,
    hint: 'Remove "data": a chart draws only the data points listed in "dataPoints", so every number keeps its source.',
  }),
  BP501: entry<{ table: string; row: number; column: string }>({
    severity: 'error',
    title: 'table-missing-cell',
    message: ({ table, row, column }) => `table "${table}" row ${row} has no "${column}" cell`,
  }),
  BP502: entry<{ table: string; row: number; column: string }>({
    severity: 'error',
    title: 'table-empty-key',
    message: ({ table, row, column }) => `table "${table}" row ${row} has an empty key cell "${column}"`,
    hint: 'The key column identifies each row; give it a value.',
  }),
  BP503: entry<{ table: string; column: string }>({
    severity: 'error',
    title: 'table-unknown-column',
    message: ({ table, column }) => `table "${table}" has a cell for "${column}", which is not one of its columns`,
  }),
  BP601: entry<{ kind: string; id: string; suggestion?: string }>({
    severity: 'error',
    title: 'unknown-directive-target',
    message: ({ kind, id }) => `::${kind}[${id}] names no ${kind} of this briefing`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean "${suggestion}"?` : undefined),
  }),
  BP602: entry<{ kind: string; id: string }>({
    severity: 'warning',
    title: 'unplaced-figure',
    message: ({ kind, id }) => `${kind} "${id}" is never placed in a section`,
    hint: ({ kind, id }) => `Add a line "::${kind}[${id}]" where it belongs in a section.`,
  }),
  BP603: entry<{ kind: string; id: string }>({
    severity: 'error',
    title: 'figure-placed-twice',
    message: ({ kind, id }) => `${kind} "${id}" is placed more than once`,
  }),
} as const;

export type MessageCode = keyof typeof messages;
export type MessageArgs<C extends MessageCode> = (typeof messages)[C] extends Entry<infer A> ? A : never;
