// Meaning of the data files: unique ids, data points (sourced, in range, well dated) and tables (complete rows).
import { diagnostic, type Report } from './diagnostics.js';
import type { DataPoint, Table } from './briefing.js';
import type { PathSegment, YamlSource } from './yaml-source.js';
import { closest } from './suggest.js';

export function checkUnique(kind: string, entries: [string, YamlSource, PathSegment[]][], report: Report) {
  const seen = new Set<string>();
  for (const [id, yaml, path] of entries) {
    if (seen.has(id)) report(diagnostic('BP105', { file: yaml.file, ...yaml.locate(path) }, { kind, id }));
    seen.add(id);
  }
}

export function checkDataPoints(points: DataPoint[], yaml: YamlSource, sourceKeys: ReadonlySet<string> | undefined, report: Report) {
  points.forEach((point, i) => {
    const at = (field: string) => ({ file: yaml.file, ...yaml.locate(['dataPoints', i, ...field.split('.')]) });
    if (sourceKeys && !sourceKeys.has(point.source)) {
      const suggestion = closest(point.source, sourceKeys);
      report(diagnostic('BP301', at('source'), { id: point.id, key: point.source, ...(suggestion ? { suggestion } : {}) }));
    }
    if (point.unit === 'percent' && (point.value < 0 || point.value > 100)) report(diagnostic('BP302', at('value'), { id: point.id, value: point.value }));
    if (point.period.end < point.period.start) report(diagnostic('BP303', at('period.end'), { id: point.id }));
  });
}

export function checkTable(table: Table, yaml: YamlSource, report: Report) {
  const columns = table.columns.map((c) => c.id);
  if (!columns.includes(table.key)) {
    report(diagnostic('BP104', { file: yaml.file, ...yaml.locate(['key']) }, { field: 'key', reason: `must name one of the columns (${columns.join(', ')})` }));
  }
  table.rows.forEach((row, i) => {
    for (const column of columns) {
      if (!(column in row)) report(diagnostic('BP501', { file: yaml.file, ...yaml.locate(['rows', i]) }, { table: table.id, row: i + 1, column }));
    }
    for (const cell of Object.keys(row)) {
      if (!columns.includes(cell)) report(diagnostic('BP503', { file: yaml.file, ...yaml.locate(['rows', i, cell], 'key') }, { table: table.id, column: cell }));
    }
    if (columns.includes(table.key) && table.key in row && row[table.key]!.trim() === '') {
      report(diagnostic('BP502', { file: yaml.file, ...yaml.locate(['rows', i, table.key]) }, { table: table.id, row: i + 1, column: table.key }));
    }
  });
}
