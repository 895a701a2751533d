// The briefing data format: one definition for the runtime checks, the TypeScript types and the JSON Schemas
// in schema/ that editors use (`npm run schema` writes them; a test fails when they drift from this file).
// Each file of a briefing folder has a schema here; docs/data-format.md documents them.
import { z } from 'zod';
import { MAX_SHEET_NAME, SHEET_NAME_CHARACTERS, sheetNameProblem } from './excel-names.js';
import { LIMITS } from './limits.js';

// zod compiles a parser per object schema with `new Function` on its first use, which pays off over many more
// parses than a briefing has: without it, validate takes ~5 ms less CPU, and ~30 ms less with a 10,000-row table.
z.config({ jitless: true });

/** What every id is, a briefing's folder name included. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string().regex(SLUG, 'must be a lowercase slug (letters, digits and single hyphens)')
  .max(LIMITS.idLength, `must be at most ${LIMITS.idLength} characters`);
const text = z.string().trim().min(1, 'must not be empty');
const isoDate = z.iso.date({ message: 'must be a date written YYYY-MM-DD' });
/** A briefing may be dated to the year, the month or the day, as its source is. */
const partialDate = z
  .union([
    z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD'),
    z.int().min(1000, 'must be YYYY, YYYY-MM or YYYY-MM-DD').max(9999, 'must be YYYY, YYYY-MM or YYYY-MM-DD'),
  ])
  .transform((v) => String(v));

export const UNITS = ['percent', 'percentage-points', 'currency', 'count', 'days', 'months', 'years', 'multiple', 'index', 'number'] as const;
export const SCALES = ['thousand', 'million', 'billion', 'trillion'] as const;
/** How a source bounds a figure; docs/data-format.md lists the words prose may use for each. */
const QUALIFIERS = ['over', 'more-than', 'at-least', 'under', 'less-than', 'up-to', 'about', 'nearly', 'almost'] as const;

export const sectionRefSchema = z.strictObject({
  id: slug.describe('Section id, a lowercase slug; unique in the briefing.'),
  title: text.describe('Section heading, numbered when rendered.'),
  file: text.describe('Markdown file of the section, relative to the briefing folder (sections/01-x.md).'),
});

const isoCurrency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD or EUR');

const keyFigureSchema = z.union([
  slug.describe('A data point id: a card with its value.'),
  z.strictObject({
    from: slug.describe('The earlier data point.'),
    to: slug.describe('The later data point, of the same unit.'),
  }).describe('A change card: "277 → 258 days, −19".'),
  z.strictObject({
    value: slug.describe('The data point shown.'),
    change: slug.describe('A data point stating its change: "$4.88 million, +10%".'),
  }).describe('A value with its stated change.'),
]);

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
  keyFigures: z.array(keyFigureSchema).min(1, 'must list at least one key figure').optional()
    .describe('The key-figure cards, in order; absent: the first four data points the sections mention.'),
  sections: z.array(sectionRefSchema).min(1, 'must list at least one section').describe('The sections, in reading order.'),
}).describe('briefing.yaml: metadata and reading order of a briefing.');

const dataPointId = slug;
const deriveSchema = z.union([
  z.strictObject({ difference: z.tuple([dataPointId, dataPointId]).describe('[a, b]: a − b.') }),
  z.strictObject({ ratio: z.tuple([dataPointId, dataPointId]).describe('[a, b]: a ÷ b, a multiple.') }),
  z.strictObject({ sum: z.array(dataPointId).min(2).describe('The total of these.') }),
  z.strictObject({ growth: z.tuple([dataPointId, dataPointId]).describe('[a, b]: (a ÷ b − 1) × 100, a percent change.') }),
  z.strictObject({
    'cagr-projection': z.strictObject({
      base: dataPointId.describe('The starting value.'),
      rate: dataPointId.describe('The annual growth rate, a percent.'),
      years: z.int().min(1).max(100).describe('Years of compounding.'),
    }).describe('base × (1 + rate/100)^years.'),
  }),
]).describe('Computed at validation from other data points; with a stated value, the two must agree within rounding.');

export const dataPointSchema = z.strictObject({
  id: slug.describe('Data point id, a lowercase slug; unique in the briefing; {{dp:id}} inserts its value.'),
  label: text.describe('What the number measures.'),
  value: z.number().refine(Number.isFinite, 'must be a finite number').optional()
    .describe('The number as the source writes it, in units of `scale`: 4.88 with scale million; 5.4 for 5.4%. Required unless `derive` gives it.'),
  scale: z.enum(SCALES).optional().describe('thousand, million, billion or trillion: the quantity is value × the scale.'),
  decimals: z.int().min(0).max(6).describe('Precision the source states: 5.4 has 1, 5.98 has 2.'),
  unit: z.enum(UNITS).describe('percent, percentage-points, currency, count, days, months, years, multiple, index or number.'),
  currency: isoCurrency.optional().describe('ISO 4217 code, required when unit is currency: USD, EUR, GBP, JPY …'),
  qualifier: z.enum(QUALIFIERS).optional().describe('How the source bounds it: "over 30%" is value 30 with qualifier over.'),
  change: z.boolean().optional().describe('A change or difference: may be negative, printed signed ("+10%", "−19 days").'),
  derive: deriveSchema.optional(),
  period: z.strictObject({
    label: text.describe('The period as readers see it, e.g. "May 2024".'),
    start: isoDate.optional().describe('First day, YYYY-MM-DD; given together with end, or neither when the source gives no dates.'),
    end: isoDate.optional().describe('Last day, YYYY-MM-DD; not before start.'),
  }).describe('The period the number describes.'),
  source: text.describe('Key of the source in sources.yaml.'),
  note: text.optional().describe('Anything a reader of the data should know.'),
});

/** The data point fields a spreadsheet column can fill: `derive` is structured and stays in YAML. */
export const DATA_POINT_COLUMNS = {
  id: 'text', label: 'text', value: 'number', scale: 'text', decimals: 'number', unit: 'text', currency: 'text', qualifier: 'text',
  change: 'boolean', 'period.label': 'text', 'period.start': 'date', 'period.end': 'date', source: 'text', note: 'text',
} as const;
export type TabularCellType = 'text' | 'number' | 'boolean' | 'date';

const tabularFile = z.string().regex(/^[^/\\]+\.(csv|xlsx)$/i, 'must name a .csv or .xlsx file in the folder of the YAML file that reads it')
  .describe('A CSV file (UTF-8, comma-separated, a header row first) or an .xlsx workbook beside this YAML file.');
const tabularSheet = z.string().min(1).describe('For an .xlsx file: the sheet (tab) to read.');
const tabularRange = z.string().regex(/^[A-Z]{1,3}[1-9][0-9]{0,6}:[A-Z]{1,3}[1-9][0-9]{0,6}$/, 'must be a range of cells such as A1:D9')
  .describe('For an .xlsx file: the cells to read, a header row first (such as A1:D9); the whole used area of the sheet when left out.');

/** Data points read from a CSV file, one a row: data-points.yaml's `from`. */
export const dataPointsFromSchema = z.strictObject({
  file: tabularFile,
  sheet: tabularSheet.optional(),
  range: tabularRange.optional(),
  columns: z.partialRecord(z.enum(Object.keys(DATA_POINT_COLUMNS) as [keyof typeof DATA_POINT_COLUMNS]), z.string().min(1)).optional()
    .describe('Data point field → the header of the column that holds it; a field left out is read from the column headed with its own name (period.label, period.start, period.end for the period).'),
}).describe('Data points read from a CSV file or a sheet of an .xlsx workbook, one a row, after those written in YAML.');

/** A table's rows read from a CSV file: a table file's `from`. */
export const tableFromSchema = z.strictObject({
  file: tabularFile,
  sheet: tabularSheet.optional(),
  range: tabularRange.optional(),
  columns: z.record(z.string(), z.string().min(1)).optional()
    .describe('Column id → the header of the CSV column that holds it; a column left out is read from the CSV column headed with its id.'),
}).describe('The rows, read from a CSV file or a sheet of an .xlsx workbook; the table then has no `rows`.');

export const dataPointsFileSchema = z.strictObject({
  dataPoints: z.array(dataPointSchema).min(1, 'must hold at least one data point').describe('Every number the briefing states.'),
}).describe('data-points.yaml: every number the briefing states, typed, with its unit, period and source.');

export const sourceSchema = z.strictObject({
  key: slug.describe('Citation key, cited in prose as [@key]; unique in the briefing.'),
  publisher: text.describe('Who published it.'),
  title: text.optional().describe('Title, when known; never invented.'),
  date: partialDate.describe('Date of publication, as precise as known: YYYY, YYYY-MM or YYYY-MM-DD.'),
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).meta({ pattern: '^https?://' }).optional()
    .describe('http(s) address, when known.'),
  accessed: isoDate.optional().describe('When the URL was read, YYYY-MM-DD.'),
  reportsOn: slug.optional().describe('Key of the study this article reports on (another source entry).'),
  seedMarker: z.int().min(1).optional().describe('The number the original document cited this source by.'),
  note: text.optional().describe('Editorial note on the source.'),
});

export const sourcesFileSchema = z.strictObject({
  editorialNote: text.optional().describe('Note on how the sources were encoded, shown with the source list.'),
  sources: z.array(sourceSchema).min(1, 'must list at least one source').describe('The sources, keyed for citation.'),
}).describe('sources.yaml: the sources, keyed for citation.');

const columnId = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be an identifier');
const columnBase = {
  id: columnId.describe('Column id, used in rows.'),
  label: text.describe('Column heading.'),
};
const tableColumnSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...columnBase, type: z.literal('text').describe('Text cells; {{dp:id}} inserts a value.') }),
  z.strictObject({
    ...columnBase,
    type: z.literal('number').describe('Number cells, in the unit below.'),
    unit: z.enum(UNITS),
    currency: isoCurrency.optional(),
    scale: z.enum(SCALES).optional(),
    decimals: z.int().min(0).max(6),
    change: z.boolean().optional(),
    derive: z.strictObject({ difference: z.tuple([columnId, columnId]) }).optional()
      .describe('Computed per row from two number columns: [a, b] gives a − b; a stated cell must agree.'),
  }),
  z.strictObject({ ...columnBase, type: z.literal('data-point').describe('Cells are data point ids, printed as the data point.') }),
]);

export const tableFileSchema = z.strictObject({
  id: slug.describe('Table id, placed in a section with ::table[id].'),
  title: text.describe('Title, shown as "Table N. title".'),
  sheet: z.string().trim().min(1).max(MAX_SHEET_NAME, `must be at most ${MAX_SHEET_NAME} characters (an Excel sheet name)`)
    .regex(SHEET_NAME_CHARACTERS, 'must not contain \\ / ? * : [ or ]')
    .superRefine((name, ctx) => {
      const problem = sheetNameProblem(name);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .describe('Name of its workbook sheet, at most 31 characters, not "History", no control character or apostrophe at either end; unique in the briefing (case aside).'),
  caption: text.describe('Caption under the table.'),
  source: z.array(slug).min(1).optional().describe('Keys of the sources of its figures, printed under it; figures in cells bind to them.'),
  key: z.string().min(1).describe('Id of the column that identifies a row.'),
  columns: z.array(tableColumnSchema).min(1).describe('The columns, in order, each typed.'),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number().refine(Number.isFinite, 'must be a finite number')])))
    .min(1, 'must have at least one row').describe('Rows: column id → cell (text, number or data point id).'),
}).describe('tables/*.yaml: a table, placed in a section with ::table[id].');

export const chartFileSchema = z.strictObject({
  id: slug.describe('Chart id, placed in a section with ::chart[id].'),
  title: text.describe('Title, shown as "Figure N. title"; {{dp:id}} inserts a value.'),
  caption: text.optional().describe('Optional note under the chart; the source line ("Source: [2].") is added from its data points. {{dp:id}} inserts a value.'),
  alt: text.describe('Text alternative for readers who cannot see the chart; {{dp:id}} inserts a value.'),
  dataPoints: z.array(slug).min(1, 'must list at least one data point').describe('Ids of the data points the chart draws: its only data.'),
  spec: z.record(z.string(), z.unknown()).describe('A Vega-Lite spec without "data"; rows have id, label, value, formatted, unit, periodLabel, periodStart, periodEnd, source, publisher.'),
}).describe('charts/*.yaml: a Vega-Lite chart drawing data points, placed in a section with ::chart[id].');

/**
 * The file as an author writes it, `from` included; validation checks it as the load stage hands it on, with the
 * rows of its CSV file read into `dataPoints` or `rows`.
 */
const dataPointsFileAsWritten = dataPointsFileSchema.extend({
  dataPoints: dataPointsFileSchema.shape.dataPoints.optional(),
  from: dataPointsFromSchema.optional(),
});
const tableFileAsWritten = tableFileSchema.extend({ rows: tableFileSchema.shape.rows.optional(), from: tableFromSchema.optional() });

/** The JSON Schema file for each kind of data file, as `npm run schema` writes them into schema/. */
export const SCHEMA_FILES = {
  'briefing.schema.json': briefingFileSchema,
  'data-points.schema.json': dataPointsFileAsWritten,
  'sources.schema.json': sourcesFileSchema,
  'table.schema.json': tableFileAsWritten,
  'chart.schema.json': chartFileSchema,
} as const;

/** JSON Schema (draft-07, which VS Code's YAML and JSON support read) of what an author writes. */
export function jsonSchemaText(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }), null, 2)}\n`;
}

export type BriefingFile = z.infer<typeof briefingFileSchema>;
export type KeyFigureRef = z.infer<typeof keyFigureSchema>;
/** A data point as its file states it: `value` may be left to `derive`. */
export type DataPointEntry = z.infer<typeof dataPointSchema>;
/** A data point with its value, stated or derived at validation: what every stage after validate reads. */
export type DataPoint = DataPointEntry & { value: number };
export type Derivation = z.infer<typeof deriveSchema>;
export type Scale = (typeof SCALES)[number];
export type Qualifier = (typeof QUALIFIERS)[number];
export type TableColumn = z.infer<typeof tableColumnSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type SourcesFile = z.infer<typeof sourcesFileSchema>;
export type Table = z.infer<typeof tableFileSchema>;
export type ChartDefinition = z.infer<typeof chartFileSchema>;
export type Unit = (typeof UNITS)[number];
