// The briefing data format: one definition for the runtime checks, the TypeScript types and the JSON Schemas
// in schema/ that editors use (`npm run schema` writes them; a test fails when they drift from this file).
// Each file of a briefing folder has a schema here; docs/data-format.md documents them.
import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug (letters, digits and single hyphens)');
const text = z.string().trim().min(1, 'must not be empty');
const isoDate = z.iso.date({ message: 'must be a date written YYYY-MM-DD' });
/** A briefing may be dated to the year, the month or the day, as its source is. */
const partialDate = z
  .union([
    z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD'),
    z.int().min(1000, 'must be YYYY, YYYY-MM or YYYY-MM-DD').max(9999, 'must be YYYY, YYYY-MM or YYYY-MM-DD'),
  ])
  .transform((v) => String(v));

export const UNITS = ['percent', 'count', 'usd', 'multiple'] as const;
export const QUALIFIERS = ['over', 'under', 'about'] as const;

export const sectionRefSchema = z.strictObject({
  id: slug.describe('Section id, a lowercase slug; unique in the briefing.'),
  title: text.describe('Section heading, numbered when rendered.'),
  file: text.describe('Markdown file of the section, relative to the briefing folder (sections/01-x.md).'),
});

export const briefingFileSchema = z.strictObject({
  title: text.describe('Title of the briefing.'),
  subtitle: text.describe('Subtitle, shown under the title.'),
  date: partialDate.describe('Date of the briefing, as precise as its source: YYYY, YYYY-MM or YYYY-MM-DD.'),
  audience: text.describe('Who the briefing is for.'),
  classification: text.describe('Handling classification, e.g. Public.'),
  author: text.optional().describe('Author, when the source names one.'),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'must be a language tag such as en or en-GB').default('en')
    .describe('Language tag of the text (default en).'),
  keywords: z.array(text).default([]).describe('Keywords, written into the PDF and workbook properties.'),
  summary: text.describe('Executive summary: plain text; {{dp:id}} inserts a data point\'s value.'),
  sections: z.array(sectionRefSchema).min(1, 'must list at least one section').describe('The sections, in reading order.'),
}).describe('briefing.yaml: metadata and reading order of a briefing.');

export const dataPointSchema = z.strictObject({
  id: slug.describe('Data point id, a lowercase slug; unique in the briefing; {{dp:id}} inserts its value.'),
  label: text.describe('What the number measures.'),
  value: z.number().refine(Number.isFinite, 'must be a finite number').describe('The number; percentages as 5.4 for 5.4%.'),
  decimals: z.int().min(0).max(6).describe('Precision the source states: 5.4 has 1, 5.98 has 2.'),
  unit: z.enum(UNITS).describe('percent (0–100), count, usd or multiple.'),
  qualifier: z.enum(QUALIFIERS).optional().describe('over, under or about: "over 30%" is value 30 with qualifier over.'),
  period: z.strictObject({
    label: text.describe('The period as readers see it, e.g. "May 2024".'),
    start: isoDate.describe('First day, YYYY-MM-DD.'),
    end: isoDate.describe('Last day, YYYY-MM-DD; not before start.'),
  }).describe('The period the number describes.'),
  source: text.describe('Key of the source in sources.yaml.'),
  note: text.optional().describe('Anything a reader of the data should know.'),
});

export const dataPointsFileSchema = z.strictObject({
  dataPoints: z.array(dataPointSchema).min(1, 'must hold at least one data point').describe('Every number the briefing states.'),
}).describe('data-points.yaml: every number the briefing states, typed, with its unit, period and source.');

export const sourceSchema = z.strictObject({
  key: slug.describe('Citation key, cited in prose as [@key]; unique in the briefing.'),
  publisher: text.describe('Who published it.'),
  year: z.int().min(1800, 'must be a plausible year (1800 or later)').max(2200, 'must be a plausible year').describe('Year of publication.'),
  title: text.optional().describe('Title, when known; never invented.'),
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).meta({ pattern: '^https?://' }).optional()
    .describe('http(s) address, when known.'),
  seedMarker: z.int().min(1).optional().describe('The number the original document cited this source by.'),
  note: text.optional().describe('Editorial note on the source.'),
});

export const sourcesFileSchema = z.strictObject({
  editorialNote: text.optional().describe('Note on how the sources were encoded, shown with the source list.'),
  sources: z.array(sourceSchema).min(1, 'must list at least one source').describe('The sources, keyed for citation.'),
}).describe('sources.yaml: the sources, keyed for citation.');

export const tableFileSchema = z.strictObject({
  id: slug.describe('Table id, placed in a section with ::table[id].'),
  title: text.describe('Title, shown as "Table N. title".'),
  caption: text.describe('Caption under the table.'),
  key: z.string().min(1).describe('Id of the column that identifies a row.'),
  columns: z.array(z.strictObject({
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be an identifier').describe('Column id, used in rows.'),
    label: text.describe('Column heading.'),
  })).min(1).describe('The columns, in order.'),
  rows: z.array(z.record(z.string(), z.string())).min(1, 'must have at least one row').describe('Rows: column id → cell text.'),
}).describe('tables/*.yaml: a table, placed in a section with ::table[id].');

export const chartFileSchema = z.strictObject({
  id: slug.describe('Chart id, placed in a section with ::chart[id].'),
  title: text.describe('Title, shown as "Figure N. title"; {{dp:id}} inserts a value.'),
  caption: text.optional().describe('Optional note under the chart; the source line ("Source: [2].") is added from its data points. {{dp:id}} inserts a value.'),
  alt: text.describe('Text alternative for readers who cannot see the chart; {{dp:id}} inserts a value.'),
  dataPoints: z.array(slug).min(1, 'must list at least one data point').describe('Ids of the data points the chart draws: its only data.'),
  spec: z.record(z.string(), z.unknown()).describe('A Vega-Lite spec without "data"; rows have id, label, value, formatted, unit, periodLabel, periodStart, periodEnd, source, publisher.'),
}).describe('charts/*.yaml: a Vega-Lite chart drawing data points, placed in a section with ::chart[id].');

/** The JSON Schema file for each kind of data file, as `npm run schema` writes them into schema/. */
export const SCHEMA_FILES = {
  'briefing.schema.json': briefingFileSchema,
  'data-points.schema.json': dataPointsFileSchema,
  'sources.schema.json': sourcesFileSchema,
  'table.schema.json': tableFileSchema,
  'chart.schema.json': chartFileSchema,
} as const;

/** JSON Schema (draft-07, which VS Code's YAML and JSON support read) of what an author writes. */
export function jsonSchemaText(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }), null, 2)}\n`;
}

export type BriefingFile = z.infer<typeof briefingFileSchema>;
export type DataPoint = z.infer<typeof dataPointSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type SourcesFile = z.infer<typeof sourcesFileSchema>;
export type Table = z.infer<typeof tableFileSchema>;
export type ChartDefinition = z.infer<typeof chartFileSchema>;
export type Unit = (typeof UNITS)[number];
