// Narrative Markdown → HTML with marked, plus the briefing's own syntax (narrative.ts): numbered citations
// linking to the sources list, data point values, and figure/table placements. Raw HTML is never passed
// through: contributors write Markdown, and the page must not run or load anything they embed.
import { Marked, type Tokens } from 'marked';
import type { DataPoint } from '../../model/briefing.js';
import { formatValueInProse } from '../../narrative/grammar.js';

export interface NarrativeRenderer {
  render(markdown: string): string;
}

export interface NarrativeContext {
  /** Source key → its number in order of first citation. */
  sourceNumbers: ReadonlyMap<string, number>;
  dataPointsById: ReadonlyMap<string, DataPoint>;
  /** HTML for a placed figure or table. */
  renderPlacement(kind: 'chart' | 'table', id: string): string;
  /** Number and anchor of a figure or table, for "see Figure 2"; undefined when there is none. */
  figureRef(kind: 'chart' | 'table', id: string): { label: string; anchor: string } | undefined;
  /** An embedded image as a data: URL, for a Markdown image's src as the section wrote it. */
  imageUrl(src: string): string | undefined;
  /** Called for every citation occurrence, so the sources list can link back to it. */
  onCitation(key: string, anchorId: string): void;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const SAFE_LINK = /^(https?:|mailto:|#)/i;

export function createNarrativeRenderer(context: NarrativeContext): NarrativeRenderer {
  let citationCount = 0;
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    extensions: [
      {
        name: 'citation',
        level: 'inline',
        start: (src: string) => src.indexOf('[@'),
        tokenizer(src: string) {
          const match = /^\[(@[^\]\s;]+(?:\s*;\s*@[^\]\s;]+)*)\]/.exec(src);
          if (!match) return undefined;
          return { type: 'citation', raw: match[0], keys: match[1]!.split(';').map((k) => k.trim().slice(1)) };
        },
        renderer(token: Tokens.Generic) {
          const links = (token.keys as string[]).map((key) => {
            const anchorId = `cite-${++citationCount}`;
            context.onCitation(key, anchorId);
            const n = context.sourceNumbers.get(key);
            return `<a id="${anchorId}" href="#source-${n}" role="doc-noteref" aria-label="Source ${n}">${n}</a>`;
          });
          return `<sup class="cite">${links.join('<span class="sep">,</span>')}</sup>`;
        },
      },
      {
        name: 'dataPointRef',
        level: 'inline',
        start: (src: string) => src.indexOf('{{dp:'),
        tokenizer(src: string) {
          const match = /^\{\{dp:([^}]*)\}\}/.exec(src);
          return match ? { type: 'dataPointRef', raw: match[0], id: match[1]!.trim() } : undefined;
        },
        renderer(token: Tokens.Generic) {
          const point = context.dataPointsById.get(token.id as string);
          return point ? `<span class="figure-value">${escapeHtml(formatValueInProse(point))}</span>` : escapeHtml(token.raw);
        },
      },
      {
        name: 'figureRef',
        level: 'inline',
        start: (src: string) => src.match(/\{\{(figure|table):/)?.index,
        tokenizer(src: string) {
          const match = /^\{\{(figure|table):([^}]*)\}\}/.exec(src);
          return match ? { type: 'figureRef', raw: match[0], kind: match[1] === 'figure' ? 'chart' : 'table', id: match[2]!.trim() } : undefined;
        },
        renderer(token: Tokens.Generic) {
          const target = context.figureRef(token.kind as 'chart' | 'table', token.id as string);
          return target ? `<a class="figure-ref" href="#${target.anchor}">${escapeHtml(target.label)}</a>` : escapeHtml(token.raw);
        },
      },
      {
        name: 'placement',
        level: 'block',
        start: (src: string) => src.match(/^::(chart|table)\[/m)?.index,
        tokenizer(src: string) {
          const match = /^::(chart|table)\[([^\]\n]*)\][ \t]*(?:\n+|$)/.exec(src);
          return match ? { type: 'placement', raw: match[0], kind: match[1], id: match[2]!.trim() } : undefined;
        },
        renderer(token: Tokens.Generic) {
          return context.renderPlacement(token.kind as 'chart' | 'table', token.id as string);
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
  // A citation number sits right after the word it supports, as superscripts do; authors write a space
  // (or a line break) before [@key] as pandoc lets them.
  return { render: (markdown) => marked.parse(markdown.replace(/(\S)[ \t]*(?:\n[ \t]*)?(?=\[@)/g, '$1')) as string };
}
