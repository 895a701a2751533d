// Meaning of the narrative: citations resolve, data point references exist, figures and tables are placed once,
// every figure in prose is one the data states, and a paragraph that states a figure cites its source.
import { diagnostic, positionAt, type Location, type Report } from '../../diagnostics/diagnostic.js';
import type { DataPoint, Section, Unit } from '../../model/briefing.js';
import type { PathSegment, YamlSource } from '../../diagnostics/yaml-source.js';
import { closest } from '../../diagnostics/suggest.js';
import { formatValueInProse } from '../../model/units.js';
import { DIRECTIVE_START, scanCitations, scanDataPointRefs, scanDirectives, scanFigureRefs } from '../../narrative/grammar.js';
import { compareWithData, scanFigures, type Figure } from './figures.js';

export interface NarrativeContext {
  sourceKeys: ReadonlySet<string> | undefined;
  dataPointIds: ReadonlySet<string> | undefined;
  /** The data points, or undefined when data-points.yaml has errors: figures are then not compared. */
  dataPoints: readonly DataPoint[] | undefined;
  /** Ids charts and tables declare; undefined when one of their files could not be read, so ids are unknown. */
  placeable: Record<'chart' | 'table', ReadonlySet<string> | undefined>;
  /** The valid charts and tables by id, with their files, for "never placed". */
  placeableFiles: Record<'chart' | 'table', ReadonlyMap<string, YamlSource>>;
  cited: Set<string>;
  complete: boolean;
}

/** A text field of a YAML file that readers see: its figures are checked, and its `{{dp:…}}` when it has them. */
export interface ProseField {
  yaml: YamlSource;
  path: PathSegment[];
  /** The renderer fills in `{{dp:id}}` here. */
  interpolated: boolean;
}

/** Prose as the checks see it: text plus a way back to the file's line and column. */
interface Prose {
  text: string;
  at(offset: number): Location;
}

export function checkNarrative(sections: Section[], fields: ProseField[], context: NarrativeContext, report: Report) {
  const placed = { chart: new Set<string>(), table: new Set<string>() };
  const figures = new FigureCheck(context, report);
  for (const section of sections) {
    const prose: Prose = { text: section.markdown, at: (offset) => ({ file: section.file, ...positionAt(section.markdown, offset) }) };
    for (const citation of scanCitations(section.markdown)) {
      context.cited.add(citation.key);
      if (!context.sourceKeys || context.sourceKeys.has(citation.key)) continue;
      const suggestion = closest(citation.key, context.sourceKeys);
      report(diagnostic('BP201', prose.at(citation.offset), { key: citation.key, ...(suggestion ? { suggestion } : {}) }));
    }
    checkDataPointRefs(prose, context, report);
    for (const directive of scanDirectives(section.markdown)) {
      const known = context.placeable[directive.kind];
      if (known && !known.has(directive.id)) {
        const suggestion = closest(directive.id, known);
        report(diagnostic('BP601', prose.at(directive.offset), { kind: directive.kind, id: directive.id, ...(suggestion ? { suggestion } : {}) }));
      } else if (placed[directive.kind].has(directive.id)) {
        report(diagnostic('BP603', prose.at(directive.offset), { kind: directive.kind, id: directive.id }));
      }
      placed[directive.kind].add(directive.id);
    }
    for (const ref of scanFigureRefs(section.markdown)) {
      const known = context.placeable[ref.kind];
      if (!known || known.has(ref.id)) continue;
      const suggestion = closest(ref.id, known);
      report(diagnostic('BP604', prose.at(ref.offset), { kind: ref.kind, id: ref.id, ...(suggestion ? { suggestion } : {}) }));
    }
    figures.checkParagraphs(prose);
  }
  for (const { yaml, path, interpolated } of fields) {
    const scalar = yaml.scalarSource(path);
    if (!scalar) continue;
    const prose: Prose = { text: scalar.text, at: (offset) => ({ file: yaml.file, ...yaml.positionOf(scalar.offset + offset) }) };
    if (interpolated) checkDataPointRefs(prose, context, report);
    figures.check(prose);
  }
  if (!context.complete) return;
  for (const kind of ['chart', 'table'] as const) {
    for (const [id, yaml] of context.placeableFiles[kind]) {
      if (!placed[kind].has(id)) report(diagnostic('BP602', { file: yaml.file, ...yaml.locate(['id']) }, { kind, id }));
    }
  }
}

function checkDataPointRefs(prose: Prose, context: NarrativeContext, report: Report) {
  for (const ref of scanDataPointRefs(prose.text)) {
    if (!context.dataPointIds || context.dataPointIds.has(ref.id)) continue;
    const suggestion = closest(ref.id, context.dataPointIds);
    report(diagnostic('BP304', prose.at(ref.offset), { id: ref.id, ...(suggestion ? { suggestion } : {}) }));
  }
}

/** Figures against the data, and, in Markdown, against the paragraph's citations. */
class FigureCheck {
  private readonly points: readonly DataPoint[];
  private readonly pointsById: ReadonlyMap<string, DataPoint>;
  private readonly units: ReadonlySet<Unit>;

  constructor(private readonly context: NarrativeContext, private readonly report: Report) {
    this.points = context.dataPoints ?? [];
    this.pointsById = new Map(this.points.map((p) => [p.id, p]));
    this.units = new Set(this.points.map((p) => p.unit));
  }

  /** Reports figures the data does not state; returns the data points each stated figure is. */
  check(prose: Prose): { figure: Figure; points: DataPoint[] }[] {
    if (!this.context.dataPoints) return [];
    return scanFigures(prose.text, this.units).map((figure) => {
      const agreement = compareWithData(figure, this.points);
      const at = prose.at(figure.offset);
      if (agreement.kind === 'match') return { figure, points: agreement.points };
      if (agreement.kind === 'qualifier' || agreement.kind === 'precision') {
        const { point } = agreement;
        this.report(diagnostic(agreement.kind === 'qualifier' ? 'BP702' : 'BP703', at, { figure: figure.text, id: point.id, value: formatValueInProse(point) }));
      } else {
        const nearest = agreement.nearest && { id: agreement.nearest.id, value: formatValueInProse(agreement.nearest) };
        this.report(diagnostic('BP701', at, { figure: figure.text, unit: figure.unit, ...(nearest ? { nearest } : {}) }));
      }
      return { figure, points: [] };
    });
  }

  /**
   * A paragraph (or list item, or table) that states a figure, written or inserted with {{dp:id}}, cites a
   * source; and when the figure is a data point, the paragraph should cite that data point's source.
   */
  checkParagraphs(prose: Prose) {
    const stated = [
      ...this.check(prose).map(({ figure, points }) => ({ offset: figure.offset, text: figure.text, points })),
      ...scanDataPointRefs(prose.text).flatMap((ref) => {
        const point = this.pointsById.get(ref.id);
        return point ? [{ offset: ref.offset - 5, text: `{{dp:${ref.id}}}`, points: [point] }] : [];
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
        this.report(diagnostic('BP203', prose.at(figures[0]!.offset), { figure: figures[0]!.text, ...(suggestion ? { suggestion } : {}) }));
        continue;
      }
      for (const figure of figures) {
        // A data point whose source is unknown is reported as such (BP301), not again here.
        const known = figure.points.filter((p) => !this.context.sourceKeys || this.context.sourceKeys.has(p.source));
        if (known.length < figure.points.length || figure.points.length === 0 || figure.points.some((p) => cited.has(p.source))) continue;
        const point = figure.points[0]!;
        this.report(diagnostic('BP204', prose.at(figure.offset), { figure: figure.text, id: point.id, source: point.source }));
      }
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
