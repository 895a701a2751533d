// The JSON Schemas in schema/ are generated from pipeline/model/schema.ts; they must not drift, and every data file
// of the default briefing names its schema so editors check it as authors type.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaText, SCHEMA_FILES } from '../../pipeline/model/schema.js';
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
