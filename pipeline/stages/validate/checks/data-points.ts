// Each data point names a known source (BP301); a percentage lies in 0–100 unless it is a change (BP302); a
// currency amount names its currency and nothing else does (BP314); a period has both dates or neither (BP315),
// ends after it starts (BP303), and its label names no year outside it (BP308).
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
    if (point.unit === 'percent' && !point.change && point.value !== undefined && (point.value < 0 || point.value > 100)) {
      report(diagnostic('BP302', at('value'), { id: point.id, value: point.value }));
    }
    if (point.unit === 'currency' && !point.currency) report(diagnostic('BP314', at('unit'), { id: point.id, reason: 'is a currency amount without "currency" (an ISO 4217 code)' }));
    if (point.unit !== 'currency' && point.currency) report(diagnostic('BP314', at('currency'), { id: point.id, reason: `names a currency but its unit is ${point.unit}` }));
    const { label, start, end } = point.period;
    if ((start === undefined) !== (end === undefined)) {
      report(diagnostic('BP315', at(start === undefined ? 'period.end' : 'period.start'), { id: point.id }));
      return;
    }
    if (start === undefined || end === undefined) return;
    if (end < start) report(diagnostic('BP303', at('period.end'), { id: point.id }));
    for (const year of label.match(/\b(?:1[89]|2\d)\d{2}\b/g) ?? []) {
      if (year < start.slice(0, 4) || year > end.slice(0, 4)) {
        report(diagnostic('BP308', at('period.label'), { id: point.id, label, year, start, end }));
        break;
      }
    }
  });
}
