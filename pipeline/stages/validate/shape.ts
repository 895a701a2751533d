// Shape: each file against its schema (model/schema.ts). Every zod issue becomes one positioned diagnostic.
import type { z } from 'zod';
import { diagnostic, type Diagnostic, type Location, type Report } from '../../diagnostics/diagnostic.js';
import type { PathSegment, YamlSource } from '../../diagnostics/yaml-source.js';
import { closest } from '../../diagnostics/suggest.js';

/** Keys that name object internals, refused in any YAML file (checks/yaml-content.ts reports them). */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function checkShape<S extends z.ZodType>(yaml: YamlSource | undefined, schema: S, report: Report): z.output<S> | undefined {
  if (!yaml) return undefined;
  const result = schema.safeParse(yaml.value, { reportInput: true });
  if (result.success) return result.data;
  // A misspelt field shows once, as unknown with its suggestion, not again as the real one missing.
  const suggested = new Set<string>();
  for (const issue of result.error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    for (const key of issue.keys) {
      const suggestion = closest(key, knownKeys(schema, path));
      if (suggestion) suggested.add([...path, suggestion].join('.'));
    }
  }
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      // Reserved keys are reported once, as such, by checks/yaml-content.ts.
      for (const key of issue.keys.filter((k) => !RESERVED_KEYS.has(k))) {
        const suggestion = closest(key, known);
        report(diagnostic('BP103', { file: yaml.file, ...yaml.locate([...path, key], 'key') }, { field: key, ...(suggestion ? { suggestion } : {}) }));
      }
    } else if (issue.input === undefined && issue.code !== 'custom') {
      if (suggested.has(path.join('.'))) continue;
      report(diagnostic('BP101', { file: yaml.file, ...yaml.locate(path.slice(0, -1), 'key') }, { field: fieldName(path) }));
    } else {
      report(issueDiagnostic(issue, path, { file: yaml.file, ...yaml.locate(path) }));
    }
  }
  return undefined;
}

/**
 * A value that is present but wrong. Checks with a code of their own (dates, units, URLs, years, finite
 * numbers) keep it even though the schema finds them, so each has one code whichever check sees it first.
 */
function issueDiagnostic(issue: z.core.$ZodIssue, path: PathSegment[], at: Location): Diagnostic {
  const field = fieldName(path);
  const input: unknown = issue.input;
  if (issue.code === 'invalid_type' && issue.expected === 'number' && typeof input === 'number' && !Number.isFinite(input)) return diagnostic('BP305', at, { field, actual: describeValue(input) });
  if (['date', 'start', 'end'].includes(field) && (issue.code === 'invalid_format' || issue.code === 'too_small' || issue.code === 'too_big')) {
    return diagnostic('BP306', at, { field, actual: describeValue(input), format: field === 'date' ? 'YYYY, YYYY-MM or YYYY-MM-DD' : 'YYYY-MM-DD' });
  }
  if (field === 'unit' && issue.code === 'invalid_value' && typeof input === 'string') {
    const known = issue.values.map(String);
    const suggestion = closest(input, known);
    return diagnostic('BP307', at, { unit: input, known: known.join(', '), ...(suggestion ? { suggestion } : {}) });
  }
  if (issue.code === 'invalid_format' && issue.format === 'url') return diagnostic('BP205', at, { url: String(input) });
  if (field === 'year' && typeof input === 'number' && (issue.code === 'too_small' || issue.code === 'too_big')) return diagnostic('BP206', at, { year: input });
  if (issue.code === 'invalid_type') return diagnostic('BP102', at, { field, expected: describeExpected(issue.expected), actual: describeValue(input) });
  if (issue.code === 'invalid_union') {
    const expected = issue.errors.flatMap((option) => option.flatMap((i) => (i.code === 'invalid_type' ? [describeExpected(i.expected)] : [])));
    return diagnostic('BP102', at, { field, expected: expected.join(' or ') || 'something else', actual: describeValue(input) });
  }
  return diagnostic('BP104', at, { field, reason: issue.message.startsWith('must') ? issue.message : `is invalid: ${issue.message}` });
}

function fieldName(path: readonly PathSegment[]): string {
  return String(path.filter((p) => typeof p === 'string').at(-1) ?? '(top level)');
}

/** The field names a schema allows at `path`, for "did you mean". */
function knownKeys(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let def = (schema as unknown as { def: Record<string, unknown> }).def;
  const unwrap = () => {
    while (def && ['optional', 'default', 'nullable', 'pipe'].includes(def.type as string)) {
      def = ((def.innerType ?? def.in) as { def: Record<string, unknown> }).def;
    }
  };
  for (const segment of path) {
    unwrap();
    if (def?.type === 'object') def = ((def.shape as Record<string, { def: Record<string, unknown> }>)[segment as string])?.def as Record<string, unknown>;
    else if (def?.type === 'array') def = (def.element as { def: Record<string, unknown> }).def;
    else return [];
  }
  unwrap();
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

function describeExpected(expected: string): string {
  return ({ string: 'text', number: 'a number', array: 'a list', object: 'a mapping of fields', int: 'a whole number' } as Record<string, string>)[expected] ?? expected;
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'not-a-number (.nan)' : value > 0 ? 'infinity (.inf)' : 'minus infinity (-.inf)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping of fields';
  if (typeof value === 'string') return `text "${value.length > 30 ? `${value.slice(0, 30)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}
