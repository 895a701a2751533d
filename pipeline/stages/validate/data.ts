// Meaning of the data files: unique ids, data points (sourced, in range, well dated), sources (plausible, not
// repeated) and tables (complete rows, unique keys).
import { diagnostic, type Report } from '../../diagnostics/diagnostic.js';
import type { DataPoint, Source, Table } from '../../model/briefing.js';
import type { PathSegment, YamlSource } from '../../diagnostics/yaml-source.js';
import { closest } from '../../diagnostics/suggest.js';

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
    for (const year of point.period.label.match(/\b(?:1[89]|2\d)\d{2}\b/g) ?? []) {
      if (year < point.period.start.slice(0, 4) || year > point.period.end.slice(0, 4)) {
        report(diagnostic('BP308', at('period.label'), { id: point.id, label: point.period.label, year, start: point.period.start, end: point.period.end }));
        break;
      }
    }
  });
}

/** A source is dated no later than a year after the briefing, and no two sources are the same document. */
export function checkSources(sources: Source[], yaml: YamlSource, briefingYear: number | undefined, report: Report) {
  const seen = new Map<string, Source>();
  sources.forEach((source, i) => {
    if (briefingYear !== undefined && source.year > briefingYear + 1) {
      report(diagnostic('BP206', { file: yaml.file, ...yaml.locate(['sources', i, 'year']) }, { year: source.year, briefingYear }));
    }
    const identities: [string, string][] = [
      [`all:${[source.publisher, source.year, source.title ?? '', source.url ?? ''].join('\n').toLowerCase()}`, 'same publisher, year, title and URL'],
      ...(source.url ? [[`url:${source.url.replace(/\/$/, '')}`, 'same URL'] as [string, string]] : []),
    ];
    const repeated = identities.find(([identity]) => seen.has(identity));
    if (repeated) {
      const original = seen.get(repeated[0])!;
      report(diagnostic('BP207', { file: yaml.file, ...yaml.locate(['sources', i, 'key']) }, { key: source.key, original: original.key, same: repeated[1] }));
    }
    for (const [identity] of identities) if (!seen.has(identity)) seen.set(identity, source);
  });
}

export function checkTable(table: Table, yaml: YamlSource, report: Report) {
  const columns = table.columns.map((c) => c.id);
  if (!columns.includes(table.key)) {
    report(diagnostic('BP104', { file: yaml.file, ...yaml.locate(['key']) }, { field: 'key', reason: `must name one of the columns (${columns.join(', ')})` }));
  }
  const firstRowByKey = new Map<string, number>();
  table.rows.forEach((row, i) => {
    for (const column of columns) {
      if (!(column in row)) report(diagnostic('BP501', { file: yaml.file, ...yaml.locate(['rows', i]) }, { table: table.id, row: i + 1, column }));
    }
    for (const cell of Object.keys(row)) {
      if (!columns.includes(cell)) report(diagnostic('BP503', { file: yaml.file, ...yaml.locate(['rows', i, cell], 'key') }, { table: table.id, column: cell }));
    }
    if (!columns.includes(table.key) || !(table.key in row)) return;
    const key = row[table.key]!.trim();
    if (key === '') {
      report(diagnostic('BP502', { file: yaml.file, ...yaml.locate(['rows', i, table.key]) }, { table: table.id, row: i + 1, column: table.key }));
    } else if (firstRowByKey.has(key)) {
      report(diagnostic('BP504', { file: yaml.file, ...yaml.locate(['rows', i, table.key]) }, { table: table.id, row: i + 1, first: firstRowByKey.get(key)!, column: table.key, value: key }));
    } else {
      firstRowByKey.set(key, i + 1);
    }
  });
}
