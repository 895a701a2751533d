// Every id is used once: data points, sources, tables, charts, sections (BP105); and the names the workbook
// gives data points and tables are distinct as Excel compares them (BP810).
import { diagnostic, type Report } from '../../../diagnostics/diagnostic.js';
import type { PathSegment, YamlSource } from '../../../diagnostics/yaml-source.js';
import { DATA_POINTS_TABLE, excelName, SOURCES_TABLE, tableName } from '../../../model/excel-names.js';
import type { ValidationContext } from '../context.js';

export function checkUniqueIds({ loaded, meta, dataPoints, sources, tables, charts, report }: ValidationContext): void {
  unique('data point', dataPoints.map((p, i) => [p.id, loaded.dataPoints!, ['dataPoints', i, 'id']]), report);
  unique('source', sources.map((s, i) => [s.key, loaded.sources!, ['sources', i, 'key']]), report);
  unique('table', tables.flatMap(({ yaml, table }) => (table ? [[table.id, yaml, ['id']]] : [])), report);
  unique('chart', charts.flatMap(({ yaml, chart }) => (chart ? [[chart.id, yaml, ['id']]] : [])), report);
  uniqueExcelNames([
    ...dataPoints.map((p, i): ExcelNamed => [excelName(p.id), `data point "${p.id}"`, loaded.dataPoints!, ['dataPoints', i, 'id']]),
    ...tables.flatMap(({ yaml, table }): ExcelNamed[] => (table ? [[tableName(table.id), `table "${table.id}"`, yaml, ['id']]] : [])),
  ], report);
  if (meta) unique('section', meta.sections.map((s, i) => [s.id, loaded.briefing!, ['sections', i, 'id']]), report);
}

function unique(kind: string, entries: [string, YamlSource, PathSegment[]][], report: Report): void {
  const seen = new Set<string>();
  for (const [id, yaml, path] of entries) {
    if (seen.has(id)) report(diagnostic('BP105', { file: yaml.file, ...yaml.locate(path) }, { kind, id }));
    seen.add(id);
  }
}

/** A workbook name, what it names, and where that id is written. */
type ExcelNamed = [string, string, YamlSource, PathSegment[]];

/**
 * Two ids that are different strings can still be one Excel name (ab12 → DP_Ab12, dp-ab12 → Dp_Ab12): Excel
 * looks names up without regard to case, so the workbook's formulas would read the wrong cell. An id repeated
 * outright is BP105's, not reported twice.
 */
function uniqueExcelNames(entries: ExcelNamed[], report: Report): void {
  const fixed = `the workbook's own table`;
  const seen = new Map<string, { what: string; name: string }>([DATA_POINTS_TABLE, SOURCES_TABLE].map((name) => [name.toLowerCase(), { what: fixed, name }]));
  for (const [name, what, yaml, path] of entries) {
    const other = seen.get(name.toLowerCase());
    if (other && (other.name !== name || other.what === fixed)) {
      report(diagnostic('BP810', { file: yaml.file, ...yaml.locate(path) }, { what, name, other: other.what, otherName: other.name }));
    }
    if (!other) seen.set(name.toLowerCase(), { what, name });
  }
}
