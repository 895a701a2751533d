// Figures in a text: every number written as a measurement ("5.98%", "7 pp", "$4.88 million", "€4.49m",
// "4,900,000", "4.8 million", "258 days", "9.2×", "−4.9%"), with what surrounds it and gives it meaning: a
// qualifier ("over", "nearly"), a direction that makes it a change ("up 10%", "fell by 19 days", "$2.2 million
// lower"), and the words it owns, which say what it measures. Plain numbers (years, ordinals, dates, "16
// countries") are not figures; nor is anything inside {{text:…}}, {{dp:…}}, citations, code or web addresses.
import { SCALES, UNITS, type Scale, type Unit } from '../../model/schema.js';
import { CURRENCY_SYMBOLS, scaleFactor, UNIT_STYLES } from '../../model/units.js';
import { nonFigurePatterns } from '../../narrative/grammar.js';

/** How prose bounds a figure: each data qualifier belongs to one family (binding.ts compares families). */
export type QualifierFamily = 'lower' | 'upper' | 'approximate';

export interface Figure {
  /** Offset of the number (its sign or currency included) in the scanned text. */
  offset: number;
  /** As written, e.g. "$4.88 million". */
  text: string;
  unit: Unit;
  currency?: string;
  /** The number as written, unsigned, before any scale word ("4.88" in "$4.88 million"). */
  number: number;
  decimals: number;
  /** 1, or the factor of a scale word: 1e6 for "million". */
  scale: number;
  qualifier?: QualifierFamily;
  /** +1 or −1 when a sign or a direction word makes the figure a change; `explicit` when it was a written sign. */
  direction?: { sign: 1 | -1; explicit: boolean };
  /** Content words (stemmed) of the figure's own stretch of its clause, and of its clause's subject. */
  words: ReadonlySet<string>;
  subjectWords: ReadonlySet<string>;
}

/**
 * The scales as prose abbreviates them ("€4.49m", "$2bn", "$1.2tn"); their factors are the units table's. No "t":
 * "5t" is as often tonnes.
 */
const SCALE_ABBREVIATIONS: Readonly<Record<string, Scale>> = { k: 'thousand', m: 'million', mn: 'million', bn: 'billion', b: 'billion', tn: 'trillion', trn: 'trillion' };
const SYMBOL_CURRENCIES: Record<string, string> = { 'US$': 'USD', ...Object.fromEntries(Object.entries(CURRENCY_SYMBOLS).map(([code, symbol]) => [symbol, code])) };
const CURRENCY = Object.keys(SYMBOL_CURRENCIES).map((symbol) => symbol.replace(/[$]/g, '\\$')).join('|');

/** The words after a number that give its unit, from the units table, longest first. */
const UNIT_AFTER = UNITS.flatMap((unit) => (UNIT_STYLES[unit].proseAfter ? [`(?<${unit.replace(/-/g, '_')}>${UNIT_STYLES[unit].proseAfter})`] : []));
const FIGURE = new RegExp(
  String.raw`(?<![\w.,$€£¥+\-−])(?:(?<currencySign>[+\-−])(?=${CURRENCY}))?(?<symbol>${CURRENCY})?(?:(?<=[$€£¥])\s)?(?<sign>[+\-−]?)`
  + String.raw`(?<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<fraction>\d+))?`
  + String.raw`(?:(?:${UNIT_AFTER.join('|')})(?![\w])|\s?(?<scale>${SCALES.join('|')})\b|(?<abbreviation>${Object.keys(SCALE_ABBREVIATIONS).join('|')})\b)?(?![\w%×])`,
  'g',
);

const QUALIFIER_WORDS: [string, QualifierFamily][] = [
  ['more than', 'lower'], ['at least', 'lower'], ['greater than', 'lower'], ['in excess of', 'lower'], ['over', 'lower'], ['above', 'lower'], ['exceeding', 'lower'],
  ['less than', 'upper'], ['fewer than', 'upper'], ['up to', 'upper'], ['at most', 'upper'], ['under', 'upper'], ['below', 'upper'],
  ['nearly', 'approximate'], ['almost', 'approximate'], ['about', 'approximate'], ['around', 'approximate'], ['approximately', 'approximate'],
  ['near', 'approximate'], ['roughly', 'approximate'], ['some', 'approximate'], ['~', 'approximate'],
];
/** Right after a figure, these make it a change: "a 26% increase", "$2.2 million lower", "98 days faster". */
const AFTER_UP = new Set(['increase', 'jump', 'rise', 'higher', 'more', 'longer', 'slower', 'gain']);
const AFTER_DOWN = new Set(['decrease', 'drop', 'decline', 'fall', 'lower', 'less', 'shorter', 'faster', 'cut', 'saving', 'reduction']);
/** Right before it (a qualifier, "by" and adverbs between): "up 10%", "rose sharply, by 27%", "saved nearly $1 million". */
const UP = new Set(['up', 'rose', 'rise', 'risen', 'rises', 'increased', 'increase', 'grew', 'jump', 'jumped', 'climbed', 'gained', 'higher', 'more', 'longer', 'slower', 'added', 'lengthened']);
const DOWN = new Set(['down', 'fell', 'fall', 'dropped', 'drop', 'declined', 'decline', 'decreased', 'decrease', 'shortened', 'saved', 'saving', 'cut', 'reduced', 'lower', 'less', 'faster', 'shorter']);
/** Comparatives that are a direction only with "by": "lower by 3%", not "more 5%". */
const COMPARATIVES = new Set(['more', 'less', 'lower', 'higher']);
/** Before a figure these make it a level: "fell to 258 days", "down from 277 days", "at $6.08 million". */
const LEVEL_WORDS = new Set(['to', 'from', 'at', 'of', 'in', 'was', 'were', 'reached', 'averaged', 'against', 'as']);
const STOP_WORDS = new Set(('the a an of in on to and or for by with from at as is are was were be been that this those these its their it they than '
  + 'vs who which had have has said would could may more most only some use used').split(' '));
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Where a clause ends: the words of one figure do not reach into the next clause. */
const CLAUSE_END = /;|,\s(?:while|and|but|although|though|whereas)\s|\swhile\s/g;

/** A word's stem, crude but enough to compare prose with labels: its first five letters; a month's first three. */
function stem(word: string): string {
  const lower = word.toLowerCase().replace(/['’]s$/, '');
  const month = MONTHS.find((m) => lower === m || lower === m.slice(0, 3) || (lower.length >= 3 && m.startsWith(lower)));
  return month ? month.slice(0, 3) : lower.slice(0, 5);
}

/** The content words of a text, stemmed: "May" capitalised is the month, "may" a verb. */
export function contentWords(text: string): Set<string> {
  const words = text.match(/[A-Za-z][A-Za-z'’-]*|\d{4}/g) ?? [];
  return new Set(words.filter((w) => w === 'May' || !STOP_WORDS.has(w.toLowerCase())).map(stem));
}

/** The text with every span that holds no figure blanked out, offsets kept. */
function blankNonFigures(text: string): string {
  let prose = text;
  for (const pattern of nonFigurePatterns()) prose = prose.replace(pattern, (span) => span.replace(/[^\n]/g, ' '));
  return prose;
}

function qualifierBefore(before: string): { family?: QualifierFamily; rest: string } {
  const lower = before.toLowerCase().trimEnd();
  for (const [phrase, family] of QUALIFIER_WORDS) {
    if (lower.endsWith(phrase) && !/\w/.test(lower.charAt(lower.length - phrase.length - 1))) {
      return { family, rest: lower.slice(0, lower.length - phrase.length).trimEnd() };
    }
  }
  return { rest: lower };
}

function directionOf(rest: string, after: string): 1 | -1 | undefined {
  const next = /^[\s,]*([\w'’-]+)/.exec(after)?.[1]?.toLowerCase();
  if (next && (AFTER_UP.has(next) || AFTER_DOWN.has(next))) return AFTER_UP.has(next) ? 1 : -1;
  const tokens = (rest.match(/[\w'’-]+/g) ?? []).slice(-4).reverse();
  let sawBy = false;
  for (const [i, token] of tokens.entries()) {
    if (LEVEL_WORDS.has(token)) return undefined;
    if (UP.has(token) || DOWN.has(token)) {
      return !COMPARATIVES.has(token) || sawBy ? (UP.has(token) ? 1 : -1) : undefined;
    }
    if (token === 'by') sawBy = true;
    else if (!sawBy && i >= 1) return undefined;
  }
  return undefined;
}

function unitOf(groups: Record<string, string | undefined>): { unit: Unit; currency?: string } | undefined {
  const named = UNITS.find((unit) => groups[unit.replace(/-/g, '_')] !== undefined);
  if (groups.symbol) return named ? undefined : { unit: 'currency', currency: SYMBOL_CURRENCIES[groups.symbol]! };
  if (named) return { unit: named };
  // A bare number is a figure only with a scale word or thousands separators: "4.8 million", "4,900,000".
  if (groups.scale || groups.digits!.includes(',')) return { unit: 'count' };
  return undefined;
}

/** Every figure of a text, in order. */
export function scanFigures(text: string): Figure[] {
  const prose = blankNonFigures(text);
  const found = [...prose.matchAll(FIGURE)].flatMap((match) => {
    const groups = match.groups!;
    if (groups.abbreviation && !groups.symbol) return [];
    const unit = unitOf(groups);
    return unit ? [{ match, groups, unit }] : [];
  });
  const clauseEnds = [...prose.matchAll(CLAUSE_END)].map((m) => m.index);
  return found.map(({ match, groups, unit }, k) => {
    const start = match.index + (match[0].length - match[0].trimStart().length);
    const end = match.index + match[0].length;
    const { family, rest } = qualifierBefore(prose.slice(Math.max(0, start - 200), start));
    const written = groups.currencySign ?? groups.sign;
    const sign = written ? (written === '+' ? 1 : -1) : undefined;
    const implied = directionOf(rest, prose.slice(end, end + 40));
    const direction = sign ? { sign, explicit: true } as const : implied ? { sign: implied, explicit: false } as const : undefined;
    // The words this figure owns: from the previous figure (or its clause's start) to the next (or its clause's
    // end); the clause's words before its first figure, its subject, belong to every figure of the clause.
    const clauseStart = Math.max(0, ...clauseEnds.filter((c) => c < start));
    const clauseEnd = Math.min(prose.length, ...clauseEnds.filter((c) => c >= end));
    const previous = Math.max(clauseStart, ...found.slice(0, k).map((f) => f.match.index + f.match[0].length));
    const next = Math.min(clauseEnd, ...found.slice(k + 1).map((f) => f.match.index));
    const firstInClause = Math.min(...found.map((f) => f.match.index).filter((offset) => offset >= clauseStart));
    return {
      offset: start,
      text: text.slice(start, end).replace(/\s+/g, ' '),
      ...unit,
      number: Number(`${groups.digits!.replace(/,/g, '')}.${groups.fraction ?? '0'}`),
      decimals: groups.fraction?.length ?? 0,
      scale: scaleFactor((groups.scale as Scale | undefined) ?? (groups.abbreviation ? SCALE_ABBREVIATIONS[groups.abbreviation] : undefined)),
      ...(family ? { qualifier: family } : {}),
      ...(direction ? { direction } : {}),
      words: contentWords(`${prose.slice(previous, start)} ${prose.slice(end, next)}`),
      subjectWords: contentWords(prose.slice(clauseStart, firstInClause)),
    };
  });
}

/** Offsets [start, end) of each sentence of a text: "." "!" or "?" before a space and a capital, or the end. */
export function sentences(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (const match of text.matchAll(/[.!?](?=\s+(?:[A-Z(“"]|$))|\n\s*\n/g)) {
    // "U.S. the …" and "e.g. A": a one-letter abbreviation before the dot does not end a sentence.
    if (/(?:^|[\s.])[A-Za-z]$/.test(text.slice(Math.max(0, match.index - 2), match.index))) continue;
    spans.push([start, match.index + 1]);
    start = match.index + 1;
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans;
}
