// The corpus of invalid briefings: each file of tests/invalid/ is one fault applied to the default briefing
// and the diagnostics it must produce, as `file:line:column CODE` (file relative to the briefing folder), or
// `file:Sheet!C7 CODE` for a cell of a spreadsheet.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadBriefing } from '../../../pipeline/stages/load/index.js';
import { validateBriefing } from '../../../pipeline/stages/validate/index.js';
import { hasErrors, sortDiagnostics } from '../../../pipeline/diagnostics/diagnostic.js';
import { messages } from '../../../pipeline/diagnostics/messages.js';
import { faultChanges, FIXTURE_DIR, memoryBriefing, type Fault } from '../../support/memory-briefing.js';

interface Case extends Fault {
  fault: string;
  expect: string[];
}

const CORPUS = 'tests/invalid';
const cases = readdirSync(CORPUS).filter((name) => name.endsWith('.yaml')).sort()
  .map((name) => ({ name: name.replace(/\.yaml$/, ''), ...(parse(readFileSync(join(CORPUS, name), 'utf8')) as Case) }));

async function diagnose(fault: Fault) {
  const dir = fault.folder === undefined ? FIXTURE_DIR : join('data', fault.folder);
  const base = fault.base === undefined ? undefined : join('data', fault.base);
  const { value: loaded, diagnostics } = await loadBriefing(dir, memoryBriefing(faultChanges(fault), dir, base));
  const validated = validateBriefing(loaded);
  return { dir, all: sortDiagnostics([...diagnostics, ...validated.diagnostics]), briefing: validated.value };
}

describe('invalid briefings (tests/invalid)', () => {
  it('holds at least 40 faults', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it('exercises every code in the catalog', () => {
    const exercised = new Set(cases.flatMap((c) => c.expect.map((e) => e.split(' ')[1])));
    expect(Object.keys(messages).filter((code) => !exercised.has(code))).toEqual([]);
  });

  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.fault}`, async () => {
      const { dir, all, briefing } = await diagnose(testCase);
      expect(all.map((d) => `${relative(dir, d.file)}:${d.cell ?? `${d.line}:${d.column}`} ${d.code}`)).toEqual(testCase.expect);
      // An error means no briefing comes out, so nothing can be built; warnings alone let it through.
      expect(briefing === undefined).toBe(hasErrors(all));
    });
  }
});
