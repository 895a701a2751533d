// Content safety: what a contributor writes must not run, load or leak anything. Sections may link only to
// http(s), mailto and #anchors (entity-obfuscated schemes included), embed images only from the briefing's own
// folder, and raw HTML is flagged as shown-as-text. Charts may refer to no URL. YAML keys that name object
// internals are refused, and every count and text length stays within LIMITS.
import { Lexer, type Token } from 'marked';
import { diagnostic, positionAt, type Report } from '../../diagnostics/diagnostic.js';
import type { Section } from '../../model/briefing.js';
import type { PathSegment, YamlSource } from '../../diagnostics/yaml-source.js';
import { LIMITS } from '../../model/limits.js';
import { SAFE_LINK } from '../../narrative/grammar.js';
import { imagePath } from '../../narrative/images.js';

export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function checkSectionContent(section: Section, report: Report): void {
  let cursor = 0;
  const at = (raw: string) => {
    const found = section.markdown.indexOf(raw, cursor);
    if (found >= 0) cursor = found;
    return { file: section.file, ...positionAt(section.markdown, Math.max(found, 0)) };
  };
  walk(new Lexer({ gfm: true }).lex(section.markdown), (token) => {
    if (token.type === 'link') {
      const target = normalizedUrl(token.href);
      if (!SAFE_LINK.test(target)) report(diagnostic('BP801', at(token.raw), { href: token.href, scheme: schemeOf(target) }));
    } else if (token.type === 'image') {
      if (imagePath(section.relativePath, token.href) === undefined) report(diagnostic('BP802', at(token.raw), { src: token.href }));
    } else if (token.type === 'html') {
      const tag = /<\/?[a-z][^\s>/]*/i.exec(token.raw)?.[0];
      if (tag) report(diagnostic('BP803', at(token.raw), { tag: `${tag}>` }));
    }
  });
}

function walk(tokens: readonly Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    const nested = token as { tokens?: Token[]; items?: Token[] };
    if (nested.tokens) walk(nested.tokens, visit);
    if (nested.items) walk(nested.items, visit);
  }
}

const NAMED_ENTITIES: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', sol: '/', lpar: '(', rpar: ')', period: '.', amp: '&' };

/** A URL as a browser would act on it: entities decoded, whitespace and control characters gone, lowercase. */
function normalizedUrl(href: string): string {
  return href
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&([a-z]+);/gi, (whole, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? whole)
    .replace(/%([0-9a-f]{2})/gi, (whole, hex: string) => (/^[\x00-\x20]$/.test(String.fromCharCode(parseInt(hex, 16))) ? '' : whole))
    .replace(/[\x00-\x20\x7f]+/g, '')
    .toLowerCase();
}

const schemeOf = (url: string) => {
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url)?.[1];
  return scheme ? `the ${scheme}: scheme` : 'a relative path (the document has no other files)';
};

/** Any `url` key anywhere in a chart spec, and any `data` below its top level (the top one is BP403). */
export function checkChartResources(chartId: string, spec: unknown, yaml: YamlSource, report: Report): void {
  const visit = (node: unknown, path: PathSegment[]) => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, [...path, i]));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const nestedData = key === 'data' && path.length > 1;
      if (key === 'url' || nestedData) report(diagnostic('BP804', { file: yaml.file, ...yaml.locate([...path, key], 'key') }, { chart: chartId, key }));
      else visit(value, [...path, key]);
    }
  };
  visit(spec, ['spec']);
}

/** Keys like __proto__ in any YAML file, and text values longer than LIMITS.textLength. */
export function checkYamlContent(yaml: YamlSource, report: Report): void {
  const visit = (node: unknown, path: PathSegment[]) => {
    if (typeof node === 'string' && node.length > LIMITS.textLength) {
      report(diagnostic('BP806', { file: yaml.file, ...yaml.locate(path) }, { what: 'the length of this text', actual: node.length, limit: LIMITS.textLength }));
    }
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, [...path, i]));
    if (!node || typeof node !== 'object') return;
    for (const key of Object.getOwnPropertyNames(node)) {
      if (RESERVED_KEYS.has(key)) report(diagnostic('BP805', { file: yaml.file, ...yaml.locate([...path, key], 'key') }, { key }));
      else visit((node as Record<string, unknown>)[key], [...path, key]);
    }
  };
  visit(yaml.value, []);
}

/** Counts of sections, data points, sources, tables, rows and charts against LIMITS. */
export function checkCounts(counts: { what: string; actual: number; limit: number; yaml: YamlSource; path: PathSegment[] }[], report: Report): void {
  for (const { what, actual, limit, yaml, path } of counts) {
    if (actual > limit) report(diagnostic('BP806', { file: yaml.file, ...yaml.locate(path, 'key') }, { what, actual, limit }));
  }
}
