// Figures in prose: a number written with a unit ("5.98%", "over 30%", "$4.2 billion", "9.2×") must be one the
// data states, at the precision the prose gives it. Plain numbers (years, dates, section numbers, counts) are
// not figures: nothing marks them as measurements. `%` always counts; `$` and `×` count when a data point
// uses that unit.
import type { DataPoint, Unit } from '../../model/briefing.js';
import { UNIT_STYLES } from '../../model/units.js';
import { citationPattern, dataPointRefPattern } from '../../narrative/grammar.js';
import { UNITS } from '../../model/schema.js';

export type Qualifier = NonNullable<DataPoint['qualifier']>;

export interface Figure {
  /** Offset of the figure (its qualifier included) in the scanned text. */
  offset: number;
  /** As written, e.g. "over 30%". */
  text: string;
  unit: Unit;
  /** The number as written, before any scale word ("4.2" in "$4.2 billion"). */
  number: number;
  decimals: number;
  /** 1, or the factor of a scale word: 1e9 for "billion". */
  scale: number;
  qualifier?: Qualifier;
}

// Groups, in every pattern: 1 currency sign, 2 minus sign, 3 integer digits, 4 decimals, 5 scale word.
const NUMBER = String.raw`([-−]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?`;
/** Not the tail of a word, a version or a longer number ("v1.5%", "2,5%"). */
const STANDALONE = String.raw`(?<![\w.,])`;
/** Each unit prose can mark, with how (model/units.ts). */
const MARKED_UNITS = UNITS.flatMap((unit) => {
  const prose = UNIT_STYLES[unit].prose;
  return prose ? [{ unit, always: prose.always, pattern: `${STANDALONE}${prose.before}${NUMBER}${prose.after}` }] : [];
});

const SCALES: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12 };

/** Words before a figure that bound it, as the data's `qualifier` does. */
const QUALIFIER_BEFORE = /(?:^|[^\w])(over|more than|above|greater than|at least|exceeding|in excess of|under|less than|below|fewer than|at most|about|around|approximately|roughly|nearly|almost|some|~)\s*$/i;
const QUALIFIER_OF: Record<string, Qualifier> = {
  'over': 'over', 'more than': 'over', 'above': 'over', 'greater than': 'over', 'at least': 'over', 'exceeding': 'over', 'in excess of': 'over',
  'under': 'under', 'less than': 'under', 'below': 'under', 'fewer than': 'under', 'at most': 'under',
  'about': 'about', 'around': 'about', 'approximately': 'about', 'roughly': 'about', 'nearly': 'about', 'almost': 'about', 'some': 'about', '~': 'about',
};

/**
 * The figures in a text. What is not prose is blanked out first, keeping offsets: data point references
 * (they insert the data's own value), citations, code and web addresses.
 */
export function scanFigures(text: string, unitsInData: ReadonlySet<Unit>): Figure[] {
  const prose = blankNonProse(text);
  const figures: Figure[] = [];
  for (const { unit, always, pattern } of MARKED_UNITS) {
    if (!always && !unitsInData.has(unit)) continue;
    for (const match of prose.matchAll(new RegExp(pattern, 'gi'))) {
      const [whole, , sign, digits, fraction = '', scaleWord] = match;
      const number = Number(`${sign ? '-' : ''}${digits!.replace(/,/g, '')}.${fraction || '0'}`);
      const before = QUALIFIER_BEFORE.exec(prose.slice(Math.max(0, match.index - 20), match.index));
      const word = before?.[1];
      const offset = word ? match.index - before![0].length + before![0].indexOf(word) : match.index;
      figures.push({
        offset,
        text: text.slice(offset, match.index + whole.length).replace(/\s+/g, ' '),
        unit,
        number,
        decimals: fraction.length,
        scale: scaleWord ? SCALES[scaleWord.toLowerCase()]! : 1,
        ...(word ? { qualifier: QUALIFIER_OF[word.toLowerCase()]! } : {}),
      });
    }
  }
  return figures.sort((a, b) => a.offset - b.offset);
}

const NON_PROSE = [
  dataPointRefPattern(),
  citationPattern(),
  /^(```|~~~)[^\n]*\n[\s\S]*?(^\1[^\n]*$|(?![\s\S]))/gm,
  /`[^`\n]+`/g,
  /\bhttps?:\/\/[^\s)>\]]+/g,
];

function blankNonProse(text: string): string {
  let prose = text;
  for (const pattern of NON_PROSE) prose = prose.replace(pattern, (span) => span.replace(/[^\n]/g, ' '));
  return prose;
}

export type Agreement =
  | { kind: 'match'; points: DataPoint[] }
  /** Same number, but the prose bounds it differently ("30%" where the data says "over 30%"). */
  | { kind: 'qualifier'; point: DataPoint }
  /** The prose gives more digits than the source states. */
  | { kind: 'precision'; point: DataPoint }
  | { kind: 'none'; nearest?: DataPoint };

/** Compares a figure with the data at the figure's own precision: "6%" agrees with 5.98, "5.9%" does not. */
export function compareWithData(figure: Figure, points: readonly DataPoint[]): Agreement {
  const sameUnit = points.filter((p) => p.unit === figure.unit);
  const written = figure.number.toFixed(figure.decimals);
  const equal = sameUnit.filter((p) => (p.value / figure.scale).toFixed(figure.decimals) === written);
  const precise = equal.filter((p) => figure.scale !== 1 || figure.decimals <= p.decimals);
  const matches = precise.filter((p) => qualifiersAgree(figure.qualifier, p.qualifier));
  if (matches.length > 0) return { kind: 'match', points: matches };
  if (precise.length > 0) return { kind: 'qualifier', point: precise[0]! };
  if (equal.length > 0) return { kind: 'precision', point: equal[0]! };
  const value = figure.number * figure.scale;
  const nearest = sameUnit.reduce<DataPoint | undefined>((best, p) => (!best || Math.abs(p.value - value) < Math.abs(best.value - value) ? p : best), undefined);
  return { kind: 'none', ...(nearest ? { nearest } : {}) };
}

/** "about" is how prose rounds, so it agrees with an exact value; over and under must match the data's. */
function qualifiersAgree(prose: Qualifier | undefined, data: Qualifier | undefined): boolean {
  return prose === data || (prose === 'about' && data === undefined) || (prose === undefined && data === 'about');
}
