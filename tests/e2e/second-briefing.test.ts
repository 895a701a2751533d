// End to end with both briefings: build them in one run, then read every figure the second briefing encodes from
// its source document back from its PDF (pdftotext), its HTML and its workbook (SheetJS), and check that no
// placeholder survives in any output of either briefing, metadata included.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { parse } from 'yaml';
import { fileReader } from '../../pipeline/driver/file-reader.js';
import { checkBriefing } from '../../pipeline/driver/check.js';
import type { ResolvedBriefing } from '../../pipeline/model/resolved.js';
import { storedValue } from '../../pipeline/model/units.js';
import { briefpress, type CliRun } from '../support/cli.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';
import { pdfInfo, pdfText } from '../support/pdf-tools.js';

const ID = 'cost-of-a-data-breach-2024';
const DIR = `data/${ID}`;
const DEFAULT_ID = 'ai-security-workforce-2024';
let out: string;
let run: CliRun;
let briefing: ResolvedBriefing;
const file = (id: string, ext: string) => join(out, id, `${id}.${ext}`);
const normalize = (text: string) => text.replace(/\s+/g, ' ');

/**
 * The data points whose value the source document states (a derived one may state it too), not the computed ones:
 * those of data-points.yaml without a value (every row of its CSV file has one).
 */
const stated = () => {
  const entries = (parse(readFileSync(join(DIR, 'data-points.yaml'), 'utf8')) as { dataPoints: { id: string; value?: number }[] }).dataPoints;
  const computed = new Set(entries.filter((e) => e.value === undefined).map((e) => e.id));
  return briefing.dataPoints.filter((p) => !computed.has(p.id));
};
/** A change may be written with its sign or with a direction word ("rose nearly 11%"). */
const printed = (text: string, formatted: string) => text.includes(formatted) || text.includes(formatted.replace(/^[+\u2212]/, ''));

beforeAll(async () => {
  const checked = await checkBriefing(DIR, fileReader);
  briefing = checked.resolved!;
  out = mkdtempSync(join(tmpdir(), 'briefpress-second-'));
  run = await briefpress(['build', DIR, DEFAULT_BRIEFING_DIR, '--strict', '--out', out]);
}, 180_000);

describe('the second briefing (end to end)', () => {
  it('builds with the default briefing, under --strict', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`built ${ID}`);
    expect(run.stderr).toContain(`built ${DEFAULT_ID}`);
    expect(stated().length).toBeGreaterThanOrEqual(40);
  });

  it('PDF: every stated figure, read back by pdftotext', () => {
    const text = normalize(pdfText(file(ID, 'pdf')));
    for (const point of stated()) expect(printed(text, point.formatted), `${point.id}: ${point.formatted}`).toBe(true);
    for (const publisher of ['Continuity Insights', 'SME Horizon', '10Guards', 'RTÉ News', 'Government Transformation']) expect(text).toContain(publisher);
    expect(text).toContain('https://www.rte.ie/news/business/2024/0730/1462551-data-breach-cost');
  });

  it('HTML: every stated figure, the sources with their links', () => {
    const html = readFileSync(file(ID, 'html'), 'utf8');
    const text = normalize(html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&'));
    for (const point of stated()) expect(printed(text, point.formatted), `${point.id}: ${point.formatted}`).toBe(true);
    for (const source of briefing.sources.filter((s) => s.url)) expect(html).toContain(`<a href="${source.url}">`);
    expect(html).toMatch(/<td data-label="Change" class="numeric">\u2212\$0\.12 million<\/td>/);
  });

  it('workbook: every data point a number holding the real quantity, tables on their own sheets, read back by SheetJS', () => {
    const book = XLSX.read(readFileSync(file(ID, 'xlsx')), { type: 'buffer', cellNF: true });
    expect(book.SheetNames).toEqual(['Overview', 'Costs by region', 'Attack vectors', 'Data', 'Charts', 'Sources', 'About']);
    const data = book.Sheets.Data!;
    const header = XLSX.utils.sheet_to_json<string[]>(data, { header: 1 })[0]!;
    const [idColumn, valueColumn] = ['ID', 'Value'].map((name) => XLSX.utils.encode_col(header.indexOf(name)));
    const rowOf = new Map(XLSX.utils.sheet_to_json<Record<string, unknown>>(data).map((row, i) => [String(row.ID), i + 2]));
    expect(rowOf.size).toBe(briefing.dataPoints.length);
    for (const point of briefing.dataPoints) {
      expect(data[`${idColumn}${rowOf.get(point.id)}`]?.v).toBe(point.id);
      expect(data[`${valueColumn}${rowOf.get(point.id)}`], point.id).toMatchObject({ t: 'n', v: storedValue(point, point.value) });
    }
    const global = data[`${valueColumn}${rowOf.get('global-average-cost-2024')}`]!;
    expect(global).toMatchObject({ v: 4880000, z: '"$"#,##0.00,," million"', w: '$4.88 million' });
    const regions = book.Sheets['Costs by region']!;
    expect(regions.B4).toMatchObject({ t: 'n', v: 9480000 });
    expect(regions.D4).toMatchObject({ t: 'n', v: -120000 });
    expect(book.Sheets['Attack vectors']!.B4).toMatchObject({ t: 'n', v: 0.16 });
    const sources = XLSX.utils.sheet_to_csv(book.Sheets.Sources!);
    expect(sources).toContain('31 July 2024');
    expect(sources).toContain('ibm-codb-2024');
  });

  it('no placeholder survives in any output or metadata of either briefing', () => {
    for (const id of [ID, DEFAULT_ID]) {
      expect(pdfText(file(id, 'pdf')), id).not.toContain('{{');
      expect(JSON.stringify(pdfInfo(file(id, 'pdf'))), id).not.toContain('{{');
      expect(execFileSync('pdfinfo', ['-meta', file(id, 'pdf')], { encoding: 'utf8' }), `${id} XMP`).not.toContain('{{');
      expect(readFileSync(file(id, 'html'), 'utf8'), id).not.toContain('{{');
      const book = XLSX.read(readFileSync(file(id, 'xlsx')), { type: 'buffer' });
      for (const name of book.SheetNames) expect(XLSX.utils.sheet_to_csv(book.Sheets[name]!), `${id} ${name}`).not.toContain('{{');
      expect(JSON.stringify(book.Props), id).not.toContain('{{');
    }
  });
});
