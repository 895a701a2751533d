// The JSON Schemas in schema/ are generated from pipeline/model/schema.ts; they must not drift, and every data file
// of the default briefing names its schema so editors check it as authors type.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import {
  briefingFileSchema, chartFileSchema, dataPointsFileSchema, jsonSchemaText, SCHEMA_FILES, sourcesFileSchema, tableFileSchema, tableFromSchema,
} from '../../pipeline/model/schema.js';
import { LIMITS } from '../../pipeline/model/limits.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';

const MODELINE = /^# yaml-language-server: \$schema=(\S+)$/m;

function schemaFor(relativePath: string): string {
  if (relativePath.startsWith('tables/')) return 'table.schema.json';
  if (relativePath.startsWith('charts/')) return 'chart.schema.json';
  return relativePath.replace(/\.yaml$/, '.schema.json');
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('JSON Schema', () => {
  for (const [name, schema] of Object.entries(SCHEMA_FILES)) {
    it(`schema/${name} is what pipeline/model/schema.ts generates (run npm run schema after changing it)`, () => {
      expect(readFileSync(join('schema', name), 'utf8')).toBe(jsonSchemaText(schema));
    });
  }

  it('has no schema file that pipeline/model/schema.ts does not generate', () => {
    expect(readdirSync('schema').sort()).toEqual(Object.keys(SCHEMA_FILES).sort());
  });

  it('is named on the first line of every data file of the default briefing, by a path that resolves', () => {
    const files = yamlFiles(DEFAULT_BRIEFING_DIR);
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const firstLine = readFileSync(join(DEFAULT_BRIEFING_DIR, file), 'utf8').split('\n')[0]!;
      const reference = MODELINE.exec(firstLine)?.[1];
      expect(reference, file).toBeDefined();
      const target = join(DEFAULT_BRIEFING_DIR, dirname(file), reference!);
      expect(target, file).toBe(join('schema', schemaFor(file)));
      expect(existsSync(target), file).toBe(true);
    }
  });

  it('rejects unknown fields and lists every field the format documents', () => {
    const briefing = JSON.parse(readFileSync('schema/briefing.schema.json', 'utf8'));
    expect(briefing.additionalProperties).toBe(false);
    expect(Object.keys(briefing.properties)).toEqual(['title', 'subtitle', 'date', 'audience', 'classification', 'author', 'language', 'keywords', 'summary', 'keyFigures', 'sections']);
    const point = JSON.parse(readFileSync('schema/data-points.schema.json', 'utf8')).properties.dataPoints.items;
    expect(point.additionalProperties).toBe(false);
    expect(point.properties.unit.enum).toEqual(['percent', 'percentage-points', 'currency', 'count', 'days', 'months', 'years', 'multiple', 'index', 'number']);
  });
});

/** A default briefing file as parsed YAML, changed by `change`. */
function changed(file: string, change: (data: Record<string, any>) => void): unknown {
  const data = parse(readFileSync(join(DEFAULT_BRIEFING_DIR, file), 'utf8')) as Record<string, any>;
  change(data);
  return data;
}

/** What the schema says of `data`: `path: message` per issue. */
const problems = (schema: z.ZodType, data: unknown) => {
  const result = schema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('the schemas say what is wrong in words', () => {
  it('in data-points.yaml', () => {
    const points = (change: (point: Record<string, any>, all: Record<string, any>) => void) =>
      problems(dataPointsFileSchema, changed('data-points.yaml', (all) => change(all.dataPoints[0], all)));
    expect(problems(dataPointsFileSchema, changed('data-points.yaml', () => undefined))).toEqual([]);
    expect(points((p) => (p.id = 'Not_A_Slug'))).toEqual(['dataPoints.0.id: must be a lowercase slug (letters, digits and single hyphens)']);
    expect(points((p) => (p.id = 'a'.repeat(LIMITS.idLength + 1)))).toEqual([`dataPoints.0.id: must be at most ${LIMITS.idLength} characters`]);
    expect(points((p) => (p.label = '   '))).toEqual(['dataPoints.0.label: must not be empty']);
    expect(points((p) => (p.period.start = '2024-02-30'))).toEqual(['dataPoints.0.period.start: must be a date written YYYY-MM-DD']);
    expect(points((p) => Object.assign(p, { unit: 'currency', currency: 'usd' }))).toEqual(['dataPoints.0.currency: must be an ISO 4217 code such as USD or EUR']);
    expect(points((_, all) => (all.dataPoints = []))).toEqual(['dataPoints: must hold at least one data point']);
  });

  it('in sources.yaml, which takes a date as a year, a month or a day, and http(s) URLs only', () => {
    const source = (change: (source: Record<string, any>, all: Record<string, any>) => void) =>
      problems(sourcesFileSchema, changed('sources.yaml', (all) => change(all.sources[0], all)));
    for (const date of ['24', '2024-13', 999, 10_000]) expect(source((s) => (s.date = date)), String(date)).toEqual(['sources.0.date: must be YYYY, YYYY-MM or YYYY-MM-DD']);
    expect(sourcesFileSchema.parse(changed('sources.yaml', (all) => (all.sources[0].date = 2024))).sources[0]!.date).toBe('2024');
    expect(source((s) => (s.url = 'ftp://example.com/report'))).toEqual(['sources.0.url: must be an http(s) URL']);
    expect(source((s) => (s.url = 'https://example.com/report'))).toEqual([]);
    expect(source((s) => (s.url = 'http://example.com/report'))).toEqual([]);
    expect(source((_, all) => (all.sources = []))).toEqual(['sources: must list at least one source']);
  });

  it('in briefing.yaml', () => {
    const briefing = (change: (data: Record<string, any>) => void) => problems(briefingFileSchema, changed('briefing.yaml', change));
    expect(briefing((b) => (b.language = 'English'))).toEqual(['language: must be a language tag such as en or en-GB']);
    expect(briefing((b) => (b.keyFigures = []))).toEqual(['keyFigures: must list at least one key figure']);
    expect(briefing((b) => (b.sections = []))).toEqual(['sections: must list at least one section']);
  });

  it('in a table and a chart', () => {
    const table = (change: (data: Record<string, any>) => void) => problems(tableFileSchema, changed('tables/key-roles.yaml', change));
    expect(table(() => undefined)).toEqual([]);
    expect(table((t) => (t.sheet = 'Roles: a/b'))).toEqual(['sheet: must not contain \\ / ? * : [ or ]']);
    expect(table((t) => (t.sheet = 'x'.repeat(32)))).toEqual(['sheet: must be at most 31 characters (an Excel sheet name)']);
    expect(table((t) => (t.sheet = `  ${'x'.repeat(31)}  `))).toEqual([]);
    expect(table((t) => (t.columns[0].id = '1role'))).toEqual(['columns.0.id: must be an identifier']);
    expect(table((t) => (t.rows = []))).toEqual(['rows: must have at least one row']);
    expect(problems(tableFromSchema, { file: 'roles.txt', range: 'A1-D9' })).toEqual([
      'file: must name a .csv or .xlsx file in the folder of the YAML file that reads it',
      'range: must be a range of cells such as A1:D9',
    ]);
    expect(problems(tableFromSchema, { file: 'Roles.XLSX', sheet: 'Roles', range: 'A3:C99' })).toEqual([]);
    const chart = (change: (data: Record<string, any>) => void) => problems(chartFileSchema, changed('charts/ai-share-software-postings.yaml', change));
    expect(chart((c) => (c.dataPoints = []))).toEqual(['dataPoints: must list at least one data point']);
  });
});
