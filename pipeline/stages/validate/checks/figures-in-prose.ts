// Every figure the prose states is one the data states (BP701), bounded as the data bounds it (BP702) and no more
// precise than its source (BP703): in the sections and in every text field readers see. In a section, a paragraph
// (or list item, or table) that states a figure, written or inserted with {{dp:id}}, cites a source (BP203), and
// should cite the source of the data point the figure is (BP204).
import { diagnostic, type Report } from '../../../diagnostics/diagnostic.js';
import type { DataPoint } from '../../../model/briefing.js';
import { formatValueInProse } from '../../../model/units.js';
import { DATA_POINT_REF_START, DIRECTIVE_START, scanCitations, scanDataPointRefs } from '../../../narrative/grammar.js';
import type { ValidationContext } from '../context.js';
import { compareWithData, scanFigures, type Figure } from '../figures.js';
import { fieldProse, sectionProse, type Prose } from '../prose.js';

export function checkFiguresInProse(context: ValidationContext): void {
  // Without a valid data-points.yaml there is nothing to compare figures with.
  if (!context.dataPointsFile) return;
  for (const section of context.sections) checkParagraphs(sectionProse(section), context);
  for (const field of context.proseFields) {
    const prose = fieldProse(field);
    if (prose) checkFigures(prose, context);
  }
}

/** Reports figures the data does not state; returns the data points each stated figure is. */
function checkFigures(prose: Prose, { dataPoints, report }: ValidationContext): { figure: Figure; points: DataPoint[] }[] {
  const units = new Set(dataPoints.map((p) => p.unit));
  return scanFigures(prose.text, units).map((figure) => {
    const agreement = compareWithData(figure, dataPoints);
    const at = prose.at(figure.offset);
    if (agreement.kind === 'match') return { figure, points: agreement.points };
    if (agreement.kind === 'qualifier' || agreement.kind === 'precision') {
      const { point } = agreement;
      report(diagnostic(agreement.kind === 'qualifier' ? 'BP702' : 'BP703', at, { figure: figure.text, id: point.id, value: formatValueInProse(point) }));
    } else {
      const nearest = agreement.nearest && { id: agreement.nearest.id, value: formatValueInProse(agreement.nearest) };
      report(diagnostic('BP701', at, { figure: figure.text, unit: figure.unit, ...(nearest ? { nearest } : {}) }));
    }
    return { figure, points: [] };
  });
}

function checkParagraphs(prose: Prose, context: ValidationContext): void {
  const { dataPointsById, sourceKeys, report } = context;
  const stated = [
    ...checkFigures(prose, context).map(({ figure, points }) => ({ offset: figure.offset, text: figure.text, points })),
    ...scanDataPointRefs(prose.text).flatMap((ref) => {
      const point = dataPointsById.get(ref.id);
      return point ? [{ offset: ref.offset - DATA_POINT_REF_START.length, text: `{{dp:${ref.id}}}`, points: [point] }] : [];
    }),
  ].sort((a, b) => a.offset - b.offset);
  if (stated.length === 0) return;
  const citations = scanCitations(prose.text);
  for (const [start, end] of paragraphs(prose.text)) {
    const inside = <T extends { offset: number }>(items: T[]) => items.filter((item) => item.offset >= start && item.offset < end);
    const figures = inside(stated);
    if (figures.length === 0) continue;
    const cited = new Set(inside(citations).map((c) => c.key));
    if (cited.size === 0) {
      const suggestion = figures[0]!.points[0]?.source;
      report(diagnostic('BP203', prose.at(figures[0]!.offset), { figure: figures[0]!.text, ...(suggestion ? { suggestion } : {}) }));
      continue;
    }
    for (const figure of figures) reportUncitedSource(figure, cited, sourceKeys, prose, report);
  }
}

function reportUncitedSource(figure: { offset: number; text: string; points: DataPoint[] }, cited: ReadonlySet<string>, sourceKeys: ReadonlySet<string> | undefined, prose: Prose, report: Report): void {
  // A data point whose source is unknown is reported as such (BP301), not again here.
  const known = figure.points.filter((p) => !sourceKeys || sourceKeys.has(p.source));
  if (known.length < figure.points.length || figure.points.length === 0 || figure.points.some((p) => cited.has(p.source))) return;
  const point = figure.points[0]!;
  report(diagnostic('BP204', prose.at(figure.offset), { figure: figure.text, id: point.id, source: point.source }));
}

const BLOCK_START = new RegExp(String.raw`^(?: {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)| {0,3}#{1,6}(?:\s|$)|${DIRECTIVE_START.source.slice(1)})`);

/** Offsets [start, end) of each paragraph, list item, heading or table of a Markdown text. */
function paragraphs(markdown: string): [number, number][] {
  const blocks: [number, number][] = [];
  let start: number | undefined;
  let offset = 0;
  for (const line of markdown.split('\n')) {
    if (line.trim() === '' || BLOCK_START.test(line)) {
      if (start !== undefined) blocks.push([start, offset]);
      start = line.trim() === '' ? undefined : offset;
    } else if (start === undefined) {
      start = offset;
    }
    offset += line.length + 1;
  }
  if (start !== undefined) blocks.push([start, markdown.length]);
  return blocks;
}
