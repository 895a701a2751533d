// Narrative Markdown → HTML with marked, plus the briefing's own syntax (narrative/grammar.ts): numbered citations
// linking to the sources list, data point values, and figure/table placements. Raw HTML is never passed
// through: contributors write Markdown, and the page must not run or load anything they embed.
import { Marked, type Tokens } from 'marked';
import type { ResolvedDataPoint } from '../../model/resolved.js';
import {
  attachCitations, CITATION_START, DATA_POINT_REF_START, directiveStart, FIGURE_REF_START, readCitation, readDataPointRef, readDirective, readTextMark, TEXT_MARK_START,
  readFigureRef, SAFE_LINK, type Placeable,
} from '../../narrative/grammar.js';
import { escapeHtml } from '../../model/escape.js';

export interface NarrativeRenderer {
  render(markdown: string): string;
}

export interface NarrativeContext {
  /** A source's number, in order of first citation. */
  sourceNumber(key: string): number | undefined;
  dataPointsById: ReadonlyMap<string, ResolvedDataPoint>;
  /** HTML for a placed figure or table. */
  renderPlacement(kind: Placeable, id: string): string;
  /** Number and anchor of a figure or table, for "see Figure 2"; undefined when there is none. */
  figureRef(kind: Placeable, id: string): { label: string; anchor: string } | undefined;
  /** An embedded image as a data: URL, for a Markdown image's src as the section wrote it. */
  imageUrl(src: string): string | undefined;
  /** Called for every citation occurrence, so the sources list can link back to it. */
  onCitation(key: string, anchorId: string): void;
}

export function createNarrativeRenderer(context: NarrativeContext): NarrativeRenderer {
  let citationCount = 0;
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    extensions: [
      {
        name: 'citation',
        level: 'inline',
        start: (src: string) => src.indexOf(CITATION_START),
        tokenizer(src: string) {
          const citation = readCitation(src);
          return citation && { type: 'citation', ...citation };
        },
        renderer(token: Tokens.Generic) {
          const links = (token.keys as string[]).map((key) => {
            const anchorId = `cite-${++citationCount}`;
            context.onCitation(key, anchorId);
            const n = context.sourceNumber(key);
            return `<a id="${anchorId}" href="#source-${n}" role="doc-noteref" aria-label="Source ${n}">${n}</a>`;
          });
          return `<sup class="cite">${links.join('<span class="sep">,</span>')}</sup>`;
        },
      },
      {
        name: 'dataPointRef',
        level: 'inline',
        start: (src: string) => src.indexOf(DATA_POINT_REF_START),
        tokenizer(src: string) {
          const ref = readDataPointRef(src);
          return ref && { type: 'dataPointRef', ...ref };
        },
        renderer(token: Tokens.Generic) {
          const point = context.dataPointsById.get(token.id as string);
          return point ? `<span class="figure-value">${escapeHtml(point.inProse)}</span>` : escapeHtml(token.raw);
        },
      },
      {
        name: 'textMark',
        level: 'inline',
        start: (src: string) => src.indexOf(TEXT_MARK_START),
        tokenizer(src: string) {
          const mark = readTextMark(src);
          return mark && { type: 'textMark', ...mark };
        },
        renderer: (token: Tokens.Generic) => escapeHtml(token.text as string),
      },
      {
        name: 'figureRef',
        level: 'inline',
        start: (src: string) => src.match(FIGURE_REF_START)?.index,
        tokenizer(src: string) {
          const ref = readFigureRef(src);
          return ref && { type: 'figureRef', ...ref };
        },
        renderer(token: Tokens.Generic) {
          const target = context.figureRef(token.kind as Placeable, token.id as string);
          return target ? `<a class="figure-ref" href="#${target.anchor}">${escapeHtml(target.label)}</a>` : escapeHtml(token.raw);
        },
      },
      {
        name: 'placement',
        level: 'block',
        start: directiveStart,
        tokenizer(src: string) {
          const directive = readDirective(src);
          return directive && { type: 'placement', ...directive };
        },
        renderer(token: Tokens.Generic) {
          return context.renderPlacement(token.kind as Placeable, token.id as string);
        },
      },
    ],
    renderer: {
      html: (token: Tokens.HTML | Tokens.Tag) => escapeHtml(token.text),
      link({ href, title, tokens }: Tokens.Link) {
        const text = this.parser.parseInline(tokens);
        if (!SAFE_LINK.test(href.trim())) return text;
        return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ''}>${text}</a>`;
      },
      image({ href, text, title }: Tokens.Image) {
        const url = context.imageUrl(href);
        if (!url) return escapeHtml(text);
        return `<img class="narrative-image" src="${url}" alt="${escapeHtml(text)}"${title ? ` title="${escapeHtml(title)}"` : ''}>`;
      },
    },
  });
  return { render: (markdown) => marked.parse(attachCitations(markdown)) as string };
}
