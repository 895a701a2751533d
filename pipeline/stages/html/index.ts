// html: the resolved briefing and its charts' SVG → one self-contained HTML file (inline CSS, inline SVG, embedded
// fonts, no script, no request). The PDF stage prints this same file, made before the charts' phone drawings,
// which print hides: in their place are slots that the phone-charts stage fills.
import Handlebars from 'handlebars';
import type { StageResult } from '../../diagnostics/diagnostic.js';
import type { ChartSvg } from '../../model/chart-spec.js';
import { phoneSlot } from '../../model/chart-svg.js';
import { formatBriefingDate } from '../../model/dates.js';
import type { PageSize } from '../../model/output.js';
import type { ResolvedBriefing } from '../../model/resolved.js';
import { imagePath } from '../../narrative/images.js';
import type { DocumentFonts } from '../../theme/fonts.js';
import type { Templates } from '../../theme/templates.js';
import { createNarrativeRenderer } from './markdown.js';
import { printCss } from './print-css.js';

export interface HtmlInput {
  briefing: ResolvedBriefing;
  charts: readonly ChartSvg[];
  templates: Templates;
  fonts: DocumentFonts;
  pageSize: PageSize;
  toolVersion: string;
}

interface CompiledTemplates {
  layout: HandlebarsTemplateDelegate;
  figure: HandlebarsTemplateDelegate;
  table: HandlebarsTemplateDelegate;
}

/**
 * Compiled once per set of templates: compiling took ~15 ms a briefing, ~35 on a fresh thread, and a build's
 * worker renders every briefing it is given with one set. Handlebars compiles a partial on its first use and keeps
 * it in the environment, which is kept with them.
 */
const compiledTemplates = new WeakMap<Templates, CompiledTemplates>();

function compile(templates: Templates): CompiledTemplates {
  const known = compiledTemplates.get(templates);
  if (known) return known;
  const handlebars = Handlebars.create();
  for (const [name, source] of Object.entries(templates.partials)) handlebars.registerPartial(name, source);
  const compileOptions = { strict: true, noEscape: false } as const;
  const partial = (name: string) => handlebars.compile(templates.partials[name] ?? '', compileOptions);
  const compiled = { layout: handlebars.compile(templates.layout, compileOptions), figure: partial('figure'), table: partial('table') };
  compiledTemplates.set(templates, compiled);
  return compiled;
}

/** The HTML, with a slot for each chart's phone drawing, which the phone-charts stage fills. */
export function renderHtml({ briefing, charts, templates, fonts, pageSize, toolVersion }: HtmlInput): StageResult<string> {
  const { layout, figure: figureTemplate, table: tableTemplate } = compile(templates);

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
        const drawn = svgById.get(id);
        return figureTemplate({
          anchor: chart.anchor, number: chart.number, title: chart.title, caption: chart.caption, sourceLine: chart.sourceLine,
          svg: drawn?.svg, phoneSvg: drawn && phoneSlot(id), rows: chart.rows,
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

  const view = {
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
      urlParts: urlParts(source.url ?? ''),
      accessed: source.accessed ? formatBriefingDate(source.accessed) : '',
      // The study an article reports on is an entry of the same list: named by its number, one numbering only.
      reportsOn: source.reportsOn ? briefing.sourcesByKey.get(source.reportsOn)!.number : '',
      backlinks: firstCitationPerSection(citations.filter((c) => c.key === source.key)),
    })),
  };
  // Each font is cut down to the characters of the page as made without the fonts (making it twice costs ~1 ms).
  return { value: layout({ ...view, fontCss: fonts.css(layout({ ...view, fontCss: '' })) }), diagnostics: [] };
}

/**
 * A URL in the pieces a line may break between: after each "/" (but inside "//") and each ".". Not after a hyphen:
 * text extraction takes a hyphen at a line's end for a hyphenation and drops it from the copied URL.
 */
function urlParts(url: string): string[] {
  return url.split(/(?<=[/.])(?!\/)/).filter((part) => part !== '');
}

function firstCitationPerSection(citations: { anchorId: string; section: string }[]) {
  const seen = new Set<string>();
  return citations.filter((c) => !seen.has(c.section) && seen.add(c.section));
}
