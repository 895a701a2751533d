// Every figure written in prose is bound to the data point it states (../binding.ts): among the data points of the
// sources its sentence cites (its paragraph's when the sentence cites none), or, in a YAML text field, of the
// sources of its table or chart. A figure that binds to none is an error (BP701 wrong value, BP702 bounded
// differently, BP703 more precise than its source, BP705 the value of another data point than the one its words
// name); one that could be several is a warning (BP704). A figure where no source is cited is an error (BP203 in a
// section, BP706 in a field). A {{dp:id}} in a paragraph that cites no source is BP203, one whose source the
// paragraph does not cite BP204. Number cells of a table bind to the table's sources the same way.
import { diagnostic, type Location, type Report } from '../../../diagnostics/diagnostic.js';
import type { DataPoint } from '../../../model/briefing.js';
import { formatValueInProse, quantityOf } from '../../../model/units.js';
import { DATA_POINT_REF_START, DIRECTIVE_START, scanCitations, scanDataPointRefs } from '../../../narrative/grammar.js';
import { bindFigure } from '../binding.js';
import type { ValidationContext } from '../context.js';
import { scanFigures, sentences, type Figure } from '../figures.js';
import { fieldProse, sectionProse, type Prose } from '../prose.js';

export function checkFiguresInProse(context: ValidationContext): void {
  // Without a valid data-points.yaml, or with a data point whose source is unknown (BP301), raw figures cannot be
  // bound to the sources they cite: that is reported once, not again for every figure.
  const { dataPointsFile, dataPoints, sourceKeys } = context;
  if (!dataPointsFile || !sourceKeys) return;
  const bindable = dataPoints.every((p) => sourceKeys.has(p.source));
  context.sections.forEach((section, i) => {
    for (const mention of checkParagraphs(sectionProse(section), context, bindable)) context.mentions.push({ section: i, ...mention });
  });
  if (!bindable) return;
  for (const field of context.proseFields) {
    const prose = fieldProse(field);
    if (!prose) continue;
    const candidates = pointsOf(field.sources, context.dataPoints);
    for (const figure of scanFigures(prose.text)) {
      const at = prose.at(figure.offset);
      if (field.sources.length === 0) context.report(diagnostic('BP706', at, { figure: figure.text, field: String(field.path.at(-1)) }));
      else reportBinding(figure, candidates, field.sources, at, context.report);
    }
  }
  checkNumberCells(context);
}

const pointsOf = (sources: readonly string[], points: readonly DataPoint[]) => points.filter((p) => sources.includes(p.source));
const cite = (sources: readonly string[]) => sources.map((key) => `[@${key}]`).join(', ');

/** Reports a figure that binds to no single data point; returns the one it binds to. */
function reportBinding(figure: Figure, candidates: readonly DataPoint[], sources: readonly string[], at: Location, report: Report): DataPoint | undefined {
  const binding = bindFigure(figure, candidates);
  const described = (point: DataPoint) => ({ id: point.id, value: formatValueInProse(point), label: point.label, source: point.source });
  if (binding.kind === 'bound') return binding.point;
  if (binding.kind === 'ambiguous') report(diagnostic('BP704', at, { figure: figure.text, ids: binding.points.map((p) => p.id) }));
  else if (binding.kind === 'other') report(diagnostic('BP705', at, { figure: figure.text, named: described(binding.named), matched: binding.matched.id }));
  else if (binding.kind === 'none') report(diagnostic('BP701', at, { figure: figure.text, cited: cite(sources), ...(binding.nearest ? { nearest: described(binding.nearest) } : {}) }));
  else report(diagnostic(binding.kind === 'qualifier' ? 'BP702' : 'BP703', at, { figure: figure.text, id: binding.point.id, value: formatValueInProse(binding.point) }));
  return undefined;
}

/** Checks a section's figures and {{dp:id}}s; returns where it states which data point. */
function checkParagraphs(prose: Prose, context: ValidationContext, bindable: boolean): { offset: number; id: string }[] {
  const { dataPoints, dataPointsById, sourceKeys, report } = context;
  const figures = bindable ? scanFigures(prose.text) : [];
  const refs = scanDataPointRefs(prose.text);
  const mentions: { offset: number; id: string }[] = refs.map((ref) => ({ offset: ref.offset, id: ref.id }));
  const citations = scanCitations(prose.text);
  const inside = <T extends { offset: number }>(items: readonly T[], [start, end]: [number, number]) => items.filter((item) => item.offset >= start && item.offset < end);
  for (const paragraph of paragraphs(prose.text)) {
    const paragraphCited = [...new Set(inside(citations, paragraph).map((c) => c.key))];
    for (const [start, end] of sentences(prose.text.slice(paragraph[0], paragraph[1]))) {
      const sentence: [number, number] = [paragraph[0] + start, paragraph[0] + end];
      const sentenceCited = [...new Set(inside(citations, sentence).map((c) => c.key))];
      const cited = sentenceCited.length > 0 ? sentenceCited : paragraphCited;
      // A citation of an unknown source is BP201; its sentence's figures cannot be bound until it is fixed.
      if (cited.some((key) => !sourceKeys!.has(key))) continue;
      for (const figure of inside(figures, sentence)) {
        const at = prose.at(figure.offset);
        if (cited.length === 0) {
          report(diagnostic('BP203', at, { figure: figure.text }));
          continue;
        }
        const point = reportBinding(figure, pointsOf(cited, dataPoints), cited, at, report);
        if (point) mentions.push({ offset: figure.offset, id: point.id });
      }
    }
    for (const ref of inside(refs, paragraph)) {
      const point = dataPointsById.get(ref.id);
      if (!point) continue;
      const at = prose.at(ref.offset - DATA_POINT_REF_START.length);
      const text = `{{dp:${ref.id}}}`;
      if (paragraphCited.length === 0) report(diagnostic('BP203', at, { figure: text, suggestion: point.source }));
      // A data point whose source is unknown is reported as such (BP301), not again here.
      else if (!paragraphCited.includes(point.source) && sourceKeys!.has(point.source)) {
        report(diagnostic('BP204', at, { figure: text, id: point.id, source: point.source }));
      }
    }
  }
  return mentions.sort((a, b) => a.offset - b.offset);
}

/** A stated number cell is a figure of its column's unit: it must be a value one of the table's sources states. */
function checkNumberCells({ tables, dataPoints, report }: ValidationContext): void {
  for (const { yaml, table } of tables) {
    if (!table) continue;
    const candidates = pointsOf(table.source ?? [], dataPoints);
    for (const column of table.columns) {
      if (column.type !== 'number' || column.derive) continue;
      // The quantities the sources state in the column's unit, computed once per column rather than once per cell.
      const quantity = (measure: Parameters<typeof quantityOf>[0], value: number) => Number(quantityOf(measure, value).toFixed(6));
      const stated = new Set(candidates.filter((p) => p.unit === column.unit && p.currency === column.currency).map((p) => quantity(p, p.value)));
      table.rows.forEach((row, i) => {
        const value = row[column.id];
        if (typeof value !== 'number' || (table.source && stated.has(quantity(column, value)))) return;
        const at = { file: yaml.file, ...yaml.locate(['rows', i, column.id]) };
        if (!table.source) report(diagnostic('BP706', at, { figure: String(value), field: column.id }));
        else report(diagnostic('BP701', at, { figure: String(value), cited: cite(table.source) }));
      });
    }
  }
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
