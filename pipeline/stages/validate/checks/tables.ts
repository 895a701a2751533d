// A table's key names a column (BP104); every row has every stated column (BP501; a derived column may be left
// out) and no other (BP503); key cells are filled (BP502) and unique (BP504); each cell has its column's type
// (BP505); its sources, data-point cells and derivations name what exists (BP508); and its workbook sheet name is
// its own (BP507).
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import { closest } from '../../../diagnostics/suggest.js';
import { WORKBOOK_SHEETS } from '../../../model/excel-names.js';
import type { TableColumn } from '../../../model/schema.js';
import type { ValidationContext } from '../context.js';


export function checkTables({ tables, sourceKeys, dataPointIds, report }: ValidationContext): void {
  const sheets = new Map(WORKBOOK_SHEETS.map((name) => [name.toLowerCase(), `the workbook's ${name} sheet`]));
  for (const { yaml, table } of tables) {
    if (!table) continue;
    const at = (...path: (string | number)[]) => ({ file: yaml.file, ...yaml.locate(path) });
    const taken = sheets.get(table.sheet.toLowerCase());
    if (taken) report(diagnostic('BP507', at('sheet'), { table: table.id, sheet: table.sheet, other: taken }));
    else sheets.set(table.sheet.toLowerCase(), `table "${table.id}"`);
    (table.source ?? []).forEach((key, i) => {
      if (!sourceKeys || sourceKeys.has(key)) return;
      const suggestion = closest(key, sourceKeys);
      report(diagnostic('BP508', at('source', i), { table: table.id, what: 'the source', id: key, ...(suggestion ? { suggestion } : {}) }));
    });
    const columnsById = new Map(table.columns.map((c) => [c.id, c]));
    table.columns.forEach((column, c) => {
      if (column.type !== 'number' || !column.derive) return;
      column.derive.difference.forEach((input, i) => {
        if (columnsById.get(input)?.type !== 'number') report(diagnostic('BP508', at('columns', c, 'derive', 'difference', i), { table: table.id, what: 'the number column', id: input }));
      });
    });
    const columns = table.columns.map((c) => c.id);
    if (!columns.includes(table.key)) {
      report(diagnostic('BP104', at('key'), { field: 'key', reason: `must name one of the columns (${columns.join(', ')})` }));
    }
    const firstRowByKey = new Map<string, number>();
    table.rows.forEach((row, i) => {
      for (const column of table.columns) {
        if (!(column.id in row)) {
          if (column.type !== 'number' || !column.derive) report(diagnostic('BP501', at('rows', i), { table: table.id, row: i + 1, column: column.id }));
          continue;
        }
        const expected = cellProblem(column, row[column.id]!, dataPointIds);
        if (expected) report(diagnostic('BP505', at('rows', i, column.id), { table: table.id, row: i + 1, column: column.id, expected }));
      }
      for (const cell of Object.keys(row)) {
        if (!columns.includes(cell)) report(diagnostic('BP503', { file: yaml.file, ...yaml.locate(['rows', i, cell], 'key') }, { table: table.id, column: cell }));
      }
      if (!columns.includes(table.key) || !(table.key in row)) return;
      const key = String(row[table.key]).trim();
      if (key === '') {
        report(diagnostic('BP502', at('rows', i, table.key), { table: table.id, row: i + 1, column: table.key }));
      } else if (firstRowByKey.has(key)) {
        report(diagnostic('BP504', at('rows', i, table.key), { table: table.id, row: i + 1, first: firstRowByKey.get(key)!, column: table.key, value: key }));
      } else {
        firstRowByKey.set(key, i + 1);
      }
    });
  }
}

/** What the cell should be, or undefined when it is that. */
function cellProblem(column: TableColumn, cell: string | number, dataPointIds: ReadonlySet<string> | undefined): string | undefined {
  if (column.type === 'number') return typeof cell === 'number' ? undefined : 'a number (the column gives unit and scale)';
  if (column.type === 'text') return typeof cell === 'string' ? undefined : 'text (a number belongs in a number column, or write it as "…")';
  if (typeof cell !== 'string') return 'a data point id';
  return !dataPointIds || dataPointIds.has(cell) ? undefined : `a data point id ("${cell}" is none)`;
}
