// CSV reading: where each cell is, what each cell becomes, and how a row read from a CSV file is located.
import { describe, expect, it } from 'vitest';
import { mapRows, parseCsv, withCsvRows, type ColumnMapping } from '../../../pipeline/stages/load/csv.js';
import { parseYaml } from '../../../pipeline/diagnostics/yaml-source.js';

const FILE = 'data/x/points.csv';
const column = (field: string, type: ColumnMapping['type'] = 'text', optional = false): ColumnMapping => ({ field, header: field, type, optional });

describe('parseCsv', () => {
  it('places each cell, quoted, with doubled quotes, over CRLF and across a line break inside quotes', () => {
    const { table } = parseCsv(FILE, 'a,b,c\r\n"x, y",2,"say ""hi"""\r\n\r\n"two\nlines",3,z\r\n');
    expect(table!.header.map((c) => [c.text, c.at.line, c.at.column])).toEqual([['a', 1, 1], ['b', 1, 3], ['c', 1, 5]]);
    expect(table!.rows.map((row) => row.map((c) => [c.text, c.at.line, c.at.column]))).toEqual([
      [['x, y', 2, 2], ['2', 2, 8], ['say "hi"', 2, 11]],
      [['two\nlines', 4, 2], ['3', 5, 8], ['z', 5, 10]],
    ]);
  });

  it('reads a file without a final line break, its last cell empty too', () => {
    expect(parseCsv(FILE, 'a,b\n1,2').table!.rows[0]!.map((c) => c.text)).toEqual(['1', '2']);
    expect(parseCsv(FILE, 'a,b\n1,').table!.rows[0]!.map((c) => [c.text, c.at.column])).toEqual([['1', 1], ['', 3]]);
  });

  it('reports a ragged row at its line and semicolons at the first one', () => {
    expect(parseCsv(FILE, 'a,b\n1,2\n1,2,3\n').diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([['BP007', 3, 'CSV file cannot be read: this row has 3 values and the first row 2']]);
    expect(parseCsv(FILE, 'a;b\n1;2\n').diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['BP007', 1, 2]]);
  });
});

describe('mapRows', () => {
  const rows = (text: string, mappings: ColumnMapping[]) => mapRows(FILE, parseCsv(FILE, text).table!, mappings);

  it('converts numbers, booleans and dates by type, and leaves an optional empty cell out', () => {
    const mapped = rows('id,value,change,period.start,note\nx,-2.5,TRUE,2024-01-31,\n', [
      column('id'), column('value', 'number'), column('change', 'boolean'), column('period.start', 'date'), column('note', 'text', true),
    ]);
    expect(mapped.rows!.map((r) => r.value)).toEqual([{ id: 'x', value: -2.5, change: true, period: { start: '2024-01-31' } }]);
    expect(mapped.rows![0]!.cells.get('period.start')).toEqual({ file: FILE, line: 2, column: 13 });
  });

  it.each([
    ['4,88', 'text where a number belongs'],
    ['5.4%', 'text where a number belongs'],
    ['$4.88', 'text where a number belongs'],
    ['1e', 'text where a number belongs'],
  ])('refuses %s in a number cell', (cell, reason) => {
    const mapped = rows(`id,value\nx,"${cell}"\n`, [column('id'), column('value', 'number')]);
    expect(mapped.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['BP009', 2, 4]]);
    expect(mapped.diagnostics[0]!.message).toContain(reason);
  });

  it('refuses a date that reads either way, an empty required cell, an unmapped and a missing header', () => {
    expect(rows('d\n03/04/2024\n', [column('d', 'date')]).diagnostics[0]!.message).toContain('day/month or month/day');
    expect(rows('id,label\nx,\n', [column('id'), column('label')]).diagnostics.map((d) => [d.code, d.column, d.message])).toEqual([['BP009', 3, 'the cell in column "label" is empty']]);
    expect(rows('id,extra\nx,1\n', [column('id')]).diagnostics.map((d) => [d.code, d.column])).toEqual([['BP008', 4]]);
    expect(rows('id\nx\n', [column('id'), column('label')]).diagnostics[0]!.message).toContain('no column is headed "label"');
  });
});

describe('withCsvRows', () => {
  const yaml = parseYaml('data/x/data-points.yaml', 'from: { file: points.csv }\ndataPoints:\n  - id: a\n    label: "A"\n').source!;
  const mapped = mapRows(FILE, parseCsv(FILE, 'id,label\nb,"B, with 10%"\n').table!, [column('id'), column('label')]);
  const source = withCsvRows(yaml, 'dataPoints', mapped.rows!);

  it('puts the rows after the entries written in YAML, without from', () => {
    expect(source.value).toEqual({ dataPoints: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B, with 10%' }] });
  });

  it('locates a YAML entry in the YAML file and a CSV row at its cells, in the CSV file', () => {
    expect(source.locate(['dataPoints', 0, 'label'])).toEqual({ line: 4, column: 12 });
    expect(source.locate(['dataPoints', 1, 'label'])).toEqual({ file: FILE, line: 2, column: 4 });
    expect(source.locate(['dataPoints', 1])).toEqual({ file: FILE, line: 2, column: 1 });
    expect(source.locate(['dataPoints', 1, 'period', 'label'])).toEqual({ file: FILE, line: 2, column: 1 });
  });

  it('gives a CSV cell as text to scan, positioned in the CSV file', () => {
    const scalar = source.scalarSource(['dataPoints', 1, 'label'])!;
    expect(scalar.text).toBe('B, with 10%');
    expect(scalar.at(8)).toEqual({ file: FILE, line: 2, column: 12 });
  });
});
