// The command line as a user meets it, golden: the help of briefpress and of each command, the text of each
// usage error, and a --json event stream. Expectations live in tests/golden/cli/; outside CI a missing one is
// written, a mismatch fails and writes tests/golden/cli/__diff__/ for a human to diff.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../pipeline/cli/command.js';
import { buildCommand } from '../../pipeline/cli/commands/build.js';
import { diffCommand } from '../../pipeline/cli/commands/diff.js';
import { newCommand } from '../../pipeline/cli/commands/new.js';
import { validateCommand } from '../../pipeline/cli/commands/validate.js';
import { watchCommand } from '../../pipeline/cli/commands/watch.js';
import { briefpress, type CliOptions, type CliRun } from '../support/cli.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';
import { expectGolden } from '../support/golden.js';

const GOLDEN = 'tests/golden/cli';
const COMMANDS = ['build', 'validate', 'watch', 'new', 'diff'];

/** What a terminal shows: stdout, stderr and the exit code, in one text. */
const transcript = ({ stdout, stderr, status }: CliRun) =>
  `${stdout ? `--- stdout\n${stdout}` : ''}${stderr ? `--- stderr\n${stderr}` : ''}--- exit code ${status}\n`;

/** Several runs, each under the command line that made it. */
async function transcripts(runs: readonly (readonly string[])[], options: CliOptions = {}, normalize = (text: string) => text): Promise<string> {
  const texts: string[] = [];
  for (const args of runs) texts.push(normalize(`$ briefpress ${args.join(' ')}\n${transcript(await briefpress([...args], options))}`));
  return texts.join('\n');
}

/** An environment with no browser to find: nothing on PATH, no Puppeteer download, no PUPPETEER_EXECUTABLE_PATH. */
const NO_BROWSER = { PATH: '/nonexistent', PUPPETEER_CACHE_DIR: '/nonexistent', PUPPETEER_EXECUTABLE_PATH: '' };

describe('help (golden)', () => {
  it('briefpress --help lists every command with its summary', async () => {
    const help = await briefpress(['--help']);
    expect(help.status).toBe(0);
    expectGolden(GOLDEN, 'help.txt', help.stdout);
    for (const command of COMMANDS) expect(help.stdout).toContain(`briefpress ${command}`);
    expect(await briefpress(['help'])).toEqual(help);
  });

  it('briefpress alone prints the help on stderr and exits 2', async () => {
    const bare = await briefpress([]);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toBe((await briefpress(['--help'])).stdout);
  });

  for (const command of COMMANDS) {
    it(`help ${command}, ${command} --help and ${command} -h print the help of ${command}`, async () => {
      const help = await briefpress(['help', command]);
      expect(help.status).toBe(0);
      expectGolden(GOLDEN, `help-${command}.txt`, help.stdout);
      expect(help.stdout).toMatch(new RegExp(`^Usage: briefpress ${command} `));
      expect(await briefpress([command, '--help'])).toEqual(help);
      expect(await briefpress([command, '-h'])).toEqual(help);
      // --help wins over everything else on the line, as it does for git and npm.
      expect(await briefpress([command, 'anything', '--help'])).toEqual(help);
    });
  }
});

describe('the documentation', () => {
  it("names every option of every command in the README's synopsis and in docs/cli.md", async () => {
    const readme = readFileSync('README.md', 'utf8');
    const synopsis = readme.slice(readme.indexOf('## Command line'), readme.indexOf('```', readme.indexOf('```', readme.indexOf('## Command line')) + 3));
    const reference = readFileSync('docs/cli.md', 'utf8');
    for (const { spec } of [buildCommand, validateCommand, watchCommand, newCommand, diffCommand] as Command[]) {
      const { name } = spec;
      const line = synopsis.split('\nbriefpress ').find((entry) => entry.startsWith(`${name} `))!;
      expect(line, `README synopsis of ${name}`).toBeDefined();
      for (const [option, { short, aliases }] of Object.entries(spec.options)) {
        expect(line.includes(`--${option}`) || (short !== undefined && new RegExp(`(?<![-\\w])-${short}\\b`).test(line)), `${name} --${option} in the README`).toBe(true);
        expect(reference, `${name} --${option} in docs/cli.md`).toContain(`--${option}`);
        for (const alias of aliases ?? []) expect(readme, `--${alias} in the README`).toContain(`--${alias}`);
      }
    }
  });
});

describe('usage errors (golden)', () => {
  it('say what is wrong, suggest what was meant, and exit 2 before any work', async () => {
    const text = await transcripts([
      ['build', '--forse'],
      ['biuld'],
      ['help', 'valdate'],
      ['frobnicate'],
      ['--forse'],
      ['build', '--formt', 'html'],
      ['build', '--out'],
      ['build', '--force=yes'],
      ['build', '--outputs', 'docx'],
      ['build', '--concurrency', '0'],
      ['build', '--quiet', '--json'],
      ['build', 'nonexistent-dir'],
      ['build', 'data/ai-security-workforce-202'],
      ['build', 'nowhere-a', 'templates', 'package.json'],
      ['validate', '--format', 'xml'],
      ['validate', '--json', '--format', 'github'],
      ['watch', '--port', 'eighty'],
      ['watch', 'a', 'b'],
      ['new'],
      ['new', 'Not A Slug'],
      ['diff', 'one-build'],
      ['diff', 'a', 'b', '--format', 'html'],
    ]);
    expectGolden(GOLDEN, 'usage-errors.txt', text);
    expect(text.match(/--- exit code (\d+)/g)!.every((line) => line.endsWith(' 2'))).toBe(true);
  });

  it('a missing briefing folder is one usage error, not a diagnostic per file it lacks', async () => {
    const missing = await briefpress(['validate', 'nonexistent-dir']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(missing.stderr).not.toContain('BP001');
  });
});

describe('build: the browser is found before any work', () => {
  it('fails fast with how to install one, before validating: no event, no folder, exit 3', async () => {
    const root = mkdtempSync(join(tmpdir(), 'briefpress-no-browser-'));
    const broken = join(root, 'broken');
    cpSync(DEFAULT_BRIEFING_DIR, broken, { recursive: true });
    writeFileSync(join(broken, 'sources.yaml'), readFileSync(join(broken, 'sources.yaml'), 'utf8').replace('publisher: "Aura"', 'publisher: "Aura'));
    const out = join(root, 'out');
    const text = await transcripts([['build', broken, '--out', out, '--json'], ['build', broken, '--out', out]], { env: NO_BROWSER }, (t) => t.replaceAll(root, '<tmp>'));
    expectGolden(GOLDEN, 'no-browser.txt', text);
    expect(text).not.toContain('BP002');
    expect(existsSync(out)).toBe(false);
    // Without a PDF no browser is needed, and then the invalid data is what is reported.
    const html = await briefpress(['build', broken, '--out', out, '--outputs', 'html'], { env: NO_BROWSER });
    expect(html.status).toBe(1);
    expect(html.stderr).toContain('error BP002');
  });
});

describe('--json and --quiet', () => {
  it('build --json: a versioned event stream from start to summary (golden)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'briefpress-json-'));
    const dir = join(root, 'briefing');
    cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
    const out = join(root, 'out');
    const build = ['build', dir, '--out', out, '--outputs', 'html', '--json'];
    const normalize = (text: string) => text.replaceAll(root, '<tmp>').replace(/"ms":\d+/g, '"ms":0');
    const first = await transcripts([build, build], {}, normalize);
    const section = join(dir, 'sections/01-trends.md');
    writeFileSync(section, readFileSync(section, 'utf8').replace('stabilizing at 5.4% in August', 'stabilizing at {{dp:postings-demanding-ai-skills-2024}} in August'));
    const points = join(dir, 'data-points.yaml');
    writeFileSync(points, readFileSync(points, 'utf8').replace('source: mckinsey-2024', 'source: mckinsey'));
    const invalid = await transcripts([build], {}, normalize);
    const text = `${first}\n${invalid}`;
    expectGolden(GOLDEN, 'build.json.txt', text);
    // Every line of stdout is one JSON object of schema version 1; the last of each run is the summary.
    const events = text.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { version: number; event: string });
    expect(events.every((event) => event.version === 1)).toBe(true);
    expect(new Set(events.map((event) => event.event))).toEqual(new Set(['start', 'stage', 'done', 'skipped', 'diagnostic', 'failed', 'summary']));
    expect(events.filter((event) => event.event === 'summary')).toHaveLength(3);
  });

  it('-q prints nothing when all is well, built or up to date; problems still print', async () => {
    const root = mkdtempSync(join(tmpdir(), 'briefpress-quiet-'));
    const dir = join(root, 'briefing');
    cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
    const build = ['build', dir, '--out', join(root, 'out'), '--outputs', 'html', '-q'];
    expect(await briefpress(build)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(await briefpress(build)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(await briefpress(['validate', dir, '--quiet'])).toEqual({ status: 0, stdout: '', stderr: '' });
    const points = join(dir, 'data-points.yaml');
    writeFileSync(points, readFileSync(points, 'utf8').replace('source: mckinsey-2024', 'source: mckinsey'));
    const failed = await briefpress(build);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('error BP301');
    expect(failed.stderr).toContain('briefing: failed: 1 error, 0 warnings');
  });

  it('new --json says what it created; new -q says nothing', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'briefpress-new-json-'));
    const created = await briefpress(['new', 'made-by-json', '--dir', parent, '--json']);
    expect(created.status).toBe(0);
    expect(created.stderr).toBe('');
    expect(JSON.parse(created.stdout)).toMatchObject({ version: 1, event: 'created', folder: join(parent, 'made-by-json'), files: expect.arrayContaining(['briefing.yaml']) });
    expect(await briefpress(['new', 'made-quietly', '--dir', parent, '-q'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(existsSync(join(parent, 'made-quietly', 'briefing.yaml'))).toBe(true);
  });

  it('the old spelling --formats still works, as an alias of --outputs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'briefpress-alias-'));
    const built = await briefpress(['build', DEFAULT_BRIEFING_DIR, '--out', out, '--formats', 'html', '-q']);
    expect(built.status).toBe(0);
    expect(existsSync(join(out, 'ai-security-workforce-2024', 'ai-security-workforce-2024.html'))).toBe(true);
    expect(existsSync(join(out, 'ai-security-workforce-2024', 'ai-security-workforce-2024.pdf'))).toBe(false);
  });
});
