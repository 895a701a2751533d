// html: the resolved briefing and its charts' SVG → one self-contained HTML file (inline CSS, inline SVG, embedded
// fonts, no script, no request). The PDF stage prints this same file.
import Handlebars from 'handlebars';
import type { ChartSvg } from '../../model/chart-spec.js';
import { formatBriefingDate } from '../../model/dates.js';
import type { PageSize } from '../../model/output.js';
import type { ResolvedBriefing } from '../../model/resolved.js';
import { imagePath } from '../../narrative/images.js';
import type { Templates } from '../../theme/templates.js';
import { escapeHtml } from './escape.js';
import { createNarrativeRenderer } from './markdown.js';
import { printCss } from './print-css.js';

export interface HtmlInput {
  briefing: ResolvedBriefing;
  charts: readonly ChartSvg[];
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
  const svgById = new Map(charts.map((c) => [c.id, c]));
  const citations: { key: string; anchorId: string; section: string }[] = [];
  let currentSection = '';
  let currentSectionPath = '';

  const narrative = createNarrativeRenderer({
    sourceNumber: (key) => briefing.sourcesByKey.get(key)?.number,
    dataPointsById: briefing.dataPointsById,
    onCitation: (key, anchorId) => citations.push({ key, anchorId, section: currentSection }),
    imageUrl(src) {
      const path = imagePath(currentSectionPath, src);
      return path === undefined ? undefined : briefing.imageUrls.get(path);
    },
    figureRef(kind, id) {
      const target = kind === 'chart' ? briefing.chartsById.get(id) : briefing.tablesById.get(id);
      return target ? { label: `${kind === 'chart' ? 'Figure' : 'Table'} ${target.number}`, anchor: target.anchor } : undefined;
    },
    renderPlacement(kind, id) {
      if (kind === 'chart') {
        const chart = briefing.chartsById.get(id)!;
        // The alt text on the <svg role="img"> itself: Chromium writes it as the PDF Figure's /Alt.
        const drawn = svgById.get(id);
        const named = (svg: string | undefined) => svg?.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(chart.alt)}" `);
        return figureTemplate({
          anchor: chart.anchor, number: chart.number, title: chart.title, caption: chart.caption, sourceLine: chart.sourceLine,
          svg: named(drawn?.svg), phoneSvg: named(drawn?.phoneSvg), rows: chart.rows,
        });
      }
      const table = briefing.tablesById.get(id)!;
      return tableTemplate({
        anchor: table.anchor,
        number: table.number,
        title: table.title,
        caption: table.caption,
        sourceLine: table.sourceLine,
        columns: table.columns,
        rows: table.rows.map((row) => row.map((cell, i) => ({ label: table.columns[i]!.label, value: cell.text, numeric: cell.numeric }))),
      });
    },
  });

  const sections = briefing.sections.map((section) => {
    currentSection = `${section.number} ${section.title}`;
    currentSectionPath = section.relativePath;
    return { number: section.number, anchor: section.anchor, title: section.title, html: narrative.render(section.markdown) };
  });

  const layout = handlebars.compile(templates.layout, compileOptions);
  return layout({
    lang: meta.language,
    documentTitle: briefing.documentTitle,
    title: meta.title,
    subtitle: meta.subtitle,
    description: briefing.summary,
    author: meta.author ?? '',
    keywords: meta.keywords.join(', '),
    toolVersion,
    dateLabel: formatBriefingDate(meta.date),
    audience: meta.audience,
    classification: meta.classification,
    takeaways: briefing.takeaways,
    fontCss,
    css: templates.css,
    pageCss: printCss({ pageSize, title: meta.title, classification: meta.classification }),
    keyFigures: briefing.keyFigures,
    toc: [
      ...sections.map(({ number, anchor, title }) => ({ number, anchor, title })),
      { number: '', anchor: 'sources', title: 'Sources' },
    ],
    sections,
    sources: briefing.sources.map((source) => ({
      number: source.number,
      publisher: source.publisher,
      date: source.dateLabel,
      title: source.title ?? '',
      url: source.url ?? '',
      accessed: source.accessed ? formatBriefingDate(source.accessed) : '',
      // The study an article reports on is an entry of the same list: named by its number, one numbering only.
      reportsOn: source.reportsOn ? briefing.sourcesByKey.get(source.reportsOn)!.number : '',
      backlinks: firstCitationPerSection(citations.filter((c) => c.key === source.key)),
    })),
  });
}

function firstCitationPerSection(citations: { anchorId: string; section: string }[]) {
  const seen = new Set<string>();
  return citations.filter((c) => !seen.has(c.section) && seen.add(c.section));
}
