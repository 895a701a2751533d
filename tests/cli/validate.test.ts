// Golden tests: the exact output of `briefpress validate` for representative failures, in each format, and
// the command itself (streams, exit codes, --strict). Expectations live in tests/golden/validate/; outside CI
// a missing one is written, and a mismatch is written to tests/golden/validate/__diff__/ for a human to diff.
import { existsSync, mkdtempSync, readFileSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validationReport } from '../../pipeline/cli/commands/validate.js';
import type { DiagnosticFormat } from '../../pipeline/diagnostics/diagnostic.js';
import { briefpress } from '../support/cli.js';
import { expectGolden as golden } from '../support/golden.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';
import { faultChanges, FIXTURE_DIR, memoryBriefing, type Fault } from '../support/memory-briefing.js';
import { checkBriefing } from '../../pipeline/driver/check.js';

const GOLDEN = 'tests/golden/validate';
const expectGolden = (name: string, actual: string) => golden(GOLDEN, name, actual);

/** stderr, stdout and exit code as a terminal shows them, in one text. */
async function run(fault: Fault, format: DiagnosticFormat, strict = false): Promise<string> {
  const checked = [await checkBriefing(FIXTURE_DIR, memoryBriefing(faultChanges(fault)), { strict })];
  const { stdout, stderr, exitCode } = validationReport(checked, format);
  return `${stdout ? `--- stdout\n${stdout}` : ''}${stderr ? `--- stderr\n${stderr}` : ''}--- exit code ${exitCode}\n`;
}

const SEVERAL: Fault = {
  edit: [
    { file: 'sources.yaml', find: 'date: "2025"', replace: 'date: "2031"' },
    { file: 'sections/01-trends.md', find: 'reaching 5.98% in May', replace: 'reaching 5.89% in May' },
    { file: 'sections/03-expert-opinions.md', find: '::chart[ai-market-growth-projection]\n\n', replace: '' },
    { file: 'charts/ai-share-software-postings.yaml', find: 'field: value,', replace: 'field: amount,' },
  ],
};
const UNKNOWN_SOURCE: Fault = { edit: { file: 'data-points.yaml', find: 'source: mckinsey-2024', replace: 'source: mckinsey' } };
const YAML_SYNTAX: Fault = { edit: { file: 'sources.yaml', find: 'publisher: "Aura"', replace: 'publisher: "Aura' } };
const WARNING_ONLY: Fault = { edit: { file: 'sections/01-trends.md', find: 'stabilizing at 5.4% in August', replace: 'stabilizing at {{dp:postings-demanding-ai-skills-2024}} in August' } };

describe('briefpress validate output (golden)', () => {
  it('a data point naming an unknown source', async () => expectGolden('unknown-source.txt', await run(UNKNOWN_SOURCE, 'text')));
  it('a YAML syntax error', async () => expectGolden('yaml-syntax.txt', await run(YAML_SYNTAX, 'text')));
  it('several problems in several files, sorted by file and line, with the count', async () => expectGolden('several-problems.txt', await run(SEVERAL, 'text')));
  it('several problems as JSON', async () => expectGolden('several-problems.json.txt', await run(SEVERAL, 'json')));
  it('several problems as GitHub workflow commands', async () => expectGolden('several-problems.github.txt', await run(SEVERAL, 'github')));
  it('a warning alone passes', async () => expectGolden('warning-only.txt', await run(WARNING_ONLY, 'text')));
  it('a warning alone fails under --strict', async () => expectGolden('warning-only-strict.txt', await run(WARNING_ONLY, 'text', true)));
  it('the default briefing', async () => expectGolden('valid.txt', await run({}, 'text', true)));
  it('the default briefing as JSON', async () => expectGolden('valid.json.txt', await run({}, 'json', true)));
});

describe('briefpress validate (command)', () => {
  const broken = () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'briefpress-validate-')), 'broken');
    cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
    return dir;
  };

  it('prints JSON on stdout and GitHub commands on stdout, exit 1 on an error', async () => {
    const dir = broken();
    const points = join(dir, 'data-points.yaml');
    writeFileSync(points, readFileSync(points, 'utf8').replace('source: mckinsey-2024', 'source: mckinsey'));
    const json = await briefpress(['validate', dir, '--format', 'json']);
    expect(json.status).toBe(1);
    expect(json.stderr).toBe('');
    const parsed = JSON.parse(json.stdout);
    expect(parsed).toMatchObject({ version: 1, errors: 1, warnings: 0 });
    expect(parsed.diagnostics[0]).toEqual({
      file: join(dir, 'data-points.yaml'), line: 48, column: 13, severity: 'error', code: 'BP301', title: 'data-point-unknown-source',
      message: 'data point "automatable-work-hours-2030" names source "mckinsey", which is not in sources.yaml', hint: 'Did you mean "mckinsey-2024"?',
    });
    const github = await briefpress(['validate', dir, '--format', 'github']);
    expect(github.status).toBe(1);
    expect(github.stdout).toMatch(/^::error file=.*data-points\.yaml,line=48,col=13,title=BP301 data-point-unknown-source::data point/);
  });

  it('--strict turns a warning into exit 1, for validate and for build (which then writes nothing)', async () => {
    const dir = broken();
    const section = join(dir, 'sections/01-trends.md');
    writeFileSync(section, readFileSync(section, 'utf8').replace('stabilizing at 5.4% in August', 'stabilizing at {{dp:postings-demanding-ai-skills-2024}} in August'));
    expect((await briefpress(['validate', dir])).status).toBe(0);
    const strict = await briefpress(['validate', dir, '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('error BP204');
    const out = mkdtempSync(join(tmpdir(), 'briefpress-strict-out-'));
    const build = await briefpress(['build', dir, '--strict', '--outputs', 'html', '--out', out]);
    expect(build.status).toBe(1);
    expect(build.stderr).toContain('nothing was written');
    expect(existsSync(join(out, 'broken'))).toBe(false);
  });

  it('rejects an unknown format as a usage error', async () => {
    const bad = await briefpress(['validate', DEFAULT_BRIEFING_DIR, '--format', 'xml']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format is one of text, json, github');
  });
});
