// A table's key names a column (BP104), every row has every column (BP501) and no other (BP503), and key cells
// are filled (BP502) and unique (BP504).
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import type { ValidationContext } from '../context.js';

export function checkTables({ tables, report }: ValidationContext): void {
  for (const { yaml, table } of tables) {
    if (!table) continue;
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
}
