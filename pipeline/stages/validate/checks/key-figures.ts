// The key figures briefing.yaml lists name data points (BP605), and a change card pairs two of one unit (BP606).
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import { closest } from '../../../diagnostics/suggest.js';
import type { ValidationContext } from '../context.js';

export function checkKeyFigures({ loaded, meta, dataPointIds, dataPointsById, report }: ValidationContext): void {
  if (!meta?.keyFigures || !dataPointIds) return;
  const yaml = loaded.briefing!;
  meta.keyFigures.forEach((card, i) => {
    const refs: [string, (string | number)[]][] = typeof card === 'string' ? [[card, []]]
      : 'from' in card ? [[card.from, ['from']], [card.to, ['to']]] : [[card.value, ['value']], [card.change, ['change']]];
    let known = true;
    for (const [id, path] of refs) {
      if (dataPointIds.has(id)) continue;
      known = false;
      const suggestion = closest(id, dataPointIds);
      report(diagnostic('BP605', { file: yaml.file, ...yaml.locate(['keyFigures', i, ...path]) }, { id, ...(suggestion ? { suggestion } : {}) }));
    }
    if (!known || typeof card === 'string' || !('from' in card)) return;
    const [from, to] = [dataPointsById.get(card.from), dataPointsById.get(card.to)];
    if (from && to && (from.unit !== to.unit || from.currency !== to.currency || from.scale !== to.scale)) {
      report(diagnostic('BP606', { file: yaml.file, ...yaml.locate(['keyFigures', i, 'to']) }, { from: card.from, to: card.to }));
    }
  });
}
