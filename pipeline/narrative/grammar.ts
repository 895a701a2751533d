// The briefing's own syntax on top of CommonMark, written once here. Validation scans it with positions; the HTML
// stage's Markdown renderer reads it token by token; the resolve stage inserts data points and numbers sources
// and figures with it.
//   [@key] or [@a; @b]          a citation, pandoc style, numbered in order of first use
//   {{dp:id}}                   a data point's value as the data states it, so prose cannot drift from the data
//   {{text:…}}                  words printed as written and never read as a figure ("{{text:3,556}} people")
//   ::chart[id] ::table[id]     a figure or table placed on a line of its own
//   {{figure:id}} {{table:id}}  a reference to one ("Figure 2"), numbered as placed
// Each construct is one pattern. `scan…` finds every occurrence in a text with its offset; `read…` reads one at
// the very start of a text, as a Markdown tokenizer does.

export type Placeable = 'chart' | 'table';

const CITATION = String.raw`\[(@[^\]\s;]+(?:\s*;\s*@[^\]\s;]+)*)\]`;
const DATA_POINT_REF = String.raw`\{\{dp:([^}]*)\}\}`;
const TEXT_MARK = String.raw`\{\{text:([^}]*)\}\}`;
/** Anything written as a placeholder; one that is none of the constructs above is a mistake (BP808). */
const PLACEHOLDER = String.raw`\{\{([^{}]*)\}\}|\{\{`;
const KNOWN_PLACEHOLDER = /^(?:dp|text|figure|table):/;
const FIGURE_REF = String.raw`\{\{(figure|table):([^}]*)\}\}`;
const DIRECTIVE = String.raw`::(chart|table)\[([^\]\n]*)\]`;

/** Where each construct may start, so a tokenizer knows where to look. */
export const CITATION_START = '[@';
export const DATA_POINT_REF_START = '{{dp:';
export const TEXT_MARK_START = '{{text:';
export const FIGURE_REF_START = /\{\{(?:figure|table):/;
/** A line starting like this places a figure or table, and is a block of its own. */
export const DIRECTIVE_START = /^::(?:chart|table)\[/;
/** Offset of the first line of `src` that places a figure or table. */
export const directiveStart = (src: string) => new RegExp(DIRECTIVE_START.source, 'm').exec(src)?.index;

/** The links a briefing may make: the web, mail and places in the document itself. */
export const SAFE_LINK = /^(https?:|mailto:|#)/i;

/** `pattern` as a fresh global regular expression, to scan or blank a whole text. */
const everywhere = (pattern: string, flags = '') => new RegExp(pattern, `g${flags}`);
const atStart = (pattern: string) => new RegExp(`^(?:${pattern})`);

/** What holds no figure of the prose's own: inserted values, "not a figure" marks, references, citations, code, URLs. */
export const nonFigurePatterns = () => [
  everywhere(DATA_POINT_REF),
  everywhere(TEXT_MARK),
  everywhere(FIGURE_REF),
  everywhere(CITATION),
  /^(```|~~~)[^\n]*\n[\s\S]*?(^\1[^\n]*$|(?![\s\S]))/gm,
  /`[^`\n]+`/g,
  /\bhttps?:\/\/[^\s)>\]]+/g,
];

/** Every `{{…}}` that is not one of the briefing's constructs (or an unclosed `{{`), at its offset. */
export function scanUnknownPlaceholders(text: string): (Occurrence & { raw: string })[] {
  return [...text.matchAll(everywhere(PLACEHOLDER))]
    .filter((m) => m[1] === undefined || !KNOWN_PLACEHOLDER.test(m[1].trim()))
    .map((m) => ({ offset: m.index, raw: m[0] }));
}

const figureKind = (word: string): Placeable => (word === 'figure' ? 'chart' : 'table');
const citationKeys = (group: string) => group.split(';').map((part) => part.trim().slice(1));

export interface Occurrence {
  offset: number;
}
export interface CitationOccurrence extends Occurrence {
  key: string;
}
export interface DataPointOccurrence extends Occurrence {
  id: string;
}
export interface PlacementOccurrence extends Occurrence {
  kind: Placeable;
  id: string;
}

/** Every cited key, at the offset of its "@". */
export function scanCitations(text: string): CitationOccurrence[] {
  const found: CitationOccurrence[] = [];
  for (const match of text.matchAll(everywhere(CITATION))) {
    let offset = match.index + 1;
    for (const part of match[1]!.split(';')) {
      const lead = part.length - part.trimStart().length;
      found.push({ key: part.trim().slice(1), offset: offset + lead + 1 });
      offset += part.length + 1;
    }
  }
  return found;
}

/** Every `{{dp:id}}`, at the offset of its id. */
export function scanDataPointRefs(text: string): DataPointOccurrence[] {
  return [...text.matchAll(everywhere(DATA_POINT_REF))].map((m) => ({ id: m[1]!.trim(), offset: m.index + DATA_POINT_REF_START.length }));
}

/** Every `::chart[id]` or `::table[id]` line, at its start. */
export function scanDirectives(text: string): PlacementOccurrence[] {
  return [...text.matchAll(everywhere(`^${DIRECTIVE}[ \\t]*$`, 'm'))].map((m) => ({ kind: m[1] as Placeable, id: m[2]!.trim(), offset: m.index }));
}

/** Every `{{figure:id}}` or `{{table:id}}`, at the offset of its id. */
export function scanFigureRefs(text: string): PlacementOccurrence[] {
  return [...text.matchAll(everywhere(FIGURE_REF))].map((m) => ({ kind: figureKind(m[1]!), id: m[2]!.trim(), offset: m.index + 2 + m[1]!.length + 1 }));
}

export function readCitation(src: string): { raw: string; keys: string[] } | undefined {
  const match = atStart(CITATION).exec(src);
  return match ? { raw: match[0], keys: citationKeys(match[1]!) } : undefined;
}

export function readDataPointRef(src: string): { raw: string; id: string } | undefined {
  const match = atStart(DATA_POINT_REF).exec(src);
  return match ? { raw: match[0], id: match[1]!.trim() } : undefined;
}

export function readTextMark(src: string): { raw: string; text: string } | undefined {
  const match = atStart(TEXT_MARK).exec(src);
  return match ? { raw: match[0], text: match[1]! } : undefined;
}

export function readFigureRef(src: string): { raw: string; kind: Placeable; id: string } | undefined {
  const match = atStart(FIGURE_REF).exec(src);
  return match ? { raw: match[0], kind: figureKind(match[1]!), id: match[2]!.trim() } : undefined;
}

/** A placement line with the blank lines after it, which belong to it as a block. */
export function readDirective(src: string): { raw: string; kind: Placeable; id: string } | undefined {
  const match = atStart(`${DIRECTIVE}[ \\t]*(?:\\n+|$)`).exec(src);
  return match ? { raw: match[0], kind: match[1] as Placeable, id: match[2]!.trim() } : undefined;
}

/**
 * A text field as readers see it: every `{{dp:id}}` replaced by the value `valueOf` gives, every `{{text:…}}` by its
 * words, every `{{figure:id}}`/`{{table:id}}` by the label `labelOf` gives ("Figure 2"). Validation has made sure
 * each exists, so nothing written as a placeholder reaches an output.
 */
export function expandPlaceholders(text: string, valueOf: (id: string) => string | undefined, labelOf: (kind: Placeable, id: string) => string | undefined): string {
  return text
    .replace(everywhere(DATA_POINT_REF), (whole, id: string) => valueOf(id.trim()) ?? whole)
    .replace(everywhere(TEXT_MARK), (_, words: string) => words)
    .replace(everywhere(FIGURE_REF), (whole, kind: string, id: string) => labelOf(figureKind(kind), id.trim()) ?? whole);
}

/**
 * A citation number sits right after the word it supports, as superscripts do; authors write a space (or a line
 * break) before [@key] as pandoc lets them, and this removes it.
 */
export function attachCitations(markdown: string): string {
  return markdown.replace(/(\S)[ \t]*(?:\n[ \t]*)?(?=\[@)/g, '$1');
}
