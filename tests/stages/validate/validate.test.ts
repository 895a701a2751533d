import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBriefing } from '../../../pipeline/stages/load/index.js';
import { validateBriefing } from '../../../pipeline/stages/validate/index.js';
import { diagnostic, formatDiagnostics, type Diagnostic } from '../../../pipeline/diagnostics/diagnostic.js';
import { messages } from '../../../pipeline/diagnostics/messages.js';
import { editDefault, FIXTURE_DIR, memoryBriefing } from '../../support/memory-briefing.js';

async function check(changes: Parameters<typeof memoryBriefing>[0]) {
  const { value: loaded, diagnostics } = await loadBriefing(FIXTURE_DIR, memoryBriefing(changes));
  const validated = validateBriefing(loaded);
  return { all: [...diagnostics, ...validated.diagnostics], briefing: validated.value, texts: loaded.texts };
}

const brief = (d: Diagnostic) => `${d.file}:${d.line}:${d.column} ${d.code}`;

describe('validate', () => {
  it('accepts the default briefing with no diagnostics', async () => {
    const { all, briefing } = await check({});
    expect(all).toEqual([]);
    expect(briefing?.dataPoints).toHaveLength(6);
    expect(briefing?.sources.map((s) => s.key)).toEqual(['mckinsey-2024', 'aura-2024', 'skills-coalition-2024', 'ieee-spectrum-2025', 'nebulai-2024']);
    expect(briefing?.sections.map((s) => s.id)).toEqual(['trends', 'roles', 'expert-opinions', 'data-points', 'workforce-impact', 'summary-table']);
  });

  it('points at an unknown citation key with a suggestion', async () => {
    const { all, briefing } = await check(editDefault('sections/01-trends.md', '[@aura-2024]. This', '[@aura-2042]. This'));
    expect(briefing).toBeUndefined();
    expect(all.map(brief)).toEqual(['data/fixture/sections/01-trends.md:8:96 BP201']);
    expect(all[0]!.hint).toBe('Did you mean [@aura-2024]?');
  });

  it('reports a data point whose source is not listed', async () => {
    const { all } = await check(editDefault('data-points.yaml', 'source: mckinsey-2024', 'source: mckinsey'));
    expect(all.map(brief)).toEqual(['data/fixture/data-points.yaml:48:13 BP301']);
  });

  it('reports a missing required field at its parent', async () => {
    const { all } = await check(editDefault('data-points.yaml', '    unit: percent\n    period: { label: "May 2024"', '    period: { label: "May 2024"'));
    expect(all.map(brief)).toEqual(['data/fixture/data-points.yaml:6:5 BP101']);
    expect(all[0]!.message).toBe('required field "unit" is missing');
  });

  it('reports an unknown field with "did you mean"', async () => {
    const { all } = await check(editDefault('briefing.yaml', 'audience:', 'audiance:'));
    expect(all.map((d) => `${brief(d)} ${d.hint ?? ''}`)).toEqual(['data/fixture/briefing.yaml:6:1 BP103 Did you mean "audience"?']);
  });

  it('reports a percentage out of range, and every figure in prose that no longer matches it (the summary inserts it)', async () => {
    const { all } = await check(editDefault('data-points.yaml', 'value: 37.3', 'value: 137.3'));
    expect(all.map(brief)).toEqual([
      'data/fixture/data-points.yaml:36:12 BP302',
      'data/fixture/sections/03-expert-opinions.md:4:1 BP701',
      'data/fixture/sections/04-data-points.md:3:43 BP701',
    ]);
  });

  it('reports a chart that names a data point that does not exist', async () => {
    const { all } = await check(editDefault('charts/postings-demanding-ai-skills.yaml', 'dataPoints: [postings-demanding-ai-skills-2023,', 'dataPoints: [postings-demanding-ai-skill-2023,'));
    expect(all.map(brief)).toContain('data/fixture/charts/postings-demanding-ai-skills.yaml:7:14 BP304');
  });

  it('reports a chart encoding a field its data lacks', async () => {
    const { all } = await check(editDefault('charts/ai-share-software-postings.yaml', 'field: value,', 'field: amount,'));
    expect(all.map(brief)).toEqual(['data/fixture/charts/ai-share-software-postings.yaml:15:17 BP402']);
  });

  it('knows the fields a pivot makes: one per value of the pivoted field', async () => {
    const pivot = 'spec:\n  transform: [{ pivot: periodLabel, value: value }]\n  mark: { type: bar }\n  encoding:\n    x: { field: "May 2024", type: quantitative }\n    y: { field: "Aug 2024", type: quantitative }\n';
    const file = 'charts/ai-share-software-postings.yaml';
    const text = (await import('../../support/memory-briefing.js')).defaultFile(file);
    const { all } = await check({ [file]: text.slice(0, text.indexOf('spec:')) + pivot });
    expect(all.map(brief)).toEqual([]);
    const wrong = await check({ [file]: text.slice(0, text.indexOf('spec:')) + pivot.replace('"Aug 2024"', '"Sep 2024"') });
    expect(wrong.all.map((d) => d.code)).toEqual(['BP402']);
  });

  it('reports the Vega-Lite compiler message for an invalid spec', async () => {
    const { all } = await check(editDefault('charts/ai-share-software-postings.yaml', 'spec:\n', 'spec:\n  transform: [{ calculate: "pow(datum.value", as: broken }]\n'));
    expect(all.map((d) => d.code)).toEqual(['BP401']);
    expect(all[0]!.line).toBe(11);
    expect(all[0]!.message).toContain('Unexpected end of input');
  });

  it('reports a table row missing a column and an empty key cell', async () => {
    const { all } = await check(editDefault('tables/key-roles.yaml', '  - role: "MLSecOps Specialist"\n    coreFocus: "Security in ML lifecycle, automation"\n', '  - role: " "\n'));
    expect(all.map(brief)).toEqual(['data/fixture/tables/key-roles.yaml:16:5 BP501', 'data/fixture/tables/key-roles.yaml:16:11 BP502']);
  });

  it('reports YAML syntax errors with their position and goes on to other files', async () => {
    const { all } = await check({ ...editDefault('sources.yaml', 'publisher: "Aura"', 'publisher: "Aura'), ...editDefault('briefing.yaml', 'audience:', 'audiance:') });
    expect(all.map((d) => d.code).sort()).toEqual(['BP002', 'BP103']);
    expect(all.find((d) => d.code === 'BP002')!.file).toBe('data/fixture/sources.yaml');
  });

  it('reports a missing section file where briefing.yaml names it, and an empty and a non-UTF-8 file', async () => {
    const { all } = await check({
      'sections/02-roles.md': null,
      'sections/03-expert-opinions.md': '   \n',
      'sections/05-workforce-impact.md': new Uint8Array([0x41, 0x0a, 0x42, 0xff, 0x43]),
    });
    expect(all.map(brief)).toEqual([
      'data/fixture/briefing.yaml:30:11 BP001',
      'data/fixture/sections/03-expert-opinions.md:1:1 BP004',
      'data/fixture/sections/05-workforce-impact.md:2:2 BP003',
    ]);
  });

  it('warns about a source nobody cites and does not block the build', async () => {
    const sources = `${(await import('../../support/memory-briefing.js')).defaultFile('sources.yaml')}  - key: unused-2024\n    publisher: "Unused"\n    date: "2024"\n`;
    const { all, briefing } = await check({ 'sources.yaml': sources });
    expect(all.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning BP202']);
    expect(briefing).toBeDefined();
  });

  it('prints diagnostics like a compiler: location, excerpt, caret, hint, count', async () => {
    const { all, texts } = await check(editDefault('data-points.yaml', 'source: mckinsey-2024', 'source: mckinsey'));
    expect(formatDiagnostics(all, texts)).toBe(
      [
        'data/fixture/data-points.yaml:48:13 error BP301 data point "automatable-work-hours-2030" names source "mckinsey", which is not in sources.yaml',
        '   48 |     source: mckinsey',
        '      |             ^',
        '  hint: Did you mean "mckinsey-2024"?',
        '',
        '1 error, 0 warnings',
      ].join('\n'),
    );
  });

  it('excerpts a line holding control characters as visible pictures, the caret still under its column', () => {
    // A CSV line ended by a carriage return alone (BP007) would otherwise send the terminal back to column 1.
    const file = 'data/x/t.csv';
    const text = formatDiagnostics([diagnostic('BP007', { file, line: 1, column: 4 }, { reason: 'r' })], new Map([[file, 'a,b\rc,d\u001b[2J\n']]));
    expect(text.split('\n').slice(1, 3)).toEqual(['    1 | a,b\u240dc,d\u241b[2J', '      |    ^']);
  });

  it('prints a diagnostic in a workbook cell as file:Sheet!C7 in every format, and the others as before', () => {
    const file = 'data/x/survey.xlsx';
    const inCell = diagnostic('BP011', { file, line: 7, column: 3, cell: 'Results!C7' }, { reason: 'holds the error #REF!' });
    const inLine = diagnostic('BP004', { file: 'data/x/a.yaml', line: 1, column: 1 }, {});
    expect(Object.keys(inLine)).not.toContain('cell');
    const text = formatDiagnostics([inCell, inLine], new Map([[file, 'not shown']]));
    expect(text).toContain(`${file}:Results!C7 error BP011 this cell holds the error #REF!\n  hint:`);
    expect(text).toContain('data/x/a.yaml:1:1 error BP004');
    expect(text).not.toContain('not shown');
    const json = JSON.parse(formatDiagnostics([inCell, inLine], new Map(), 'json')) as { diagnostics: Record<string, unknown>[] };
    expect(json.diagnostics.map((d) => d.cell)).toEqual([undefined, 'Results!C7']);
    const github = formatDiagnostics([inCell, inLine], new Map(), 'github').split('\n');
    expect(github[0]).toMatch(/^::error file=data\/x\/a.yaml,line=1,col=1,title=BP004 /);
    expect(github[1]).toMatch(/^::error file=data\/x\/survey.xlsx,title=BP011 xlsx-cell::Results!C7: this cell holds the error #REF!%0Ahint: /);
  });

  it('has every code of the catalog in docs/diagnostics.md, one line each, with its severity', () => {
    const rows = [...readFileSync('docs/diagnostics.md', 'utf8').matchAll(/^\| (BP\d{3}) \| (error|warning) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows).toEqual(Object.entries(messages).map(([code, entry]) => `${code} ${entry.severity}`));
  });
});
