// Shape: each file against its schema (schema.ts). Every zod issue becomes one positioned diagnostic.
import type { z } from 'zod';
import { diagnostic, type Report } from './diagnostics.js';
import type { PathSegment, YamlSource } from './yaml-source.js';
import { closest } from './suggest.js';

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
    const field = String(path.filter((p) => typeof p === 'string').at(-1) ?? '(top level)');
    const at = (p: readonly PathSegment[], want?: 'key' | 'value') => ({ file: yaml.file, ...yaml.locate(p, want) });
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      for (const key of issue.keys) {
        const suggestion = closest(key, known);
        report(diagnostic('BP103', at([...path, key], 'key'), { field: key, ...(suggestion ? { suggestion } : {}) }));
      }
    } else if (issue.input === undefined && issue.code !== 'custom') {
      if (suggested.has(path.join('.'))) continue;
      report(diagnostic('BP101', at(path.slice(0, -1), 'key'), { field }));
    } else if (issue.code === 'invalid_type') {
      report(diagnostic('BP102', at(path), { field, expected: describeExpected(issue.expected), actual: describeValue(issue.input) }));
    } else {
      report(diagnostic('BP104', at(path), { field, reason: issue.message.startsWith('must') ? issue.message : `is invalid: ${issue.message}` }));
    }
  }
  return undefined;
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
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping of fields';
  if (typeof value === 'string') return `text "${value.length > 30 ? `${value.slice(0, 30)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}
