// End to end: build the default briefing with the CLI, then read every output back with independent readers
// and compare with the data files.
import { existsSync, mkdtempSync, readFileSync, statSync, readdirSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ResolvedBriefing } from '../../pipeline/model/resolved.js';
import { briefpress, compiledBriefpress, type CliRun } from '../support/cli.js';
import { DEFAULT_BRIEFING_DIR, loadDefaultBriefing } from '../support/default-briefing.js';
import { pdfFonts, pdfInfo, pdfText, qpdfCheck } from '../support/pdf-tools.js';
import { sha256 } from '../../pipeline/model/hashing.js';

const ID = 'ai-security-workforce-2024';
let out: string;
let run: CliRun;
let briefing: ResolvedBriefing;
const file = (name: string) => join(out, ID, name);

beforeAll(async () => {
  briefing = await loadDefaultBriefing();
  out = mkdtempSync(join(tmpdir(), 'briefpress-build-'));
  run = await briefpress(['build', DEFAULT_BRIEFING_DIR, '--out', out]);
});

const normalize = (text: string) => text.replace(/\s+/g, ' ');
const ROLES = ['AI Security Engineer', 'MLSecOps Specialist', 'AI Governance/Compliance Lead', 'Prompt Injection Specialist'];
const PUBLISHERS = ['McKinsey', 'Aura', 'The Skills Coalition', 'IEEE Spectrum', 'Nebulai'];

describe('briefpress build (end to end)', () => {
  it('exits 0 and writes the four outputs, nothing else', () => {
    expect(run.stderr).toContain(`built ${ID}`);
    expect(run.status).toBe(0);
    expect(readdirSync(join(out, ID)).sort()).toEqual([`${ID}.html`, `${ID}.pdf`, `${ID}.xlsx`, 'manifest.json']);
  });

  it('PDF: every data point, role and publisher in its text; tagged, titled, fonts embedded, valid', () => {
    const text = normalize(pdfText(file(`${ID}.pdf`)));
    for (const point of briefing.dataPoints) expect(text).toContain(point.formatted);
    for (const role of ROLES) expect(text).toContain(role);
    for (const publisher of PUBLISHERS) expect(text).toContain(publisher);
    const info = pdfInfo(file(`${ID}.pdf`));
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe(`${briefing.meta.title}: ${briefing.meta.subtitle}`);
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(2);
    expect(pdfFonts(file(`${ID}.pdf`)).every((f) => f.embedded)).toBe(true);
    expect(qpdfCheck(file(`${ID}.pdf`))).toContain('No syntax or stream encoding errors');
  });

  it('HTML: the same facts, no script and no external load', () => {
    const html = readFileSync(file(`${ID}.html`), 'utf8');
    const text = normalize(html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' '));
    for (const point of briefing.dataPoints) expect(text).toContain(point.formatted);
    for (const role of ROLES) expect(text).toContain(role);
    for (const publisher of PUBLISHERS) expect(text).toContain(publisher);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)="(?!#|data:)/);
  });

  it('workbook: the roles table and the data values, read back by SheetJS', () => {
    const workbook = XLSX.read(readFileSync(file(`${ID}.xlsx`)), { type: 'buffer' });
    const rows = (sheet: string) => XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[sheet]!, { header: 1, raw: true });
    const roleCells = rows('Key AI cybersecurity roles').flat();
    for (const row of briefing.tables[0]!.table.rows) for (const value of Object.values(row)) expect(roleCells).toContain(value);
    const dataCells = rows('Data').flat();
    for (const point of briefing.dataPoints) {
      expect(dataCells).toContain(point.id);
      expect(dataCells.some((cell) => typeof cell === 'number' && Math.abs(cell - point.value / 100) < 1e-12)).toBe(true);
    }
  });

  it('manifest: input and output hashes, sizes and tool versions', () => {
    const manifest = JSON.parse(readFileSync(file('manifest.json'), 'utf8'));
    expect(manifest.briefing).toBe(ID);
    expect(manifest.inputs.map((i: { path: string }) => i.path)).toContain('data-points.yaml');
    for (const output of manifest.outputs) {
      const bytes = readFileSync(file(output.file));
      expect(output.sha256).toBe(sha256(bytes));
      expect(output.bytes).toBe(bytes.length);
    }
    expect(Object.keys(manifest.versions)).toEqual(expect.arrayContaining(['node', 'puppeteer', 'vega', 'vega-lite', 'exceljs']));
  });

  it('the same numbers in all three formats: PDF text, HTML text and the workbook\'s formatted cells', () => {
    const pdf = normalize(pdfText(file(`${ID}.pdf`)));
    const html = normalize(readFileSync(file(`${ID}.html`), 'utf8').replace(/<[^>]+>/g, ' '));
    const workbook = XLSX.read(readFileSync(file(`${ID}.xlsx`)), { type: 'buffer', cellNF: true });
    const dataSheet = workbook.Sheets.Data!;
    const shown = Object.entries(dataSheet).filter(([ref]) => !ref.startsWith('!')).map(([, cell]) => (cell as XLSX.CellObject).w);
    for (const point of briefing.dataPoints) {
      const value = point.formatted;
      expect(pdf, `PDF shows ${point.id}`).toContain(value);
      expect(html, `HTML shows ${point.id}`).toContain(value);
      expect(shown, `workbook shows ${point.id}`).toContain(value);
    }
  });

  it('the workbook has the PDF\'s title, subject, author and keywords, and charts drawing its cells', () => {
    const info = pdfInfo(file(`${ID}.pdf`));
    const workbook = XLSX.read(readFileSync(file(`${ID}.xlsx`)), { type: 'buffer' });
    expect(workbook.Props).toMatchObject({ Title: info.Title, Subject: info.Subject, Keywords: briefing.meta.keywords.join(', ') });
    // both name the briefing's author, or (as here, where it names none) no one
    expect(workbook.Props?.Author).toBe(info.Author);
    const entries = XLSX.CFB.read(readFileSync(file(`${ID}.xlsx`)), { type: 'buffer' }).FullPaths.filter((path: string) => /xl\/charts\/chart\d+\.xml$/.test(path));
    expect(entries).toHaveLength(briefing.charts.length);
  });

  it('SOURCE_DATE_EPOCH dates the workbook, and a malformed one is a usage error', async () => {
    const dated = mkdtempSync(join(tmpdir(), 'briefpress-epoch-'));
    expect((await briefpress(['build', DEFAULT_BRIEFING_DIR, '--out', dated, '--formats', 'xlsx'], { env: { SOURCE_DATE_EPOCH: '1750000000' } })).status).toBe(0);
    const props = XLSX.read(readFileSync(join(dated, ID, `${ID}.xlsx`)), { type: 'buffer' }).Props!;
    expect(props.ModifiedDate).toEqual(new Date(1750000000 * 1000));
    const bad = await briefpress(['build', DEFAULT_BRIEFING_DIR, '--out', dated, '--formats', 'xlsx'], { env: { SOURCE_DATE_EPOCH: 'yesterday' } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('SOURCE_DATE_EPOCH is a whole number of seconds since 1970; got "yesterday"');
  });

  it('invalid data: exit 1, a positioned diagnostic, and the previous outputs untouched', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'briefpress-broken-')), ID);
    cpSync(DEFAULT_BRIEFING_DIR, broken, { recursive: true });
    const points = join(broken, 'data-points.yaml');
    writeFileSync(points, readFileSync(points, 'utf8').replace('source: aura-2024', 'source: aura'));
    const before = readdirSync(join(out, ID)).map((name) => [name, statSync(file(name)).mtimeMs, sha256(readFileSync(file(name)))]);
    const failed = await briefpress(['build', broken, '--out', out]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/data-points\.yaml:\d+:13 error BP301 data point "ai-share-software-postings-2024-05" names source "aura"/);
    expect(failed.stderr).toContain('nothing was written');
    expect(readdirSync(join(out, ID)).map((name) => [name, statSync(file(name)).mtimeMs, sha256(readFileSync(file(name)))])).toEqual(before);
  });

  it('usage errors exit 2 with a message', async () => {
    const bad = await briefpress(['build', '--outputs', 'docx']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--outputs takes a comma-separated list of pdf, html, xlsx');
    expect((await briefpress(['frobnicate'])).status).toBe(2);
    for (const [option, value] of [['--concurrency', '0'], ['--recycle-after', 'x']] as const) {
      const run = await briefpress(['build', option, value]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`${option} takes a whole number of at least 1; got "${value}"`);
    }
  });

  it('validate checks without writing, and build --help documents the options', async () => {
    const validated = await briefpress(['validate', DEFAULT_BRIEFING_DIR]);
    expect(validated.status).toBe(0);
    expect(validated.stderr).toContain(`validated ${ID}: 0 errors, 0 warnings`);
    const help = await briefpress(['build', '--help']);
    expect(help.status).toBe(0);
    for (const option of ['--out', '--outputs', '--page-size', '--force', '--concurrency', '--recycle-after', '--shard']) expect(help.stdout).toContain(option);
  });
});

describe('the compiled CLI (dist/, as npm run briefing and users run it)', () => {
  it('validates and builds the default briefing from its bundles, byte for byte what the sources build', () => {
    expect(existsSync('dist/pipeline/cli.js'), 'run npm run compile (npm test does) before the suite').toBe(true);
    const validated = compiledBriefpress(['validate', DEFAULT_BRIEFING_DIR, '--strict']);
    expect(validated.stderr).toContain(`validated ${ID}: 0 errors, 0 warnings`);
    expect(validated.status).toBe(0);
    const again = mkdtempSync(join(tmpdir(), 'briefpress-compiled-'));
    const built = compiledBriefpress(['build', DEFAULT_BRIEFING_DIR, '--out', again]);
    expect(built.status, built.stderr).toBe(0);
    expect(readdirSync(join(again, ID)).sort()).toEqual([`${ID}.html`, `${ID}.pdf`, `${ID}.xlsx`, 'manifest.json']);
    // Another process, another thread pool, the bundles instead of the sources: the same input, the same bytes.
    for (const name of [`${ID}.pdf`, `${ID}.html`, `${ID}.xlsx`]) {
      expect(sha256(readFileSync(join(again, ID, name))), name).toBe(sha256(readFileSync(file(name))));
    }
  });
});
