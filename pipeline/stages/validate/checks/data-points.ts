// Each data point names a known source (BP301), a percentage lies in 0–100 (BP302), a period ends after it starts
// (BP303), and its label names no year outside it (BP308).
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import { closest } from '../../../diagnostics/suggest.js';
import type { ValidationContext } from '../context.js';

export function checkDataPoints({ loaded, dataPointsFile, sourceKeys, report }: ValidationContext): void {
  if (!dataPointsFile) return;
  const yaml = loaded.dataPoints!;
  dataPointsFile.dataPoints.forEach((point, i) => {
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
