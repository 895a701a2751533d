// Charts that would cost minutes and gigabytes, crash or fail at render: validation refuses each, at its place
// in the file, with exit code 1, the same in `validate` (main thread) and `build` (worker threads); what a spec
// cannot state but still stretches the drawing stops the charts stage with one line (exit 3).
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { briefpress } from '../support/cli.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';

const chart = (id: string, spec: string) => `id: ${id}
title: "Hostile ${id}"
caption: "Source: none."
alt: "A chart that should never be drawn."
dataPoints: [ai-share-software-postings-2024-05]
spec:
${spec}
`;

const BAR = '  mark: bar\n  encoding: { x: { field: value, type: quantitative } }';

/** Each chart is one fault from the red-team report, and where it must be reported. */
const HOSTILE: Record<string, { spec: string; expect: string }> = {
  'pad-billion': { spec: `  transform: [{ calculate: "pad('', 1e9)", as: c }]\n${BAR}`, expect: ':7:28 error BP806 the length pad() makes' },
  'sequence-hundred-million': { spec: `  transform: [{ calculate: "sequence(0, 1e8)", as: n }, { flatten: [n] }]\n${BAR}`, expect: ':7:28 error BP806 the rows chart "sequence-hundred-million" generates' },
  'ten-million-wide': { spec: `  width: 10000000\n  height: 20000\n${BAR}`, expect: ':7:10 error BP806 the width of chart "ten-million-wide" in pixels is 10,000,000' },
  'mark-href': { spec: '  mark: { type: bar, href: "https://example.com" }\n  encoding: { x: { field: value, type: quantitative } }', expect: ':7:22 error BP804 chart "mark-href" refers to an external resource ("href")' },
  'href-channel': { spec: '  mark: bar\n  encoding: { x: { field: value, type: quantitative }, href: { value: "https://example.com" } }', expect: ':8:56 error BP804 chart "href-channel" refers to an external resource ("href")' },
  'constructor': { spec: `  transform: [{ calculate: "(0).constructor.constructor('return 1')()", as: c }]\n${BAR}`, expect: ':7:28 error BP405 chart "constructor" cannot be drawn safely: "constructor" leads to JavaScript internals' },
  'nested-thousand': { spec: `  usermeta: ${'['.repeat(1000)}${']'.repeat(1000)}\n${BAR}`, expect: ':7:75 error BP806 the nesting depth of the YAML is 1,002' },
};

function hostileBriefing(charts: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'briefpress-charts-')), 'hostile-charts');
  cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
  for (const [id, text] of Object.entries(charts)) writeFileSync(join(dir, 'charts', `${id}.yaml`), text);
  return dir;
}

describe('charts that cost too much or fail at render', () => {
  it('are refused by validate and by build alike, each at its place, exit 1, in seconds', async () => {
    const dir = hostileBriefing(Object.fromEntries(Object.entries(HOSTILE).map(([id, { spec }]) => [id, chart(id, spec)])));
    const out = mkdtempSync(join(tmpdir(), 'briefpress-charts-out-'));
    const started = Date.now();
    const validate = await briefpress(['validate', dir]);
    const build = await briefpress(['build', dir, '--out', out, '--formats', 'html,xlsx']);
    expect(Date.now() - started).toBeLessThan(20_000);
    for (const run of [validate, build]) {
      expect(run.status).toBe(1);
      for (const [id, { expect: line }] of Object.entries(HOSTILE)) expect(run.stderr).toContain(`${dir}/charts/${id}.yaml${line}`);
      expect(run.stderr).not.toContain('    at ');
    }
    const errors = (text: string) => text.split('\n').filter((line) => / error BP/.test(line));
    expect(errors(build.stderr)).toEqual(errors(validate.stderr));
  }, 30_000);

  it('a mark placed far outside its scale stops the charts stage with one line, not a PNG of gigabytes', async () => {
    // Sized by its author: a chart without a width is fitted to the text column, which no mark can stretch.
    const spec = '  width: 400\n  layer:\n    - mark: rule\n      encoding: { x: { datum: 100000000, type: quantitative, scale: { domain: [0, 10] } } }\n' +
      '    - mark: point\n      encoding: { x: { field: value, type: quantitative } }';
    const dir = hostileBriefing({ 'far-away': chart('far-away', spec) });
    const run = await briefpress(['build', dir, '--out', mkdtempSync(join(tmpdir(), 'briefpress-charts-out-')), '--formats', 'html,xlsx']);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/^briefpress: hostile-charts: the charts stage failed: chart "far-away" \(\S+far-away\.yaml:6:1\) draws [\d,]+ × \d+ pixels, over the limit of 4,000 a side\n$/m);
    expect(run.stderr).not.toContain('    at ');
  }, 30_000);
});
