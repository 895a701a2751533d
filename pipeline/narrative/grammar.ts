// The briefing's own Markdown syntax on top of CommonMark, shared by validate (positions) and html (rendering):
//   [@key] or [@a; @b]   a citation, pandoc style, numbered in order of first use
//   {{dp:id}}            a data point's formatted value, so prose cannot drift from the data
//   ::chart[id] ::table[id]   a figure or table placed on a line of its own
//   {{figure:id}} {{table:id}}  a reference to one ("Figure 2"), numbered as placed
import type { Briefing, DataPoint, Section } from '../model/briefing.js';

export const CITATION_GROUP = /\[(@[^\]\s;]+(?:\s*;\s*@[^\]\s;]+)*)\]/g;
export const DATA_POINT_REF = /\{\{dp:([^}]*)\}\}/g;
export const FIGURE_REF = /\{\{(figure|table):([^}]*)\}\}/g;
export const DIRECTIVE = /^::(chart|table)\[([^\]\n]*)\][ \t]*$/gm;

export interface Occurrence {
  offset: number;
}
export interface CitationOccurrence extends Occurrence {
  key: string;
}
export interface DataPointOccurrence extends Occurrence {
  id: string;
}
export interface DirectiveOccurrence extends Occurrence {
  kind: 'chart' | 'table';
  id: string;
}

export function scanCitations(text: string): CitationOccurrence[] {
  const found: CitationOccurrence[] = [];
  for (const match of text.matchAll(CITATION_GROUP)) {
    let offset = match.index + 1;
    for (const part of match[1]!.split(';')) {
      const lead = part.length - part.trimStart().length;
      found.push({ key: part.trim().slice(1), offset: offset + lead + 1 });
      offset += part.length + 1;
    }
  }
  return found;
}

export function scanDataPointRefs(text: string): DataPointOccurrence[] {
  return [...text.matchAll(DATA_POINT_REF)].map((m) => ({ id: m[1]!.trim(), offset: m.index + 5 }));
}

export function scanDirectives(text: string): DirectiveOccurrence[] {
  return [...text.matchAll(DIRECTIVE)].map((m) => ({ kind: m[1] as 'chart' | 'table', id: m[2]!.trim(), offset: m.index }));
}

export interface FigureRefOccurrence extends Occurrence {
  kind: 'chart' | 'table';
  id: string;
}

export function scanFigureRefs(text: string): FigureRefOccurrence[] {
  return [...text.matchAll(FIGURE_REF)].map((m) => ({ kind: m[1] === 'figure' ? 'chart' : 'table', id: m[2]!.trim(), offset: m.index + 2 + m[1]!.length + 1 }));
}

/** Source keys in the order the narrative first cites them: the numbers readers see. */
export function citationOrder(sections: readonly Section[]): string[] {
  const order: string[] = [];
  for (const section of sections) {
    for (const { key } of scanCitations(section.markdown)) if (!order.includes(key)) order.push(key);
  }
  return order;
}

/** Numbers in order of first citation; sources only data points use come after, in file order. */
export function numberSources(briefing: Briefing): Map<string, number> {
  const order = citationOrder(briefing.sections);
  for (const source of briefing.sources) if (!order.includes(source.key)) order.push(source.key);
  return new Map(order.map((key, i) => [key, i + 1]));
}

/** Figure or table numbers as readers see them: in order of placement; unplaced ones follow in file order. */
export function figureNumbers(briefing: Briefing, kind: 'chart' | 'table'): Map<string, number> {
  const placed = briefing.sections.flatMap((s) => scanDirectives(s.markdown)).filter((d) => d.kind === kind).map((d) => d.id);
  const ids = kind === 'chart' ? briefing.charts.map((c) => c.id) : briefing.tables.map((t) => t.id);
  return new Map([...new Set([...placed, ...ids])].map((id, i) => [id, i + 1]));
}

const UNIT_SUFFIX: Record<DataPoint['unit'], (n: string) => string> = {
  percent: (n) => `${n}%`,
  count: (n) => n,
  usd: (n) => `$${n}`,
  multiple: (n) => `${n}×`,
};

/** The value as printed: at the precision the source states, with its unit ("5.98%"). */
export function formatValue(point: DataPoint): string {
  const number = point.value.toLocaleString('en-US', { minimumFractionDigits: point.decimals, maximumFractionDigits: point.decimals });
  return UNIT_SUFFIX[point.unit](number);
}

/** The value with its qualifier, as prose would say it ("over 30%"). */
export function formatValueInProse(point: DataPoint): string {
  return point.qualifier ? `${point.qualifier} ${formatValue(point)}` : formatValue(point);
}

export function interpolateDataPoints(text: string, dataPointsById: ReadonlyMap<string, DataPoint>): string {
  return text.replace(DATA_POINT_REF, (whole, id: string) => {
    const point = dataPointsById.get(id.trim());
    return point ? formatValueInProse(point) : whole;
  });
}
