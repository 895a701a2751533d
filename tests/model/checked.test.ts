// The results of checking several briefings, gathered for printing.
import { describe, expect, it } from 'vitest';
import { allDiagnostics, allTexts, type CheckedBriefing } from '../../pipeline/model/checked.js';
import { diagnostic } from '../../pipeline/diagnostics/diagnostic.js';

describe('checked briefings', () => {
  it("gathers every checked briefing's diagnostics and texts", () => {
    const first = diagnostic('BP004', { file: 'data/a/briefing.yaml', line: 1, column: 1 }, {});
    const second = diagnostic('BP004', { file: 'data/b/briefing.yaml', line: 2, column: 1 }, {});
    const checked: CheckedBriefing[] = [
      { id: 'a', dir: 'data/a', diagnostics: [first], texts: new Map([['data/a/briefing.yaml', 'a']]) },
      { id: 'b', dir: 'data/b', diagnostics: [second], texts: new Map([['data/b/briefing.yaml', 'b']]) },
    ];
    expect(allDiagnostics(checked)).toEqual([first, second]);
    expect([...allTexts(checked)]).toEqual([['data/a/briefing.yaml', 'a'], ['data/b/briefing.yaml', 'b']]);
  });
});
