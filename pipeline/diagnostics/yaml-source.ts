// Parses a YAML file and keeps its node tree, so a diagnostic can point at the line and column of any value.
import { Composer, isMap, isPair, isScalar, isSeq, LineCounter, Parser, YAMLParseError, type CST, type Document, type Node } from 'yaml';
import { diagnostic, type Diagnostic } from './diagnostic.js';
import { LIMITS } from '../model/limits.js';

export type PathSegment = string | number;

export interface YamlSource {
  file: string;
  value: unknown;
  /**
   * Line and column of the value at `path`, or of its nearest existing ancestor; with `file` where the value was
   * read from another file (a row of a CSV file, stages/load/csv.ts), and `cell` in a spreadsheet.
   */
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): { file?: string; line: number; column: number; cell?: string };
  /**
   * The text of the scalar at `path` as written in the file (quotes and folding included) and the way from an
   * offset in it to its position, so prose in a field can be scanned in place and every finding positioned exactly.
   */
  scalarSource(path: readonly PathSegment[]): { text: string; at(offset: number): { file?: string; line: number; column: number; cell?: string } } | undefined;
}

/** Aliases beyond this many are refused: a few anchors are normal, thousands are an expansion attack. */
const MAX_ALIASES = 50;

/**
 * The parsed trees of the last few files, by name and text: a build loads its files on the main thread and `watch`
 * loads them again on every save, most of them unchanged, and composing YAML with positions is most of the load
 * stage's time. The tree is only read afterwards (positions, scalars); each parse still makes its own value.
 */
const recentTrees = new Map<string, { doc: Document.Parsed | Document; lineCounter: LineCounter }>();
const RECENT_TREES = 32;
/** Larger files are parsed each time rather than held. */
const RECENT_TREE_CHARS = 256 * 1024;

export function parseYaml(file: string, text: string): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const key = `${file}\0${text}`;
  const recent = recentTrees.get(key);
  if (recent) return sourceOf(file, text, recent.doc, recent.lineCounter);
  const lineCounter = new LineCounter();
  // Parsed in two steps, as yaml's parseDocument does: the parser builds tokens without recursion; its composer
  // then recurses once per level, so a deep enough file overflows the stack, at a depth that differs between
  // the main thread and a worker. The depth is checked on the tokens first, the same everywhere.
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const deep = deepestNesting(tokens);
  if (deep.depth > LIMITS.yamlDepth) {
    const pos = lineCounter.linePos(deep.offset);
    return { diagnostics: [diagnostic('BP806', { file, line: pos.line, column: pos.col }, { what: 'the nesting depth of the YAML', actual: deep.depth, limit: LIMITS.yamlDepth })] };
  }
  const doc = composeFirst(tokens, text.length);
  // Only the first problem: after a syntax error the parser's recovery reports knock-on errors that are noise.
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const pos = problem.linePos?.[0] ?? lineCounter.linePos(problem.pos[0]);
    return { diagnostics: [diagnostic('BP002', { file, line: pos.line, column: pos.col }, { reason: problem.message.split('\n')[0] ?? problem.code })] };
  }
  const parsed = sourceOf(file, text, doc, lineCounter);
  if (parsed.source && text.length <= RECENT_TREE_CHARS) {
    recentTrees.set(key, { doc, lineCounter });
    if (recentTrees.size > RECENT_TREES) recentTrees.delete(recentTrees.keys().next().value!);
  }
  return parsed;
}

/** The value of a composed document, and the way back from any path in it to its place in the file. */
function sourceOf(file: string, text: string, doc: Document.Parsed | Document, lineCounter: LineCounter): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const positionOf = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    // The yaml library throws (rather than reports) on excessive aliases; that is still a syntax problem.
    return { diagnostics: [diagnostic('BP002', { file, ...positionOf(firstAliasOffset(text)) }, { reason: (error as Error).message })] };
  }
  return {
    diagnostics: [],
    source: {
      file,
      value,
      locate: (path, want = 'value') => positionOf(nodeAt(doc, path, want).offset),
      scalarSource: (path) => {
        const { node, exact } = nodeAt(doc, path, 'value');
        if (!exact || !isScalar(node) || !node.range) return undefined;
        const start = node.range[0];
        return { text: text.slice(start, node.range[1]), at: (offset) => positionOf(start + offset) };
      },
    },
  };
}

/** The first document of the tokens, as yaml's parseDocument composes it: a second one is an error. */
function composeFirst(tokens: readonly CST.Token[], length: number): Document.Parsed {
  let first: Document.Parsed | undefined;
  for (const doc of new Composer({ prettyErrors: false, uniqueKeys: true }).compose(tokens, true, length)) {
    if (!first) first = doc;
    else {
      first.errors.push(new YAMLParseError(doc.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  return first!;
}

/**
 * How deep collections nest, read from the parser's tokens (built without recursion), and where the first one
 * deeper than LIMITS.yamlDepth starts.
 */
function deepestNesting(tokens: readonly CST.Token[]): { depth: number; offset: number } {
  const deepest = { depth: 0, offset: 0 };
  const pending: { token: CST.Token | undefined; depth: number }[] = [];
  for (const token of tokens) if (token.type === 'document') pending.push({ token: token.value, depth: 0 });
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { token, depth } = next;
    if (!token || !('items' in token)) continue;
    if (depth + 1 > deepest.depth) {
      deepest.depth = depth + 1;
      if (deepest.depth === LIMITS.yamlDepth + 1) deepest.offset = token.offset;
    }
    for (const item of token.items as { key?: CST.Token | null; value?: CST.Token }[]) {
      pending.push({ token: item.key ?? undefined, depth: depth + 1 }, { token: item.value, depth: depth + 1 });
    }
  }
  return deepest;
}

function firstAliasOffset(text: string): number {
  return Math.max(0, text.search(/(?<=^|[\s[{,])\*[^\s,\]}]/m));
}

/** The node at `path` (exact) or the nearest existing ancestor, with the offset to point at. */
function nodeAt(doc: Document, path: readonly PathSegment[], want: 'key' | 'value'): { node: unknown; offset: number; exact: boolean } {
  let node: Node | null | undefined = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return { node, offset, exact: false };
      const keyNode = pair.key as Node;
      const last = i === path.length - 1;
      if (last && (want === 'key' || !pair.value)) return { node: keyNode, offset: keyNode.range?.[0] ?? offset, exact: want === 'key' };
      node = pair.value as Node | null;
      offset = node?.range?.[0] ?? keyNode.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return { node, offset, exact: false };
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      return { node, offset, exact: false };
    }
  }
  return { node, offset, exact: true };
}
