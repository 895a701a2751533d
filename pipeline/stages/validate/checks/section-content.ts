// What a contributor writes must not run, load or leak anything: sections link only to http(s), mailto and #anchors,
// entity-obfuscated schemes included (BP801), embed images only from the briefing's own folder (BP802), and raw
// HTML is flagged as shown as text (BP803). No word is longer than LIMITS.wordLength (BP806).
import { Lexer, type Token } from 'marked';
import { diagnostic, positionAt, type Report } from '../../../diagnostics/diagnostic.js';
import type { Section } from '../../../model/briefing.js';
import { SAFE_LINK } from '../../../narrative/grammar.js';
import { imagePath } from '../../../narrative/images.js';
import type { ValidationContext } from '../context.js';
import { LIMITS } from '../../../model/limits.js';
import { tooLongWord } from '../prose.js';

export function checkSectionContent({ sections, report }: ValidationContext): void {
  for (const section of sections) checkSection(section, report);
}

function checkSection(section: Section, report: Report): void {
  const word = tooLongWord(section.markdown);
  if (word) report(diagnostic('BP806', { file: section.file, ...positionAt(section.markdown, word.offset) }, { what: 'the length of this word', actual: word.length, limit: LIMITS.wordLength }));
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
