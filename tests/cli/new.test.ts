import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { fillScaffold, nameSchemas, readScaffold, titleFromId, type ScaffoldFile } from '../../pipeline/cli/scaffold.js';
import {
  briefingFileSchema, chartFileSchema, dataPointSchema, dataPointsFileSchema, sectionRefSchema, sourceSchema, sourcesFileSchema, tableFileSchema,
} from '../../pipeline/model/schema.js';
import { briefpress } from '../support/cli.js';
import { pdfInfo, pdfText } from '../support/pdf-tools.js';

const ID = 'quarterly-threat-report';
let files: ScaffoldFile[];
let parent: string;
const folder = () => join(parent, ID);

beforeAll(async () => {
  files = await readScaffold();
  parent = mkdtempSync(join(tmpdir(), 'briefpress-new-'));
});

const yamlOf = (path: string) => parse(files.find((f) => f.path === path)!.text) as Record<string, unknown>;
/** Every key used by any of the mappings. */
const keysOf = (items: unknown) => new Set((items as Record<string, unknown>[]).flatMap((item) => Object.keys(item)));

describe('scaffold', () => {
  it('shows an example of every field the schema knows', () => {
    const briefing = yamlOf('briefing.yaml');
    expect(Object.keys(briefing)).toEqual(Object.keys(briefingFileSchema.shape));
    expect([...keysOf(briefing.sections)]).toEqual(Object.keys(sectionRefSchema.shape));
    const points = yamlOf('data-points.yaml');
    expect(Object.keys(points)).toEqual(Object.keys(dataPointsFileSchema.shape));
    expect([...keysOf(points.dataPoints)].sort()).toEqual(Object.keys(dataPointSchema.shape).sort());
    const sources = yamlOf('sources.yaml');
    expect(Object.keys(sources)).toEqual(Object.keys(sourcesFileSchema.shape));
    expect([...keysOf(sources.sources)].sort()).toEqual(Object.keys(sourceSchema.shape).sort());
    expect((sources.sources as unknown[]).length).toBe(2);
    expect(Object.keys(yamlOf('tables/example-practices.yaml'))).toEqual(Object.keys(tableFileSchema.shape));
    expect(Object.keys(yamlOf('charts/example-share.yaml'))).toEqual(Object.keys(chartFileSchema.shape));
  });

  it('fills in the id, a title (quoted safely) and the date', () => {
    const filled = fillScaffold(files, { id: ID, title: 'Threats, "quoted" \\ and all', date: '2025-03-04' });
    const briefing = parse(filled.find((f) => f.path === 'briefing.yaml')!.text);
    expect(briefing.title).toBe('Threats, "quoted" \\ and all');
    expect(briefing.date).toBe('2025-03-04');
    expect(filled.find((f) => f.path === 'briefing.yaml')!.text).toContain(`briefpress validate data/${ID}`);
    expect(filled.some((f) => /__(ID|TITLE|DATE)__/.test(f.text))).toBe(false);
    expect(titleFromId(ID)).toBe('Quarterly threat report');
  });
});

describe('briefpress new', () => {
  it('writes a briefing that validates with no diagnostics and builds every format', async () => {
    const created = await briefpress(['new', ID, '--dir', parent]);
    expect(created.status).toBe(0);
    expect(created.stderr).toContain(`created ${folder()}/`);
    expect(readdirSync(folder(), { recursive: true }).map(String).sort()).toEqual(
      ['briefing.yaml', 'charts', 'charts/example-share.yaml', 'data-points.yaml', 'sections', 'sections/01-findings.md', 'sections/02-at-a-glance.md', 'sources.yaml', 'tables', 'tables/example-practices.yaml'],
    );

    const validated = await briefpress(['validate', folder()]);
    expect(validated.stderr).toBe(`validated ${ID}: 0 errors, 0 warnings\n`);
    expect(validated.status).toBe(0);

    const browserless = await briefpress(['build', folder(), '--out', join(parent, 'out-html'), '--outputs', 'html,xlsx']);
    expect(browserless.status).toBe(0);
    expect(readdirSync(join(parent, 'out-html', ID)).sort()).toEqual(['manifest.json', `${ID}.html`, `${ID}.xlsx`]);
    const workbook = XLSX.read(readFileSync(join(parent, 'out-html', ID, `${ID}.xlsx`)), { type: 'buffer' });
    expect(XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets.Data!, { header: 1 }).flat()).toContain('example-share-2024');

    // Under --strict too: no stage, the charts' drawing included, has anything to say of the scaffold.
    const full = await briefpress(['build', folder(), '--out', join(parent, 'out'), '--strict']);
    expect(full.stderr).not.toMatch(/warning|error/);
    expect(full.status).toBe(0);
    expect(JSON.parse(readFileSync(join(parent, 'out', ID, 'manifest.json'), 'utf8')).content.warnings).toEqual([]);
    const text = pdfText(join(parent, 'out', ID, `${ID}.pdf`)).replace(/\s+/g, ' ');
    for (const expected of ['Quarterly threat report', '12.5%', 'over 20%', '$1.25 million', '+7.5 pp', 'Example Research', 'Example Agency', 'First example practice']) expect(text).toContain(expected);
    // No placeholder reaches the PDF, its metadata or the HTML.
    expect(text).not.toContain('{{');
    expect(JSON.stringify(pdfInfo(join(parent, 'out', ID, `${ID}.pdf`)))).not.toContain('{{');
    expect(readFileSync(join(parent, 'out', ID, `${ID}.html`), 'utf8')).not.toContain('{{');
  });

  it('--strict judges the whole log after the last stage: a warning from drawing a chart is exit 1 with nothing written', async () => {
    const dir = join(parent, 'chart-warning');
    expect((await briefpress(['new', 'chart-warning', '--dir', parent, '-q'])).status).toBe(0);
    // Validation has nothing to say of this spec; only drawing it, with the value labels, makes Vega-Lite warn.
    const chart = join(dir, 'charts', 'example-share.yaml');
    writeFileSync(chart, readFileSync(chart, 'utf8').replace('sort: null }', 'sort: { field: periodStart } }'));
    expect((await briefpress(['validate', dir, '--strict', '-q'])).status).toBe(0);

    const strict = await briefpress(['build', dir, '--out', join(parent, 'out-strict'), '--strict']);
    expect(strict.stderr).toMatch(/charts\/example-share\.yaml:\d+:\d+ error BP404/);
    expect(strict.stderr).toContain('nothing was written');
    expect(strict.status).toBe(1);
    expect(existsSync(join(parent, 'out-strict'))).toBe(false);

    // Without --strict it is a warning, recorded in the manifest, and the outputs are written.
    const lenient = await briefpress(['build', dir, '--out', join(parent, 'out-lenient'), '--outputs', 'html']);
    expect(lenient.stderr).toMatch(/warning BP404/);
    expect(lenient.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(parent, 'out-lenient', 'chart-warning', 'manifest.json'), 'utf8'));
    expect(new Set(manifest.content.warnings.map((w: { code: string }) => w.code))).toEqual(new Set(['BP404']));
  });

  it('names in every data file a JSON Schema that exists, by a path from where it wrote: data/, or --dir anywhere', async () => {
    const MODELINE = /^# yaml-language-server: \$schema=(\S+)$/;
    const expectedSchema = (path: string) =>
      path.startsWith('tables/') ? 'table.schema.json' : path.startsWith('charts/') ? 'chart.schema.json' : path.replace(/\.yaml$/, '.schema.json');
    const dataFiles = files.filter((f) => f.path.endsWith('.yaml')).map((f) => f.path);
    expect(dataFiles).toHaveLength(5);

    // `briefpress new x` writes to data/x: the same line as the default briefing's files and the README show.
    const inData = nameSchemas(files, join('data', 'x'));
    for (const path of dataFiles) {
      const reference = MODELINE.exec(inData.find((f) => f.path === path)!.text.split('\n')[0]!)?.[1];
      expect(reference, path).toBe(`${path.includes('/') ? '../../../' : '../../'}schema/${expectedSchema(path)}`);
    }
    expect(inData.filter((f) => f.path.endsWith('.md'))).toEqual(files.filter((f) => f.path.endsWith('.md')));

    // --dir somewhere else, given relative to the working folder and given absolute.
    for (const dir of [relative(process.cwd(), join(parent, 'somewhere', 'else')), join(parent, 'absolute')]) {
      expect((await briefpress(['new', 'x', '--dir', dir, '-q'])).status).toBe(0);
      for (const path of dataFiles) {
        const written = join(dir, 'x', path);
        const reference = MODELINE.exec(readFileSync(written, 'utf8').split('\n')[0]!)?.[1];
        expect(reference, written).toBeDefined();
        const target = resolve(dirname(written), reference!);
        expect(target, written).toBe(resolve('schema', expectedSchema(path)));
        expect(existsSync(target), written).toBe(true);
      }
      expect((await briefpress(['validate', join(dir, 'x'), '--strict', '-q'])).status).toBe(0);
    }
  });

  it('never touches an existing folder', async () => {
    const existing = join(parent, 'existing');
    await briefpress(['new', 'existing', '--dir', parent]);
    writeFileSync(join(existing, 'briefing.yaml'), 'mine');
    const again = await briefpress(['new', 'existing', '--dir', parent]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`${existing} already exists`);
    expect(readFileSync(join(existing, 'briefing.yaml'), 'utf8')).toBe('mine');
  });

  it('refuses an id that is not a slug, and a missing id', async () => {
    for (const id of ['Threat Report', '../escape', 'trailing-']) {
      const refused = await briefpress(['new', id, '--dir', parent]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('cannot be a briefing id');
    }
    expect(existsSync(join(parent, '..', 'escape'))).toBe(false);
    expect((await briefpress(['new'])).status).toBe(2);
  });

  it('refuses an id too long to name a folder with one line, not a stack trace (ENAMETOOLONG)', async () => {
    const refused = await briefpress(['new', 'a'.repeat(300), '--dir', parent]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^briefpress: "a{300}" cannot be a briefing id: use at most 64 lowercase letters/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  });
});
