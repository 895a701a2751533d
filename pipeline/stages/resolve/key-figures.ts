// The key-figure cards: as briefing.yaml lists them, or, when it lists none, the first four data points the
// sections mention (a few, not all: the cards come before the summary). A change card shows two values of one
// measure and their difference ("277 → 258 days", "−19 days"); a value card may carry the change its source states.
import type { Briefing } from '../../model/briefing.js';
import type { ResolvedDataPoint, ResolvedKeyFigure, ResolvedSource } from '../../model/resolved.js';
import type { KeyFigureRef } from '../../model/schema.js';
import { formatDifference, formatMeasure, formatValue, QUALIFIER_WORDS } from '../../model/units.js';

/** How many cards a briefing without `keyFigures` shows. */
const DEFAULT_KEY_FIGURES = 4;

export function resolveKeyFigures(
  briefing: Briefing,
  dataPointsById: ReadonlyMap<string, ResolvedDataPoint>,
  sourcesByKey: ReadonlyMap<string, ResolvedSource>,
): ResolvedKeyFigure[] {
  const cards: KeyFigureRef[] = briefing.meta.keyFigures ?? defaultCards(briefing);
  return cards.map((card) => {
    const ids = typeof card === 'string' ? [card] : 'from' in card ? [card.to, card.from] : [card.value, card.change];
    const points = ids.map((id) => dataPointsById.get(id)!);
    const [main, other] = points as [ResolvedDataPoint, ResolvedDataPoint | undefined];
    const sources = [...new Set(points.map((p) => p.source))].map((key) => sourcesByKey.get(key)!).sort((a, b) => a.number - b.number);
    const base = {
      ids,
      qualifier: main.qualifier ? QUALIFIER_WORDS[main.qualifier] : '',
      label: main.label,
      period: main.period.label,
      sources: sources.map((s) => ({ number: s.number, publisher: s.publisher, year: s.date.slice(0, 4) })),
    };
    if (typeof card === 'string') return { ...base, value: main.formatted };
    if ('from' in card) {
      const from = other!;
      // "277 → 258 days": a duration's unit is said once; other units print whole on both sides.
      const fromText = ['days', 'months', 'years'].includes(from.unit) ? formatMeasure({ ...from, unit: 'number' }, from.value) : from.formatted;
      return {
        ...base,
        value: `${fromText} → ${main.formatted}`,
        change: formatDifference({ ...main, decimals: Math.max(main.decimals, from.decimals) }, main.value - from.value),
        period: `${from.period.label} → ${main.period.label}`,
      };
    }
    return { ...base, value: main.formatted, change: formatValue(other!) };
  });
}

/** The first data points the sections mention (validation recorded them), then the rest in file order. */
function defaultCards(briefing: Briefing): string[] {
  const order = [...new Set([...briefing.mentioned, ...briefing.dataPoints.map((p) => p.id)])];
  return order.slice(0, DEFAULT_KEY_FIGURES);
}
