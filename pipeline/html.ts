// Stage 4, html: the validated briefing and its rendered charts → one self-contained HTML file
// (inline CSS, inline SVG, embedded fonts, no script, no request). The PDF stage prints this same file.
import Handlebars from 'handlebars';
import type { Briefing, DataPoint } from './briefing.js';
import type { RenderedChart } from './charts.js';
import type { Templates } from './templates.js';
import { figureNumbers, formatValue, interpolateDataPoints, numberSources } from './narrative.js';
import { createNarrativeRenderer, escapeHtml } from './markdown.js';
import { formatBriefingDate } from './dates.js';
import { printCss } from './print-css.js';
import { sectionAnchor } from './toc.js';
import { imagePath } from './load.js';

export type PageSize = 'a4' | 'letter';

export interface HtmlInput {
  briefing: Briefing;
  charts: RenderedChart[];
  templates: Templates;
  fontCss: string;
  pageSize: PageSize;
  toolVersion: string;
}

export function renderHtml({ briefing, charts, templates, fontCss, pageSize, toolVersion }: HtmlInput): string {
  const handlebars = Handlebars.create();
  for (const [name, source] of Object.entries(templates.partials)) handlebars.registerPartial(name, source);
  const compileOptions = { strict: true, noEscape: false } as const;
  const partial = (name: string) => handlebars.compile(templates.partials[name] ?? '', compileOptions);
  const figureTemplate = partial('figure');
  const tableTemplate = partial('table');

  const { meta } = briefing;
  const dataPointsById = new Map(briefing.dataPoints.map((p) => [p.id, p]));
  const sourceNumbers = numberSources(briefing);
  const chartsById = new Map(charts.map((c) => [c.id, c]));
  const tablesById = new Map(briefing.tables.map((t) => [t.id, t]));
  const numbers = { chart: figureNumbers(briefing, 'chart'), table: figureNumbers(briefing, 'table') };
  const figureAnchor = (kind: 'chart' | 'table', id: string) => `${kind === 'chart' ? 'figure' : 'table'}-${id}`;
  const citations: { key: string; anchorId: string; section: string }[] = [];
  let currentSection = '';
  let currentSectionPath = '';

  const narrative = createNarrativeRenderer({
    sourceNumbers,
    dataPointsById,
    onCitation: (key, anchorId) => citations.push({ key, anchorId, section: currentSection }),
    imageUrl(src) {
      const path = imagePath(currentSectionPath, src);
      const image = path === undefined ? undefined : briefing.images.get(path);
      return image && `data:${image.mediaType};base64,${Buffer.from(image.data).toString('base64')}`;
    },
    figureRef(kind, id) {
      const number = numbers[kind].get(id);
      return number ? { label: `${kind === 'chart' ? 'Figure' : 'Table'} ${number}`, anchor: figureAnchor(kind, id) } : undefined;
    },
    renderPlacement(kind, id) {
      const number = numbers[kind].get(id);
      if (kind === 'chart') {
        const chart = chartsById.get(id)!;
        return figureTemplate({ anchor: figureAnchor(kind, id), number, title: chart.title, caption: chart.caption, svg: chart.svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(chart.alt)}" `), rows: chart.rows });
      }
      const table = tablesById.get(id)!;
      return tableTemplate({
        anchor: figureAnchor(kind, id),
        number,
        title: table.title,
        caption: table.caption,
        columns: table.columns,
        rows: table.rows.map((row) => table.columns.map((c) => ({ label: c.label, value: row[c.id] ?? '' }))),
      });
    },
  });

  const sections = briefing.sections.map((section, i) => {
    currentSection = `${i + 1} ${section.title}`;
    currentSectionPath = section.relativePath;
    return { number: i + 1, anchor: sectionAnchor(section.id), title: section.title, html: narrative.render(section.markdown) };
  });

  const documentTitle = `${meta.title}: ${meta.subtitle}`;
  const layout = handlebars.compile(templates.layout, compileOptions);
  return layout({
    lang: meta.language,
    documentTitle,
    title: meta.title,
    subtitle: meta.subtitle,
    description: meta.summary,
    author: meta.author ?? '',
    keywords: meta.keywords.join(', '),
    toolVersion,
    briefingId: briefing.id,
    dateLabel: formatBriefingDate(meta.date),
    audience: meta.audience,
    classification: meta.classification,
    summary: interpolateDataPoints(meta.summary, dataPointsById),
    fontCss,
    css: templates.css,
    pageCss: printCss({
      pageSize,
      title: meta.title,
      classification: meta.classification,
      chapters: [
        { anchor: 'front-matter', heading: 'Summary' },
        ...sections.map((s) => ({ anchor: s.anchor, heading: `${s.number}  ${s.title}` })),
        { anchor: 'sources', heading: 'Sources' },
      ],
    }),
    keyFigures: briefing.dataPoints.map((point) => keyFigure(point, briefing, sourceNumbers)),
    toc: [
      ...sections.map(({ number, anchor, title }) => ({ number, anchor, title })),
      { number: '', anchor: 'sources', title: 'Sources' },
    ],
    sections,
    sources: [...briefing.sources]
      .sort((a, b) => sourceNumbers.get(a.key)! - sourceNumbers.get(b.key)!)
      .map((source) => ({
        number: sourceNumbers.get(source.key),
        publisher: source.publisher,
        year: source.year,
        title: source.title ?? '',
        url: source.url ?? '',
        backlinks: firstCitationPerSection(citations.filter((c) => c.key === source.key)),
      })),
    sourcesNote: briefing.sourcesEditorialNote ?? '',
  });
}

function keyFigure(point: DataPoint, briefing: Briefing, sourceNumbers: ReadonlyMap<string, number>) {
  const source = briefing.sources.find((s) => s.key === point.source)!;
  return {
    value: formatValue(point),
    qualifier: point.qualifier ?? '',
    label: point.label,
    period: point.period.label,
    publisher: source.publisher,
    year: source.year,
    sourceNumber: sourceNumbers.get(source.key),
  };
}

function firstCitationPerSection(citations: { anchorId: string; section: string }[]) {
  const seen = new Set<string>();
  return citations.filter((c) => !seen.has(c.section) && seen.add(c.section));
}
