// Counts of sections, data points, sources, tables, rows and charts stay within LIMITS (BP806), so hostile or
// runaway input gives a diagnostic, never a build that does not end.
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import type { PathSegment, YamlSource } from '../../../diagnostics/yaml-source.js';
import { LIMITS } from '../../../model/limits.js';
import type { ValidationContext } from '../context.js';

export function checkCounts({ loaded, meta, dataPointsFile, sourcesFile, tables, report }: ValidationContext): void {
  const counts: { what: string; actual: number; limit: number; yaml: YamlSource; path: PathSegment[] }[] = [
    ...(meta ? [{ what: 'the number of sections', actual: meta.sections.length, limit: LIMITS.sections, yaml: loaded.briefing!, path: ['sections'] }] : []),
    ...(dataPointsFile ? [{ what: 'the number of data points', actual: dataPointsFile.dataPoints.length, limit: LIMITS.dataPoints, yaml: loaded.dataPoints!, path: ['dataPoints'] }] : []),
    ...(sourcesFile ? [{ what: 'the number of sources', actual: sourcesFile.sources.length, limit: LIMITS.sources, yaml: loaded.sources!, path: ['sources'] }] : []),
    ...tables.flatMap(({ yaml, table }) => (table ? [{ what: `the number of rows of table "${table.id}"`, actual: table.rows.length, limit: LIMITS.tableRows, yaml, path: ['rows'] }] : [])),
    ...(loaded.tables.length > LIMITS.tables ? [{ what: 'the number of tables', actual: loaded.tables.length, limit: LIMITS.tables, yaml: loaded.tables[LIMITS.tables]!, path: [] }] : []),
    ...(loaded.charts.length > LIMITS.charts ? [{ what: 'the number of charts', actual: loaded.charts.length, limit: LIMITS.charts, yaml: loaded.charts[LIMITS.charts]!, path: [] }] : []),
  ];
  for (const { what, actual, limit, yaml, path } of counts) {
    if (actual > limit) report(diagnostic('BP806', { file: yaml.file, ...yaml.locate(path, 'key') }, { what, actual, limit }));
  }
}
