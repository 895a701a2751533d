// The figure check against a corpus of statements from both briefings (figure-corpus.yaml): each true statement
// is accepted, each falsified one (digit, scale, unit, sign, precision, qualifier, another data point's value)
// rejected at its figure's line and column. Each statement stands as the only section of its briefing, so the
// sources it cites are the briefing's own. Then the mutation test: changing the first digit of any raw figure in
// either briefing's prose fails validation at that figure.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fileReader } from '../../../pipeline/driver/file-reader.js';
import type { Diagnostic } from '../../../pipeline/diagnostics/diagnostic.js';
import { loadBriefing } from '../../../pipeline/stages/load/index.js';
import { checkFiguresInProse } from '../../../pipeline/stages/validate/checks/figures-in-prose.js';
import { createContext } from '../../../pipeline/stages/validate/context.js';
import { scanFigures } from '../../../pipeline/stages/validate/figures.js';
import { validateBriefing } from '../../../pipeline/stages/validate/index.js';
import { positionAt } from '../../../pipeline/diagnostics/diagnostic.js';
import { memoryReader } from '../../support/memory-briefing.js';
import { briefingFiles, FIXTURE_DIR } from '../../support/memory-briefing.js';

interface Statement {
  briefing: string;
  text: string;
  expect: 'accept' | 'reject';
  figure?: string;
  falsified?: string;
}

const statements = (parse(readFileSync('tests/stages/validate/figure-corpus.yaml', 'utf8')) as { statements: Statement[] }).statements;
const BRIEFINGS = ['ai-security-workforce-2024', 'cost-of-a-data-breach-2024'];
/** What the figure check reports; other checks have nothing to say about a lone statement. */
const FIGURE_CODES = /^BP(203|70\d)$/;

async function contextOf(id: string) {
  const { value: loaded } = await loadBriefing(`data/${id}`, fileReader);
  return (statement: string): Diagnostic[] => {
    const found: Diagnostic[] = [];
    const context = createContext(loaded, (d) => found.push(d));
    context.sections = [{ id: 'statement', title: 'Statement', file: 'statement.md', relativePath: 'sections/statement.md', markdown: statement }];
    found.length = 0;
    checkFiguresInProse(context);
    return found.filter((d) => FIGURE_CODES.test(d.code));
  };
}

describe('figure corpus (figure-corpus.yaml)', async () => {
  const check = Object.fromEntries(await Promise.all(BRIEFINGS.map(async (id) => [id, await contextOf(id)] as const)));

  it('holds at least 60 statements from both briefings, true and falsified', () => {
    expect(statements.length).toBeGreaterThanOrEqual(60);
    for (const id of BRIEFINGS) expect(new Set(statements.filter((s) => s.briefing === id).map((s) => s.expect))).toEqual(new Set(['accept', 'reject']));
  });

  it('accepts every true statement and rejects every falsified one at its figure (recall and false alarms)', () => {
    const missed: string[] = [];
    const falseAlarms: string[] = [];
    for (const statement of statements) {
      const found = check[statement.briefing]!(statement.text);
      if (statement.expect === 'accept') {
        if (found.length > 0) falseAlarms.push(`${statement.text} → ${found.map((d) => `${d.code} ${d.message}`).join('; ')}`);
        continue;
      }
      const offset = statement.text.indexOf(statement.figure!);
      expect(offset, `figure "${statement.figure}" is in its statement`).toBeGreaterThanOrEqual(0);
      const { line, column } = positionAt(statement.text, offset);
      // At the figure: its first character, or the qualifier or direction word the figure text starts with.
      const hit = found.some((d) => d.file === 'statement.md' && d.line === line && d.column >= column && d.column < column + statement.figure!.length);
      if (!hit) missed.push(`${statement.falsified}: "${statement.figure}" in ${statement.text} → ${found.map((d) => `${d.line}:${d.column} ${d.code}`).join(', ') || 'nothing'}`);
    }
    const rejects = statements.filter((s) => s.expect === 'reject').length;
    console.info(`figure corpus: rejects caught ${rejects - missed.length}/${rejects}, false alarms ${falseAlarms.length}/${statements.length - rejects}`);
    expect(missed).toEqual([]);
    expect(falseAlarms).toEqual([]);
  });
});

describe('changing the first digit of any raw figure in the prose fails validation there', () => {
  for (const id of BRIEFINGS) {
    it(id, async () => {
      const files = briefingFiles(`data/${id}`);
      const sections = [...files.keys()].filter((path) => path.startsWith('sections/'));
      let mutated = 0;
      for (const path of sections) {
        const text = new TextDecoder().decode(files.get(path)!);
        for (const figure of scanFigures(text)) {
          const digit = figure.offset + figure.text.search(/\d/);
          const changed = `${text.slice(0, digit)}${(Number(text[digit]) + 1) % 10 || 1}${text.slice(digit + 1)}`;
          const { value: loaded } = await loadBriefing(FIXTURE_DIR, memoryReader(new Map([...files, [path, new TextEncoder().encode(changed)]])));
          const { diagnostics } = validateBriefing(loaded);
          const { line } = positionAt(text, digit);
          const at = diagnostics.filter((d) => d.severity === 'error' && d.file.endsWith(path) && d.line === line);
          expect(at.length, `${path}:${line} "${figure.text}" changed to "${changed.slice(figure.offset, figure.offset + figure.text.length)}"`).toBeGreaterThan(0);
          mutated++;
        }
      }
      expect(mutated).toBeGreaterThanOrEqual(10);
    }, 60_000);
  }
});
