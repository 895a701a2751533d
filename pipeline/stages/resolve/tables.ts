// Tables as every output shows them: placeholders expanded in text cells, title and caption; number cells printed
// by the units table at the column's precision (and kept as numbers with their Excel format for the workbook);
// data-point cells printed as the data point; a source line from the table's sources.
import type { Table } from '../../model/briefing.js';
import type { ResolvedCell, ResolvedDataPoint, ResolvedSource } from '../../model/resolved.js';
import { excelNumberFormat, formatMeasure, storedValue } from '../../model/units.js';

export function resolveTableContent(
  table: Table,
  expand: (text: string) => string,
  dataPointsById: ReadonlyMap<string, ResolvedDataPoint>,
  sourcesByKey: ReadonlyMap<string, ResolvedSource>,
) {
  const columns = table.columns.map((c) => ({ id: c.id, label: c.label, numeric: c.type !== 'text' }));
  const rows = table.rows.map((row) => table.columns.map((column): ResolvedCell => {
    const cell = row[column.id];
    if (column.type === 'number' && typeof cell === 'number') {
      return { text: formatMeasure(column, cell), numeric: true, stored: storedValue(column, cell), numberFormat: excelNumberFormat(column) };
    }
    if (column.type === 'data-point') {
      const point = dataPointsById.get(String(cell))!;
      return { text: point.inProse, numeric: true, stored: storedValue(point, point.value), numberFormat: excelNumberFormat(point) };
    }
    return { text: expand(String(cell ?? '')), numeric: false };
  }));
  return {
    title: expand(table.title),
    caption: expand(table.caption),
    sourceLine: sourceLine((table.source ?? []).map((key) => sourcesByKey.get(key)!)),
    columns,
    rows,
  };
}

/** "Source: [2]." or "Sources: [1], [3].": the numbers of the sources that state a figure's or table's numbers. */
export function sourceLine(sources: readonly ResolvedSource[]): string {
  const numbers = [...new Set(sources.map((source) => source.number))].sort((a, b) => a - b);
  if (numbers.length === 0) return '';
  return `${numbers.length > 1 ? 'Sources' : 'Source'}: ${numbers.map((n) => `[${n}]`).join(', ')}.`;
}
