// A chart may refer to no external resource: no `url` or `href` key anywhere in its spec (a link in a chart
// would be drawn as one, and Vega's loader is asked to sanitize it), and no `data` below its top level (the top
// one is BP403) (BP804).
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import type { PathSegment } from '../../../diagnostics/yaml-source.js';
import type { ValidationContext } from '../context.js';

export function checkChartResources({ charts, report }: ValidationContext): void {
  for (const { yaml, chart } of charts) {
    if (!chart) continue;
    const visit = (node: unknown, path: PathSegment[]) => {
      if (Array.isArray(node)) return node.forEach((item, i) => visit(item, [...path, i]));
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        const nestedData = key === 'data' && path.length > 1;
        if (key === 'url' || key === 'href' || nestedData) report(diagnostic('BP804', { file: yaml.file, ...yaml.locate([...path, key], 'key') }, { chart: chart.id, key }));
        else visit(value, [...path, key]);
      }
    };
    visit(chart.spec, ['spec']);
  }
}
