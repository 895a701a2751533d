// Marks as artifacts the content Chromium leaves outside any marked-content sequence: the @page margin boxes
// (running header, footer, page numbers) and page-level decoration. PDF/UA-1 wants every painted object to
// be either tagged content or an artifact; Chromium tags what the accessibility tree holds and prints the
// rest bare. Each unmarked text object, path or XObject at marked-content depth 0 is wrapped in
// `/Artifact BMC … EMC`; nothing is moved or redrawn, so the page looks the same.
import { PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFDocument } from 'pdf-lib';

interface Operator {
  name: string;
  /** Where its first operand starts (or the operator itself, without operands). */
  start: number;
  /** Just after the operator. */
  end: number;
}

const TEXT_SHOWING = new Set(['Tj', 'TJ', "'", '"']);
const PATH_START = new Set(['m', 're']);
const PATH_PAINTING = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
const KEYWORDS = new Set(['true', 'false', 'null']);
const DELIMITER = /[\s()<>[\]{}/%]/;

/** Operators of a content stream in order, with the span of their operands: a tokenizer, not a parser. */
export function contentOperators(content: string): Operator[] {
  const operators: Operator[] = [];
  let operandsStart = -1;
  let i = 0;
  const startOperand = (at: number) => {
    if (operandsStart < 0) operandsStart = at;
  };
  while (i < content.length) {
    const char = content[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if (char === '%') {
      while (i < content.length && content[i] !== '\n' && content[i] !== '\r') i++;
    } else if (char === '(') {
      startOperand(i);
      let nesting = 0;
      for (; i < content.length; i++) {
        if (content[i] === '\\') i++;
        else if (content[i] === '(') nesting++;
        else if (content[i] === ')' && --nesting === 0) break;
      }
      i++;
    } else if (content.startsWith('<<', i) || content.startsWith('>>', i)) {
      startOperand(i);
      i += 2;
    } else if (char === '<') {
      startOperand(i);
      i = content.indexOf('>', i) + 1;
      if (i === 0) throw new Error('unexpected PDF content from Chromium: an unterminated hex string');
    } else if (char === '[' || char === ']') {
      startOperand(i);
      i++;
    } else {
      const wordStart = i;
      i++;
      while (i < content.length && !DELIMITER.test(content[i]!)) i++;
      const word = content.slice(wordStart, i);
      if (char === '/' || /^[+\-.\d]/.test(word) || KEYWORDS.has(word)) {
        startOperand(wordStart);
      } else {
        if (word === 'BI') throw new Error('unexpected PDF content from Chromium: an inline image');
        operators.push({ name: word, start: operandsStart < 0 ? wordStart : operandsStart, end: i });
        operandsStart = -1;
      }
    }
  }
  return operators;
}

/** Spans [start, end) of the content to wrap as artifacts: unmarked text objects, paths and XObjects. */
function unmarkedSpans(operators: Operator[]): [number, number][] {
  const spans: [number, number][] = [];
  let depth = 0;
  for (let i = 0; i < operators.length; i++) {
    const { name, start } = operators[i]!;
    if (name === 'BMC' || name === 'BDC') depth++;
    else if (name === 'EMC') depth--;
    else if (depth > 0) continue;
    else if (name === 'BT') {
      const end = operators.findIndex((o, j) => j > i && o.name === 'ET');
      const inside = operators.slice(i + 1, end);
      if (inside.some((o) => o.name === 'BMC' || o.name === 'BDC')) {
        // Partly tagged text object: mark each bare text-showing operator by itself.
        let innerDepth = 0;
        for (const o of inside) {
          if (o.name === 'BMC' || o.name === 'BDC') innerDepth++;
          else if (o.name === 'EMC') innerDepth--;
          else if (innerDepth === 0 && TEXT_SHOWING.has(o.name)) spans.push([o.start, o.end]);
        }
      } else if (inside.some((o) => TEXT_SHOWING.has(o.name))) {
        spans.push([start, operators[end]!.end]);
      }
      i = end;
    } else if (PATH_START.has(name)) {
      let end = i;
      while (end < operators.length && !PATH_PAINTING.has(operators[end]!.name)) end++;
      if (operators[end]?.name !== 'n') spans.push([start, operators[end]!.end]);
      i = end;
    } else if (name === 'Do' || name === 'sh') {
      spans.push([start, operators[i]!.end]);
    }
  }
  return spans;
}

/** The content with every unmarked painting operation wrapped as an artifact, and how many were wrapped. */
export function markArtifactsInContent(content: string): { content: string; wrapped: number } {
  const spans = unmarkedSpans(contentOperators(content));
  let result = '';
  let at = 0;
  for (const [start, end] of spans) {
    result += `${content.slice(at, start)}/Artifact BMC\n${content.slice(start, end)}\nEMC`;
    at = end;
  }
  return { content: result + content.slice(at), wrapped: spans.length };
}

/** Rewrites every page's content stream in place, with its unmarked painting marked as artifacts. */
export function markArtifacts(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const ref = page.node.get(PDFName.of('Contents'));
    const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
    // Skia writes one content stream per page, referenced indirectly.
    if (!(ref instanceof PDFRef) || !(stream instanceof PDFRawStream)) throw new Error('unexpected PDF structure from Chromium: a page whose content is not one stream');
    const marked = markArtifactsInContent(Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'));
    if (marked.wrapped > 0) doc.context.assign(ref, doc.context.flateStream(Buffer.from(marked.content, 'latin1')));
  }
}
