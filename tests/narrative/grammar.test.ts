// One grammar: scanning a text (validation) and reading it token by token (the Markdown renderer) find the
// same citations, data point references, figure references and placements.
import { describe, expect, it } from 'vitest';
import {
  attachCitations, expandPlaceholders, readCitation, readDataPointRef, readDirective, readFigureRef, scanCitations, scanDataPointRefs, scanDirectives,
  scanFigureRefs, scanUnknownPlaceholders,
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
});
