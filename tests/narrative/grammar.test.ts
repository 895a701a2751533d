// One grammar: scanning a text (validation) and reading it token by token (the Markdown renderer) find the
// same citations, data point references, figure references and placements.
import { describe, expect, it } from 'vitest';
import {
  attachCitations, directiveStart, expandPlaceholders, nonFigurePatterns, readCitation, readDataPointRef, readDirective,
  readFigureRef, readTextMark, SAFE_LINK, scanCitations, scanDataPointRefs, scanDirectives, scanFigureRefs, scanUnknownPlaceholders,
} from '../../pipeline/narrative/grammar.js';

const TEXT = [
  'Postings rose to {{dp:share-may}} [@aura-2024; @skills-2024], see {{figure:share}} and {{table: roles }}.',
  '',
  '::chart[share]',
  '',
  '::table[ roles ]  ',
  'Not a placement: ::chart[inline] and [@broken and {{dp:}}.',
].join('\n');

describe('narrative grammar', () => {
  it('scans every construct with the offset a diagnostic points at', () => {
    expect(scanCitations(TEXT).map((c) => [c.key, TEXT.slice(c.offset, c.offset + c.key.length)])).toEqual([['aura-2024', 'aura-2024'], ['skills-2024', 'skills-2024']]);
    expect(scanDataPointRefs(TEXT).map((r) => [r.id, TEXT.slice(r.offset, r.offset + r.id.length)])).toEqual([['share-may', 'share-may'], ['', '']]);
    expect(scanFigureRefs(TEXT).map((r) => [r.kind, r.id])).toEqual([['chart', 'share'], ['table', 'roles']]);
    expect(scanDirectives(TEXT).map((d) => [d.kind, d.id, TEXT.slice(d.offset).split('\n')[0]])).toEqual([['chart', 'share', '::chart[share]'], ['table', 'roles', '::table[ roles ]  ']]);
  });

  it('reads at each scanned place exactly what the scan found there', () => {
    const citationGroup = TEXT.indexOf('[@aura');
    expect(readCitation(TEXT.slice(citationGroup))?.keys).toEqual(scanCitations(TEXT).map((c) => c.key));
    for (const ref of scanDataPointRefs(TEXT)) expect(readDataPointRef(TEXT.slice(ref.offset - '{{dp:'.length))?.id).toBe(ref.id);
    for (const ref of scanFigureRefs(TEXT)) expect(readFigureRef(TEXT.slice(TEXT.lastIndexOf('{{', ref.offset)))).toMatchObject({ kind: ref.kind, id: ref.id });
    for (const directive of scanDirectives(TEXT)) expect(readDirective(TEXT.slice(directive.offset))).toMatchObject({ kind: directive.kind, id: directive.id });
    expect(readDirective('::chart[inline] and more')).toBeUndefined();
    expect(readCitation('[@broken and')).toBeUndefined();
  });

  it('expands placeholders, leaving unknown ones as written (validation reports them), and attaches citations to their word', () => {
    const valueOf = (id: string) => (id === 'a' ? '5.98%' : undefined);
    const labelOf = (kind: string, id: string) => (kind === 'table' && id === 't' ? 'Table 1' : undefined);
    expect(expandPlaceholders('{{dp:a}} and {{dp:b}}, {{text:3,556}} in {{table:t}}', valueOf, labelOf)).toBe('5.98% and {{dp:b}}, 3,556 in Table 1');
    expect(scanUnknownPlaceholders('{{dp:a}} {{text:b}} {{figure:c}} {{ dp:d }} {{name}} {{open')).toEqual([{ offset: 44, raw: '{{name}}' }, { offset: 53, raw: '{{' }]);
    expect(attachCitations('a claim [@x]\nand another\n[@y]')).toBe('a claim[@x]\nand another[@y]');
  });

  it('reads ids with the spaces around them trimmed, at the offset of what is written', () => {
    const text = 'x {{dp: a }} {{figure: c }}';
    expect(scanDataPointRefs(text)).toEqual([{ id: 'a', offset: 7 }]);
    expect(scanFigureRefs(text)).toEqual([{ kind: 'chart', id: 'c', offset: 22 }]);
    expect(readDataPointRef('{{dp: a }} rest')).toEqual({ raw: '{{dp: a }}', id: 'a' });
    expect(readTextMark('{{text: 3,556 }} rest')).toEqual({ raw: '{{text: 3,556 }}', text: ' 3,556 ' });
    expect(readTextMark('x {{text:3}}')).toBeUndefined();
    expect(expandPlaceholders('{{dp: a }} in {{ table: t }}{{figure: f }}', (id) => (id === 'a' ? '5%' : undefined), (kind, id) => `${kind}:${id}`)).toBe('5% in {{ table: t }}chart:f');
    expect(scanUnknownPlaceholders('{{ text: ok }} {{ table: t }} {{data:x}}')).toEqual([{ offset: 30, raw: '{{data:x}}' }]);
  });

  it('finds where a placement line starts, and which links are safe', () => {
    expect(directiveStart('text\n::chart[a]\n')).toBe(5);
    expect(directiveStart('text ::chart[a]')).toBeUndefined();
    expect(['https://a.example', 'http://a.example', 'MAILTO:x@example.com', '#source-1'].filter((href) => SAFE_LINK.test(href))).toHaveLength(4);
    expect(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'xhttps://a.example', 'ftp://a.example'].filter((href) => SAFE_LINK.test(href))).toEqual([]);
  });

  it('blanks out what holds no figure of the prose: inserted values, marks, references, citations, code and URLs', () => {
    const text = ['{{dp:a}} {{text:3}} {{table:t}} [@s-2024] `x = 4` https://example.com/2024 http://e.com/5 45%', '```js', 'let n = 6;', '```', 'after 7', '~~~', 'open 8'].join('\n');
    const blanked = nonFigurePatterns().reduce((rest, pattern) => rest.replace(pattern, ''), text);
    expect(blanked.replace(/\s+/g, ' ').trim()).toBe('45% after 7');
  });

  it('attaches a citation after spaces or tabs and one line break, but not across a blank line', () => {
    expect(attachCitations('claim \t[@x] and claim\n  [@y]')).toBe('claim[@x] and claim[@y]');
    expect(attachCitations('claim\n\n[@x]')).toBe('claim\n\n[@x]');
  });
});
