// The units a number can have, and everything briefpress writes differently by unit, in one table: how a value
// prints ("$4.88 million", "−19 days", "+7 pp"), the Excel number format that shows the same over the real
// quantity, and the words prose marks a figure of that unit with. Validation, every renderer, the workbook and
// diff read it from here.
import type { Qualifier, Scale, Unit } from './schema.js';

/** What it takes to print a number: a data point or a table's number column. */
export interface Measure {
  unit: Unit;
  currency?: string | undefined;
  scale?: Scale | undefined;
  decimals: number;
  /** A change prints its sign: "+10%". */
  change?: boolean | undefined;
  qualifier?: Qualifier | undefined;
}

interface UnitStyle {
  /** The magnitude ("4.88 million") with its unit, as every output prints it. */
  print(magnitude: string, measure: Measure, singular: boolean): string;
  /** The Excel number format around digits (scale already applied), showing what `print` shows. */
  excel(digits: string, measure: Measure): string;
  /** Words or signs after a number that make it a figure of this unit in prose (a regular expression). */
  proseAfter?: string;
  /** The sign a chart's value axis puts after each tick ("2%"); units said in words or with a scale leave it to the axis title. */
  tickSuffix?: string;
}

const duration = (one: string, many: string): UnitStyle => ({
  print: (n, _m, singular) => `${n} ${singular ? one : many}`,
  excel: (digits) => `${digits}" ${many}"`,
  proseAfter: String.raw`\s?${many}|\s?${one}`,
});

export const UNIT_STYLES: Record<Unit, UnitStyle> = {
  'percent': { print: (n) => `${n}%`, excel: (digits) => `${digits}%`, proseAfter: String.raw`\s?%|\s(?:percent|per cent)`, tickSuffix: '%' },
  'percentage-points': { print: (n) => `${n} pp`, excel: (digits) => `${digits}" pp"`, proseAfter: String.raw`\s?pp|\spercentage points?`, tickSuffix: ' pp' },
  'currency': { print: (n, m) => `${currencySymbol(m.currency)}${n}`, excel: (digits, m) => `"${currencySymbol(m.currency)}"${digits}` },
  'count': { print: (n) => n, excel: (digits) => digits },
  'days': duration('day', 'days'),
  'months': duration('month', 'months'),
  'years': duration('year', 'years'),
  'multiple': { print: (n) => `${n}×`, excel: (digits) => `${digits}"×"`, proseAfter: '×', tickSuffix: '×' },
  'index': { print: (n) => n, excel: (digits) => digits },
  'number': { print: (n) => n, excel: (digits) => digits },
};

/** Symbols printed for the common ISO 4217 codes; any other code prints before the number ("CHF 4.2 million"). */
export const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };
const currencySymbol = (code: string | undefined) => (code ? CURRENCY_SYMBOLS[code] ?? `${code} ` : '');

/** What each scale word multiplies by: 4.88 million is 4.88 × 1e6. */
const SCALE_FACTORS: Readonly<Record<Scale, number>> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
/** 1 without a scale. */
export const scaleFactor = (scale: Scale | undefined) => (scale ? SCALE_FACTORS[scale] : 1);
/** The Excel format's trailing commas, each dividing the shown number by a thousand: ",," for a million. */
const scaleCommas = (scale: Scale) => ','.repeat(Math.round(Math.log10(SCALE_FACTORS[scale]) / 3));

/** The words each qualifier prints as. */
export const QUALIFIER_WORDS: Readonly<Record<Qualifier, string>> = {
  'over': 'over', 'more-than': 'more than', 'at-least': 'at least',
  'under': 'under', 'less-than': 'less than', 'up-to': 'up to',
  'about': 'about', 'nearly': 'nearly', 'almost': 'almost',
};

/** The true minus sign, as typography wants it. */
const MINUS = '\u2212';

/**
 * A number at a fixed number of decimals with thousands separators, as every output writes it. One formatter per
 * precision: toLocaleString builds a new one each call, which made the figure check of a 10,000-row table take a
 * second.
 */
const formatNumber = (value: number, decimals: number) => numberFormat(decimals).format(value);

const numberFormats = new Map<number, Intl.NumberFormat>();
function numberFormat(decimals: number): Intl.NumberFormat {
  let format = numberFormats.get(decimals);
  if (!format) numberFormats.set(decimals, (format = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return format;
}

/** The real quantity a value stands for: 4.88 million is 4,880,000. */
export const quantityOf = (measure: Measure, value: number) =>
  Number((value * scaleFactor(measure.scale)).toPrecision(15));

/** A value as printed: at its stated precision, scale word and unit, a minus when negative, a plus on a change. */
export function formatMeasure(measure: Measure, value: number): string {
  const rounded = Number(value.toFixed(measure.decimals));
  const magnitude = `${formatNumber(Math.abs(rounded), measure.decimals)}${measure.scale ? ` ${measure.scale}` : ''}`;
  const sign = rounded < 0 ? MINUS : measure.change && rounded > 0 ? '+' : '';
  return `${sign}${UNIT_STYLES[measure.unit].print(magnitude, measure, Math.abs(rounded) === 1 && !measure.scale)}`;
}

/** A data point's value as every output prints it ("$4.88 million", "+10%"). */
export const formatValue = (point: Measure & { value: number }) => formatMeasure(point, point.value);

/** The value with its qualifier, as prose says it ("over 30%"). */
export function formatValueInProse(point: Measure & { value: number }): string {
  return point.qualifier ? `${QUALIFIER_WORDS[point.qualifier]} ${formatValue(point)}` : formatValue(point);
}

/** What a workbook cell stores: the real quantity; percentages as fractions (5.98% is 0.0598), as Excel keeps them. */
export function storedValue(measure: Measure, value: number): number {
  const quantity = quantityOf(measure, value);
  return measure.unit === 'percent' ? Number((quantity / 100).toPrecision(15)) : quantity;
}

/** The cell format that shows a stored value as formatMeasure prints it: `"$"#,##0.00,," million"`. */
export function excelNumberFormat(measure: Measure): string {
  const decimals = measure.decimals > 0 ? `.${'0'.repeat(measure.decimals)}` : '';
  const digits = `${measure.unit === 'percent' ? '0' : '#,##0'}${decimals}`;
  const scaled = measure.scale && measure.unit !== 'percent' ? `${digits}${scaleCommas(measure.scale)}" ${measure.scale}"` : digits;
  const format = UNIT_STYLES[measure.unit].excel(scaled, measure);
  // A change shows its sign either way, with a true minus; a level keeps Excel's own.
  return measure.change ? `"+"${format};"${MINUS}"${format};${format}` : format;
}

/** A difference between two values of one measure, signed: 5.4% → 5.98% is "+0.58 pp". */
export function formatDifference(measure: Measure, difference: number): string {
  const unit = measure.unit === 'percent' ? 'percentage-points' : measure.unit;
  return formatMeasure({ ...measure, unit, change: true, qualifier: undefined }, difference);
}
