import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBriefing } from '../../pipeline/driver/check.js';
import { diffBuilds, diffManifests } from '../../pipeline/compare/diff.js';
import { diffMarkdown, diffText } from '../../pipeline/compare/report.js';
import { buildManifest } from '../../pipeline/stages/manifest/index.js';
import { briefpress } from '../support/cli.js';
import { defaultFile, FIXTURE_DIR, memoryBriefing } from '../support/memory-briefing.js';
import type { Manifest } from '../../pipeline/model/manifest.js';

const ID = 'fixture';
const BUILT_AT = new Date('2024-06-01T00:00:00Z');

/** A manifest as the build writes it, for the default briefing with some files changed. */
async function manifestOf(changes: Record<string, string>, outputs: Record<string, string>): Promise<Manifest> {
  const checked = await checkBriefing(FIXTURE_DIR, memoryBriefing(changes));
  if (!checked.resolved) throw new Error(`fixture is invalid: ${checked.diagnostics.map((d) => d.message).join('; ')}`);
  return buildManifest({
    briefing: checked.resolved,
    warnings: checked.diagnostics,
    cacheKey: 'test',
    outputs: Object.entries(outputs).map(([file, text]) => ({ file, mediaType: 'text/plain', data: new TextEncoder().encode(text) })),
    toolVersion: '0.0.0-test',
    versions: {},
    options: {},
    builtAt: BUILT_AT,
  }).value;
}

const replace = (file: string, ...pairs: [string, string][]) => {
  let text = defaultFile(file);
  for (const [search, replacement] of pairs) {
    if (!text.includes(search)) throw new Error(`${file} lacks ${search}`);
    text = text.replace(search, replacement);
  }
  return { [file]: text };
};

const OUTPUTS = { 'fixture.html': '<html>1</html>', 'fixture.xlsx': 'xlsx' };
let old: Manifest;
let next: Manifest;

beforeAll(async () => {
  old = await manifestOf({}, OUTPUTS);
  next = await manifestOf(
    {
      ...replace('data-points.yaml', ['value: 5.98', 'value: 6.10'], ['source: ieee-spectrum-2025', 'source: aura-2024']),
      ...replace('sources.yaml', ['sources:\n', 'sources:\n  - key: gartner-2024\n    publisher: "Gartner"\n    date: "2024"\n'], ['publisher: "Nebulai"\n    date: "2024"', 'publisher: "Nebulai"\n    date: "2025"']),
      // The prose states the value too, and validation holds prose and data together.
      ...replace('sections/01-trends.md', ['reaching 5.98% in May', 'reaching 6.10% in May'], ['[@aura-2024]. This', '[@aura-2024; @gartner-2024]. This']),
      ...replace('sections/04-data-points.md', ['5.98%', '6.10%']),
      // A raw figure binds to the sources its sentence cites; inserted, the moved data point is a warning (BP204).
      ...replace('sections/03-expert-opinions.md', ['1.4% in 2023', '{{dp:postings-demanding-ai-skills-2023}} in 2023']),
      ...replace('briefing.yaml', ['four roles stand out', 'four roles stand out clearly']),
      ...replace('tables/key-roles.yaml', ['ML pipeline complexity', 'ML pipeline complexity and scale']),
    },
    { ...OUTPUTS, 'fixture.html': '<html>2</html>' },
  );
});

describe('diff', () => {
  it('finds nothing between two builds of the same data', () => {
    const [diff] = diffBuilds([old], [old]);
    expect(diff!.status).toBe('unchanged');
    expect(diffText([diff!])).toBe('fixture: unchanged\n');
  });

  it('reports each data point change old → new with the difference, and every other change, as text', () => {
    expect(diffText(diffBuilds([old], [next]))).toBe(
      [
        'fixture: changed',
        '  metadata',
        '    ~ summary changed',
        '  data points',
        '    ~ ai-share-software-postings-2024-05: 5.98% → 6.10% (+0.12 pp)',
        '    ~ postings-demanding-ai-skills-2023: 1.4% (source "ieee-spectrum-2025" → "aura-2024")',
        '  sources',
        '    + gartner-2024: Gartner (2024)',
        '    ~ nebulai-2024: date 2024 → 2025',
        '  sections',
        '    ~ trends: content changed',
        '    ~ expert-opinions: content changed',
        '    ~ data-points: content changed',
        '  tables',
        '    ~ key-roles: content changed',
        '  outputs',
        '    ~ fixture.html: content changed',
        '',
      ].join('\n'),
    );
  });

  it('gives machines the numbers: the difference as a value, rounded to the stated precision', () => {
    const diff = diffManifests(old, next);
    const row = diff.dataPoints.find((r) => r.id === 'ai-share-software-postings-2024-05')!;
    expect(row.status).toBe('changed');
    expect(row.difference).toEqual({ value: 0.12, text: '+0.12 pp' });
    expect(row.old!.value).toBe(5.98);
    expect(row.new!.value).toBe(6.1);
    expect(diff.dataPoints.filter((r) => r.status === 'unchanged')).toHaveLength(4);
  });

  it('lists added and removed data points and sources, and briefings only one side has', () => {
    const trimmed: Manifest = { ...old, content: { ...old.content!, dataPoints: old.content!.dataPoints.slice(1), sources: old.content!.sources.slice(0, -1) } };
    const diff = diffManifests(trimmed, old);
    expect(diff.dataPoints[0]).toMatchObject({ id: 'ai-share-software-postings-2024-05', status: 'added' });
    expect(diff.sources.at(-1)).toMatchObject({ id: 'nebulai-2024', status: 'added' });
    expect(diffText([diffManifests(old, trimmed)])).toContain('    - ai-share-software-postings-2024-05: 5.98% (AI jobs as a share of software job postings, May 2024)\n');
    const other = { ...old, briefing: 'other' };
    expect(diffText(diffBuilds([old, other], [old]))).toBe('fixture: unchanged\nother: removed (not in the newer build)\n');
    expect(diffText(diffBuilds([], [old]))).toBe('fixture: new (no earlier build to compare with)\n');
  });

  it('compares only files when a manifest predates the content digest', () => {
    const { content: _dropped, ...older } = old;
    const diff = diffManifests(older, next);
    expect(diff.compared).toBe('files');
    expect(diffText([diff])).toBe(
      [
        'fixture: changed',
        '  (a manifest has no content digest (an older build): only input and output files were compared)',
        '  outputs',
        '    ~ fixture.html: content changed',
        '  inputs',
        '    ~ briefing.yaml: bytes 2841 → 2849, content changed',
        '    ~ data-points.yaml: bytes 1816 → 1807, content changed',
        '    ~ sections/01-trends.md: bytes 978 → 993, content changed',
        '    ~ sections/03-expert-opinions.md: bytes 761 → 797, content changed',
        '    ~ sections/04-data-points.md: content changed',
        '    ~ sources.yaml: bytes 1413 → 1477, content changed',
        '    ~ tables/key-roles.yaml: bytes 1258 → 1268, content changed',
        '',
      ].join('\n'),
    );
  });

  it('writes a Markdown job summary: every key figure with its change, warnings, other changes', () => {
    const markdown = diffMarkdown(diffBuilds([old], [next]));
    expect(markdown).toContain('| AI Security Engineer, MLSecOps, and AI Governance (`fixture`) | changed | 2 of 6 | fixture.html |');
    expect(markdown).toContain('| AI jobs as a share of software job postings | May 2024 | 6.10% | was 5.98%, +0.12 pp | Aura (2024) |');
    expect(markdown).toContain('| Job postings demanding AI skills | 2023 | 1.4% | source "ieee-spectrum-2025" → "aura-2024" | Aura (2024) |');
    expect(markdown).toContain('| Global work hours AI could automate by 2030 | By 2030 | over 30% |  | McKinsey (2024) |');
    // The 2023 figure's new source is not the one its paragraph cites: validation warns, the summary says so.
    expect(markdown).toContain('**Warnings:**\n- `data/fixture/sections/03-expert-opinions.md:10:1` BP204');
    expect(markdown).toContain('- Sources: added gartner-2024; changed nebulai-2024 (date 2024 → 2025)\n');
    expect(markdown).toContain('- Tables: changed key-roles (content changed)\n');
    expect(diffMarkdown(diffBuilds([], [next]))).toContain('First build: nothing earlier to compare with.');
  });
});

describe('briefpress diff', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'briefpress-diff-'));
    for (const [name, manifest] of [['old', old], ['new', next]] as const) {
      mkdirSync(join(dir, name, ID), { recursive: true });
      writeFileSync(join(dir, name, ID, 'manifest.json'), JSON.stringify(manifest));
    }
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'broken.json'), '{"briefing": 1}');
  });

  it('compares output folders, briefing folders or manifest files alike', async () => {
    const folders = await briefpress(['diff', join(dir, 'old'), join(dir, 'new')]);
    expect(folders.status).toBe(0);
    expect(folders.stdout).toContain('~ ai-share-software-postings-2024-05: 5.98% → 6.10% (+0.12 pp)');
    const files = await briefpress(['diff', join(dir, 'old', ID, 'manifest.json'), join(dir, 'new', ID)]);
    expect(files.stdout).toBe(folders.stdout);
  });

  it('prints JSON for machines and Markdown for job summaries; an empty folder is no build yet', async () => {
    const json = JSON.parse((await briefpress(['diff', join(dir, 'old'), join(dir, 'new'), '--json'])).stdout);
    expect(json.version).toBe(1);
    expect(json.briefings[0].dataPoints[0]).toMatchObject({ id: 'ai-share-software-postings-2024-05', status: 'changed', difference: { value: 0.12 } });
    const markdown = await briefpress(['diff', join(dir, 'empty'), join(dir, 'new'), '--format', 'markdown']);
    expect(markdown.status).toBe(0);
    expect(markdown.stdout).toContain('First build: nothing earlier to compare with.');
  });

  it('--exit-code exits 1 when the builds differ, 0 when not; --quiet prints nothing and implies it', async () => {
    const differs = await briefpress(['diff', join(dir, 'old'), join(dir, 'new'), '--exit-code']);
    expect(differs.status).toBe(1);
    expect(differs.stdout).toContain('~ ai-share-software-postings-2024-05');
    const same = await briefpress(['diff', join(dir, 'new'), join(dir, 'new'), '--exit-code']);
    expect(same.status).toBe(0);
    expect(same.stdout).toBe(`${ID}: unchanged\n`);
    expect(await briefpress(['diff', join(dir, 'old'), join(dir, 'new'), '-q'])).toEqual({ status: 1, stdout: '', stderr: '' });
    expect(await briefpress(['diff', join(dir, 'new'), join(dir, 'new'), '--quiet'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect((await briefpress(['diff', join(dir, 'old'), join(dir, 'new')])).status).toBe(0);
  });

  it('usage errors exit 2, and so does a file that is not a manifest (1 is for builds that differ)', async () => {
    expect((await briefpress(['diff', join(dir, 'old')])).stderr).toContain('diff compares two builds: briefpress diff OLD NEW');
    const missing = await briefpress(['diff', join(dir, 'nowhere'), join(dir, 'new')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nowhere: no such file or folder');
    expect((await briefpress(['diff', join(dir, 'old'), join(dir, 'new'), '--format', 'html'])).status).toBe(2);
    const broken = await briefpress(['diff', join(dir, 'broken.json'), join(dir, 'new')]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('is not a briefpress manifest: it lacks "briefing", "inputs" or "outputs"');
  });

  it('a manifest of the right outline but the wrong shape inside is one line, exit 2, never a stack trace (issue 31)', async () => {
    const malformed: [string, (m: Record<string, any>) => void][] = [
      ['inputs-not-files', (m) => (m.inputs = [1])],
      ['content-null', (m) => (m.content = null)],
      ['data-points-not-a-list', (m) => (m.content.dataPoints = 5)],
      ['unknown-unit', (m) => (m.content.dataPoints[0].unit = 'furlong')],
      ['value-not-a-number', (m) => (m.content.dataPoints[0].value = '6.1')],
      ['output-without-a-name', (m) => (m.outputs = [{ sha256: 'x' }])],
      ['warnings-not-a-list', (m) => (m.content.warnings = {})],
    ];
    for (const [name, spoil] of malformed) {
      const manifest = JSON.parse(JSON.stringify(next));
      spoil(manifest);
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(manifest));
      const run = await briefpress(['diff', join(dir, 'old', ID, 'manifest.json'), join(dir, `${name}.json`), '--format', 'markdown']);
      expect(run.status, `${name}: ${run.stderr}`).toBe(2);
      expect(run.stderr, name).toMatch(/^briefpress: \S+\.json is not a briefpress manifest: .+\n$/);
    }
  });
});
