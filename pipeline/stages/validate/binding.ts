// Binding a figure to the data point it states. The candidates are the data points of the sources cited where the
// figure stands; the figure must match one of them in unit (and currency), change-ness and sign, quantity at the
// precision written, and qualifier family. Among several matches the one whose label and period words the figure's
// words share wins; a tie is ambiguous. And a match is not enough when the figure's words name another candidate
// of the same kind and none of the match's own ("Only 70% were able to fully recover" matches the disruption
// figure by value but names the recovery one): matching *some* value of the source is how a figure fools a check.
import type { DataPoint, Qualifier } from '../../model/schema.js';
import { scaleFactor } from '../../model/units.js';
import { contentWords, type Figure, type QualifierFamily } from './figures.js';

const FAMILY: Record<Qualifier, QualifierFamily> = {
  'over': 'lower', 'more-than': 'lower', 'at-least': 'lower',
  'under': 'upper', 'less-than': 'upper', 'up-to': 'upper',
  'about': 'approximate', 'nearly': 'approximate', 'almost': 'approximate',
};

export type Binding =
  | { kind: 'bound'; point: DataPoint }
  /** Several candidates match and the words do not decide between them. */
  | { kind: 'ambiguous'; points: DataPoint[] }
  /** The value matches `matched`, but the words say it is `named`, which gives another value. */
  | { kind: 'other'; matched: DataPoint; named: DataPoint }
  /** Same number, bounded differently ("30%" where the source says "over 30%"). */
  | { kind: 'qualifier'; point: DataPoint }
  /** Same number, more digits than the source states. */
  | { kind: 'precision'; point: DataPoint }
  | { kind: 'none'; nearest?: DataPoint };

type Mismatch = 'kind' | 'value' | 'precision' | 'qualifier' | undefined;

const isChange = (point: DataPoint) => point.change === true || point.unit === 'percentage-points';

function sameKind(figure: Figure, point: DataPoint): boolean {
  if (point.unit !== figure.unit || (figure.unit === 'currency' && point.currency !== figure.currency)) return false;
  // A written sign on a level ("−4.9%" of a value that is negative) is allowed; a direction word is not.
  const figureIsChange = figure.direction !== undefined || figure.unit === 'percentage-points';
  if (isChange(point) !== figureIsChange && !(figure.direction?.explicit && !isChange(point))) return false;
  const sign = figure.direction?.sign ?? 1;
  return !((point.value < 0 && sign > 0) || (point.value > 0 && sign < 0));
}

function mismatch(figure: Figure, point: DataPoint): Mismatch {
  if (!sameKind(figure, point)) return 'kind';
  const pointScale = scaleFactor(point.scale);
  const shown = Number(((Math.abs(point.value) * pointScale) / figure.scale).toFixed(figure.decimals));
  if (Math.abs(shown - figure.number) > 1e-9) return 'value';
  if (figure.scale === pointScale && figure.decimals > point.decimals) return 'precision';
  const data = point.qualifier && FAMILY[point.qualifier];
  // Bounds must agree both ways; an approximate word may round an exact value, and an approximate value may be
  // written bare.
  if (data === 'lower' || data === 'upper') return figure.qualifier === data ? undefined : 'qualifier';
  if (figure.qualifier === 'lower' || figure.qualifier === 'upper') return 'qualifier';
  return undefined;
}

const labelWords = (point: DataPoint) => contentWords(`${point.label} ${point.period.label}`);
const shared = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].filter((w) => b.has(w)).length;
const minus = (a: ReadonlySet<string>, b: ReadonlySet<string>) => new Set([...a].filter((w) => !b.has(w)));

export function bindFigure(figure: Figure, candidates: readonly DataPoint[]): Binding {
  const verdicts = candidates.map((point) => ({ point, why: mismatch(figure, point) }));
  const matches = verdicts.filter((v) => v.why === undefined).map((v) => v.point);
  if (matches.length === 0) {
    const near = verdicts.find((v) => v.why === 'qualifier') ?? verdicts.find((v) => v.why === 'precision');
    if (near) return { kind: near.why as 'qualifier' | 'precision', point: near.point };
    const quantity = figure.number * figure.scale * (figure.direction?.sign ?? 1);
    const sameUnit = candidates.filter((p) => p.unit === figure.unit && (figure.unit !== 'currency' || p.currency === figure.currency));
    const nearest = nearestByWords(figure, sameUnit.length > 0 ? sameUnit : candidates, quantity);
    return { kind: 'none', ...(nearest ? { nearest } : {}) };
  }
  const scored = matches.map((point) => ({ point, score: shared(labelWords(point), figure.words) + shared(labelWords(point), figure.subjectWords) / 10 }));
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0]!.point;
  const ownWords = new Set([...figure.words, ...figure.subjectWords]);
  for (const other of candidates) {
    if (matches.includes(other) || other.unit !== figure.unit || isChange(other) !== isChange(best)) continue;
    const mine = minus(labelWords(best), labelWords(other));
    const theirs = minus(labelWords(other), labelWords(best));
    if (shared(theirs, figure.words) > 0 && shared(mine, ownWords) === 0) return { kind: 'other', matched: best, named: other };
  }
  const tied = scored.filter((s) => s.score === scored[0]!.score).map((s) => s.point);
  return tied.length > 1 ? { kind: 'ambiguous', points: tied } : { kind: 'bound', point: best };
}

/** The candidate the figure most likely meant: the one its words name most, then the one nearest in value. */
function nearestByWords(figure: Figure, points: readonly DataPoint[], quantity: number): DataPoint | undefined {
  const distance = (p: DataPoint) => Math.abs(p.value * scaleFactor(p.scale) - quantity);
  return [...points].sort((a, b) => shared(labelWords(b), figure.words) - shared(labelWords(a), figure.words) || distance(a) - distance(b))[0];
}
