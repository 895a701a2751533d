// The briefing data format: one definition for the runtime checks and the TypeScript types.
// Each file of a briefing folder has a schema here; README.md "The data format" documents them.
import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug (letters, digits and single hyphens)');
const text = z.string().trim().min(1, 'must not be empty');
const isoDate = z.iso.date({ message: 'must be a date written YYYY-MM-DD' });
/** A briefing may be dated to the year, the month or the day, as its source is. */
const partialDate = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .pipe(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD'));

export const UNITS = ['percent', 'count', 'usd', 'multiple'] as const;

export const sectionRefSchema = z.strictObject({
  id: slug,
  title: text,
  file: text,
});

export const briefingFileSchema = z.strictObject({
  title: text,
  subtitle: text,
  date: partialDate,
  audience: text,
  classification: text,
  author: text.optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'must be a language tag such as en or en-GB').default('en'),
  keywords: z.array(text).default([]),
  summary: text,
  sections: z.array(sectionRefSchema).min(1, 'must list at least one section'),
});

export const dataPointSchema = z.strictObject({
  id: slug,
  label: text,
  value: z.number().refine(Number.isFinite, 'must be a finite number'),
  decimals: z.number().int().min(0).max(6),
  unit: z.enum(UNITS),
  qualifier: z.enum(['over', 'under', 'about']).optional(),
  period: z.strictObject({ label: text, start: isoDate, end: isoDate }),
  source: text,
  note: text.optional(),
});

export const dataPointsFileSchema = z.strictObject({
  dataPoints: z.array(dataPointSchema).min(1, 'must hold at least one data point'),
});

export const sourceSchema = z.strictObject({
  key: slug,
  publisher: text,
  year: z.number().int().min(1800).max(2200),
  title: text.optional(),
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  seedMarker: z.number().int().min(1).optional(),
  note: text.optional(),
});

export const sourcesFileSchema = z.strictObject({
  editorialNote: text.optional(),
  sources: z.array(sourceSchema).min(1, 'must list at least one source'),
});

export const tableFileSchema = z.strictObject({
  id: slug,
  title: text,
  caption: text,
  key: z.string().min(1),
  columns: z.array(z.strictObject({ id: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be an identifier'), label: text })).min(1),
  rows: z.array(z.record(z.string(), z.string())).min(1, 'must have at least one row'),
});

export const chartFileSchema = z.strictObject({
  id: slug,
  title: text,
  caption: text,
  alt: text,
  dataPoints: z.array(slug).min(1, 'must list at least one data point'),
  spec: z.record(z.string(), z.unknown()),
});

export type BriefingFile = z.infer<typeof briefingFileSchema>;
export type DataPoint = z.infer<typeof dataPointSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type SourcesFile = z.infer<typeof sourcesFileSchema>;
export type Table = z.infer<typeof tableFileSchema>;
export type ChartDefinition = z.infer<typeof chartFileSchema>;
export type Unit = (typeof UNITS)[number];
