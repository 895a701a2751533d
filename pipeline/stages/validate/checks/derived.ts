// Derived data points (stages/validate/derive.ts): each has a value or a derivation (BP309), derives from data
// points that exist (BP310) and fit its unit (BP311), not from itself (BP313), and agrees with a value its source
// states (BP312); a table's stated derived cell agrees with its row (BP506).
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import { closest } from '../../../diagnostics/suggest.js';
import { formatMeasure } from '../../../model/units.js';
import type { ValidationContext } from '../context.js';

export function checkDerived({ loaded, dataPointsFile, deriveProblems, dataPointIds, tables, report }: ValidationContext): void {
  if (dataPointsFile) {
    const yaml = loaded.dataPoints!;
    for (const problem of deriveProblems) {
      const point = dataPointsFile.dataPoints[problem.index]!;
      const at = (...path: (string | number)[]) => ({ file: yaml.file, ...yaml.locate(['dataPoints', problem.index, ...path]) });
      if (problem.kind === 'missing') report(diagnostic('BP309', at('id'), { id: point.id }));
      else if (problem.kind === 'cycle') report(diagnostic('BP313', at('derive'), { id: point.id }));
      else if (problem.kind === 'units') report(diagnostic('BP311', at('derive'), { id: point.id, reason: problem.reason }));
      else if (problem.kind === 'unknown') {
        const suggestion = dataPointIds && closest(problem.input, dataPointIds);
        report(diagnostic('BP310', at('derive', ...problem.path), { id: point.id, input: problem.input, ...(suggestion ? { suggestion } : {}) }));
      } else {
        const precise = { ...point, decimals: point.decimals + 2 };
        report(diagnostic('BP312', at('value'), { id: point.id, stated: formatMeasure(point, problem.stated), computed: formatMeasure(precise, problem.computed) }));
      }
    }
  }
  for (const { yaml, table, deriveProblems: problems } of tables) {
    for (const { row, column, stated, computed } of problems) {
      const measure = table!.columns.find((c) => c.id === column)!;
      if (measure.type !== 'number') continue;
      report(diagnostic('BP506', { file: yaml.file, ...yaml.locate(['rows', row, column]) }, {
        table: table!.id, row: row + 1, column, stated: formatMeasure(measure, stated), computed: formatMeasure({ ...measure, decimals: measure.decimals + 2 }, computed),
      }));
    }
  }
}
