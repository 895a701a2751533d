// The shape of a manifest.json as `diff` reads it back (model/manifest.ts has the types the build writes). A
// manifest is a file anyone can edit or truncate, so it is checked whole before anything reads a field of it:
// a wrong shape is one line naming the first field that is wrong, never a crash deep in the comparison.
// Objects are loose (a newer build may add fields); what diff reads must be there with its type.
import { z } from 'zod';
import { SCALES, UNITS } from './schema.js';

const count = z.number().int().nonnegative();

const dataPoint = z.looseObject({
  id: z.string(),
  label: z.string(),
  value: z.number(),
  decimals: count,
  // "usd" in a manifest written before the numbers model.
  unit: z.enum([...UNITS, 'usd']),
  currency: z.string().optional(),
  scale: z.enum(SCALES).optional(),
  change: z.boolean().optional(),
  formatted: z.string(),
  period: z.string(),
  source: z.string(),
});

const source = z.looseObject({
  key: z.string(),
  publisher: z.string(),
  date: z.string().optional(),
  year: z.number().optional(),
  title: z.string().optional(),
  url: z.string().optional(),
});

const part = z.looseObject({ id: z.string(), title: z.string(), sha256: z.string() });

const warning = z.looseObject({ file: z.string(), line: count, column: count, code: z.string(), message: z.string() });

const manifestShape = z.looseObject({
  briefing: z.string(),
  inputs: z.array(z.looseObject({ path: z.string(), sha256: z.string(), bytes: count })),
  outputs: z.array(z.looseObject({ file: z.string(), mediaType: z.string(), sha256: z.string(), bytes: count })),
  // Absent in a manifest written before the content digest: diff then compares files only.
  content: z.looseObject({
    title: z.string(),
    subtitle: z.string(),
    date: z.string(),
    summarySha256: z.string(),
    dataPoints: z.array(dataPoint),
    sources: z.array(source),
    sections: z.array(part),
    tables: z.array(part),
    charts: z.array(part),
    warnings: z.array(warning),
  }).optional(),
});

/** Why `value` is not a manifest diff can read ("content.dataPoints[0].unit: …"), or undefined. */
export function manifestProblem(value: unknown): string | undefined {
  const result = manifestShape.safeParse(value);
  if (result.success) return undefined;
  const [issue] = result.error.issues;
  const path = issue!.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./, '');
  return `${path ? `"${path}"` : 'the file'} ${issue!.message.replace(/^Invalid (input|option): /, '')}`;
}
