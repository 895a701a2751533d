// Every id is used once: data points, sources, tables, charts, sections (BP105).
import { diagnostic, type Report } from '../../../diagnostics/diagnostic.js';
import type { PathSegment, YamlSource } from '../../../diagnostics/yaml-source.js';
import type { ValidationContext } from '../context.js';

export function checkUniqueIds({ loaded, meta, dataPoints, sources, tables, charts, report }: ValidationContext): void {
  unique('data point', dataPoints.map((p, i) => [p.id, loaded.dataPoints!, ['dataPoints', i, 'id']]), report);
  unique('source', sources.map((s, i) => [s.key, loaded.sources!, ['sources', i, 'key']]), report);
  unique('table', tables.flatMap(({ yaml, table }) => (table ? [[table.id, yaml, ['id']]] : [])), report);
  unique('chart', charts.flatMap(({ yaml, chart }) => (chart ? [[chart.id, yaml, ['id']]] : [])), report);
  if (meta) unique('section', meta.sections.map((s, i) => [s.id, loaded.briefing!, ['sections', i, 'id']]), report);
}

function unique(kind: string, entries: [string, YamlSource, PathSegment[]][], report: Report): void {
  const seen = new Set<string>();
  for (const [id, yaml, path] of entries) {
    if (seen.has(id)) report(diagnostic('BP105', { file: yaml.file, ...yaml.locate(path) }, { kind, id }));
    seen.add(id);
  }
}
