// parseYaml keeps the trees of recently parsed files: a file parsed again must give the same answer as the first
// time, a value of its own (the caller may change it), and a changed text must never be answered from the old one.
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../pipeline/diagnostics/yaml-source.js';

describe('parseYaml, parsing a file again', () => {
  const text = 'title: "A"\nitems:\n  - { id: one, value: 1 }\n  - { id: two, value: 2 }\n';

  it('gives the same value and positions, in a value of its own', () => {
    const first = parseYaml('data/x/briefing.yaml', text).source!;
    const again = parseYaml('data/x/briefing.yaml', text).source!;
    expect(again.value).toEqual(first.value);
    expect(again.value).not.toBe(first.value);
    (first.value as { title: string }).title = 'changed by a caller';
    expect((again.value as { title: string }).title).toBe('A');
    expect(again.locate(['items', 1, 'value'])).toEqual({ line: 4, column: 23 });
    expect(again.scalarSource(['title'])?.text).toBe('"A"');
  });

  it('answers a changed text, or the same text under another name, from the text itself', () => {
    parseYaml('data/x/briefing.yaml', text);
    const changed = parseYaml('data/x/briefing.yaml', text.replace('value: 2', 'value: 20')).source!;
    expect((changed.value as { items: { value: number }[] }).items[1]!.value).toBe(20);
    const broken = parseYaml('data/x/briefing.yaml', `${text}  - [unclosed\n`);
    expect(broken.source).toBeUndefined();
    expect(broken.diagnostics.map((d) => [d.code, d.file])).toEqual([['BP002', 'data/x/briefing.yaml']]);
    expect(parseYaml('data/y/briefing.yaml', text).source!.file).toBe('data/y/briefing.yaml');
  });
});
