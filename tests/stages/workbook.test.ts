import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import type { ChartSvg } from '../../pipeline/model/chart-spec.js';
import type { ResolvedBriefing } from '../../pipeline/model/resolved.js';
import { renderCharts } from '../../pipeline/stages/charts/index.js';
import { buildWorkbook, type WorkbookInput } from '../../pipeline/stages/workbook/index.js';
import { excelName, storedValue } from '../../pipeline/stages/workbook/layout.js';
import { changedBriefing, loadDefaultBriefing } from '../support/default-briefing.js';

const SHEETS = ['Overview', 'Roles', 'Data', 'Charts', 'Sources', 'About'];
const ROLES = ['AI Security Engineer', 'MLSecOps Specialist', 'AI Governance/Compliance Lead', 'Prompt Injection Specialist'];
const BUILD: WorkbookInput['build'] = { toolVersion: '0.0.0-test', inputHash: 'ab'.repeat(32), builtAt: new Date('2024-03-05T06:07:08Z') };

let briefing: ResolvedBriefing;
let charts: ChartSvg[];
let bytes: Uint8Array;
let book: XLSX.WorkBook;

beforeAll(async () => {
  briefing = await loadDefaultBriefing();
  ({ charts } = await renderCharts(briefing));
  bytes = await buildWorkbook({ briefing, charts, build: BUILD });
  book = read(bytes);
});

const read = (data: Uint8Array) => XLSX.read(data, { type: 'buffer', cellDates: true, cellNF: true });
const sheet = (name: string, from = book) => from.Sheets[name]!;
const cell = (sheetName: string, address: string, from = book) => sheet(sheetName, from)[address] as XLSX.CellObject & { l?: { Target: string } };
const column = (sheetName: string, col: string, from = book) => XLSX.utils.sheet_to_json<unknown[]>(sheet(sheetName, from), { header: 1 }).map((row) => row[XLSX.utils.decode_col(col)]);

/** The package's parts as text, read with SheetJS's own zip reader (which adds a marker entry of its own). */
function parts(data: Uint8Array): Map<string, { text: string; modified: Date }> {
  const zip = XLSX.CFB.read(data, { type: 'buffer' });
  const found = new Map<string, { text: string; modified: Date }>();
  zip.FullPaths.forEach((path: string, i: number) => {
    const entry = zip.FileIndex[i];
    if (entry.type === 2 && !entry.name.startsWith('\u0001')) found.set(path.replace(/^Root Entry\//, ''), { text: Buffer.from(entry.content).toString('utf8'), modified: entry.mt });
  });
  return found;
}
const part = (name: string, data = bytes) => parts(data).get(name)?.text ?? '';

describe('workbook', () => {
  it('has the sheets in order and opens on the Overview', () => {
    expect(book.SheetNames).toEqual(SHEETS);
    expect(part('xl/workbook.xml')).toContain('activeTab="0"');
  });

  it('stores every data point as a number with its format, real dates and a linked source', () => {
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet('Data'));
    expect(rows.map((r) => r.ID)).toEqual(briefing.dataPoints.map((p) => p.id));
    expect(cell('Data', 'C2')).toMatchObject({ t: 'n', v: 0.0598, z: '0.00%', w: '5.98%' });
    expect(cell('Data', 'C3')).toMatchObject({ t: 'n', v: 0.054, z: '0.0%', w: '5.4%' });
    expect(cell('Data', 'C6')).toMatchObject({ t: 'n', v: 0.373, z: '0.0%' });
    expect(cell('Data', 'C7')).toMatchObject({ t: 'n', v: 0.3, z: '0%' });
    expect(cell('Data', 'E7')).toMatchObject({ t: 's', v: 'over' });
    expect(cell('Data', 'G2')).toMatchObject({ t: 'd', v: new Date('2024-05-01T00:00:00Z'), z: 'yyyy-mm-dd' });
    expect(cell('Data', 'H2')).toMatchObject({ t: 'd', v: new Date('2024-05-31T00:00:00Z') });
    // Aura is the first source the narrative cites, so number 1, on row 2 of Sources.
    expect(cell('Data', 'I2')).toMatchObject({ t: 'n', v: 1 });
    expect(cell('Data', 'J2')).toMatchObject({ t: 's', v: 'Aura' });
    expect(cell('Data', 'J2').l?.Target).toBe("#'Sources'!A2");
    expect(cell('Sources', 'C2').v).toBe('Aura');
  });

  it('names each data point value cell', () => {
    const names = new Map((book.Workbook?.Names ?? []).map((n) => [n.Name, n.Ref]));
    expect(names.get('Ai_Market_Cagr_2023_2030')).toBe('Data!$C$6');
    expect(cell('Data', 'C6').v).toBe(0.373);
    for (const [i, point] of briefing.dataPoints.entries()) expect(names.get(excelName(point.id))).toBe(`Data!$C$${i + 2}`);
  });

  it('puts the roles table, under its number, title and caption, in a native Excel table with filters and banded rows', () => {
    expect(column('Roles', 'A')).toEqual([
      'Table 1. Key AI cybersecurity roles created or transformed in 2024',
      'Summary of the four roles described in this briefing.',
      'Role',
      ...ROLES,
    ]);
    expect(cell('Roles', 'B4')).toMatchObject({ t: 's', v: 'Securing AI/ML models, adversarial defense' });
    expect(cell('Roles', 'C3')).toMatchObject({ t: 's', v: 'Demand driver' });
    const table = part('xl/tables/table1.xml');
    expect(table).toMatch(/name="tbl_Key_Roles" displayName="tbl_Key_Roles" ref="A3:C7"/);
    expect(table).toContain('<autoFilter ref="A3:C7">');
    expect(table).toContain('showRowStripes="1"');
    expect(part('xl/tables/table2.xml')).toContain('name="tbl_DataPoints"');
  });

  it('numbers sources in order of first citation and lists what cites them', () => {
    const order = ['aura-2024', 'skills-coalition-2024', 'mckinsey-2024', 'nebulai-2024', 'ieee-spectrum-2025'];
    const publishers = order.map((key) => briefing.sourcesByKey.get(key)!.publisher);
    expect(publishers).toEqual(['Aura', 'The Skills Coalition', 'McKinsey', 'Nebulai', 'IEEE Spectrum']);
    expect(column('Sources', 'A').slice(0, 6)).toEqual(['No.', 1, 2, 3, 4, 5]);
    expect(column('Sources', 'B').slice(1, 6)).toEqual(order);
    expect(column('Sources', 'C').slice(1, 6)).toEqual(publishers);
    expect(cell('Sources', 'G2').v).toBe('ai-share-software-postings-2024-05\nai-share-software-postings-2024-08');
    expect(cell('Sources', 'H5').v).toBe('Specific examples and roles\nImpact on the cybersecurity workforce and job market');
    expect(column('Sources', 'I').slice(1, 6)).toEqual([2, 3, 1, 5, 4]);
    expect(column('Sources', 'A')).toContain('Editorial note');
    expect(XLSX.utils.sheet_to_csv(sheet('Sources'))).toContain(briefing.briefing.sourcesEditorialNote);
  });

  it('opens with the title, summary, key figures and links to every sheet', () => {
    expect(cell('Overview', 'A1').v).toBe(briefing.meta.title);
    expect(cell('Overview', 'A2').v).toBe(briefing.meta.subtitle);
    const overview = XLSX.utils.sheet_to_csv(sheet('Overview'));
    for (const value of ['5.98%', '5.4%', '1.4%', '1.8%', '37.3%', 'over 30%', 'Public', 'Security leaders, CISOs and workforce planners']) expect(overview).toContain(value);
    expect(overview).toContain('postings demanding AI skills rose from 1.4% in 2023 to 1.8% in 2024');
    expect(part('xl/worksheets/sheet1.xml')).toMatch(/<mergeCell ref="A9:D9"\/>/);
    const links = Object.values(sheet('Overview')).flatMap((c) => ((c as { l?: { Target: string } }).l ? [(c as { l: { Target: string } }).l.Target] : []));
    for (const name of SHEETS.slice(1)) expect(links).toContain(`#'${name}'!A1`);
  });

  it('writes links to cells as locations, not as external files', () => {
    const overview = part('xl/worksheets/sheet1.xml');
    expect(overview).toContain('<hyperlink ref="A21" location="&apos;Roles&apos;!A1"/>');
    expect(overview).not.toMatch(/<hyperlink[^>]*r:id/);
    expect(part('xl/worksheets/_rels/sheet1.xml.rels')).not.toContain('hyperlink');
  });

  it('shows each chart at its 1x size, numbered as the PDF places them, with its caption', () => {
    const media = [...parts(bytes).keys()].filter((name) => name.startsWith('xl/media/'));
    expect(media).toHaveLength(3);
    const titles = column('Charts', 'A').filter((v): v is string => typeof v === 'string' && v.startsWith('Figure'));
    expect(titles).toEqual([
      'Figure 1. AI jobs as a share of software job postings, 2024',
      'Figure 2. AI market size implied by a 37.3% CAGR, 2023 = 1.0',
      'Figure 3. Job postings demanding AI skills, 2023 and 2024',
    ]);
    expect(column('Charts', 'A')).toContain('Source: Aura (2024).');
    const extents = [...part('xl/drawings/drawing1.xml').matchAll(/<xdr:ext cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const byId = new Map(charts.map((c) => [c.id, c]));
    const placed = ['ai-share-software-postings', 'ai-market-growth-projection', 'postings-demanding-ai-skills'].map((id) => byId.get(id)!);
    // 9525 EMU per pixel.
    expect(extents).toEqual(placed.map((c) => [c.width * 9525, c.height * 9525]));
  });

  it('records what it was built from', () => {
    expect(column('About', 'A').slice(0, 5)).toEqual(['Briefing', 'Title', 'Built (UTC)', 'Input hash (SHA-256)', 'Tool']);
    expect(cell('About', 'B1').v).toBe('ai-security-workforce-2024');
    expect(cell('About', 'B3')).toMatchObject({ t: 'd', v: BUILD.builtAt });
    expect(cell('About', 'B4').v).toBe(BUILD.inputHash);
    expect(cell('About', 'B5').v).toBe('briefpress 0.0.0-test');
  });

  it('sets document properties from the briefing, dated by it', () => {
    expect(book.Props).toMatchObject({
      Title: `${briefing.meta.title}: ${briefing.meta.subtitle}`,
      Subject: briefing.meta.subtitle,
      Author: 'briefpress',
      Keywords: briefing.meta.keywords.join(', '),
      CreatedDate: new Date('2024-01-01T00:00:00Z'),
      ModifiedDate: new Date('2024-01-01T00:00:00Z'),
    });
  });

  it('sets up every sheet to view and print: zoom, frozen header, fit to width, header and footer', () => {
    const names = book.Workbook?.Names ?? [];
    SHEETS.forEach((name, i) => {
      const xml = part(`xl/worksheets/sheet${i + 1}.xml`);
      expect(xml, name).toContain('zoomScale="100"');
      expect(xml, name).toContain('<pageSetUpPr fitToPage="1"/>');
      expect(xml, name).toMatch(/fitToWidth="1" fitToHeight="0"/);
      expect(xml, name).toContain('<oddHeader>&amp;LAI Security Engineer, MLSecOps, and AI Governance&amp;R&amp;A</oddHeader>');
      expect(xml, name).toContain('<oddFooter>&amp;LPublic&amp;RPage &amp;P of &amp;N</oddFooter>');
      const headerRow = { Roles: 3, Data: 1, Sources: 1 }[name];
      expect(xml, name).toContain(headerRow ? `<pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/>` : 'showGridLines="0"');
      const printTitles = names.filter((n) => n.Name === '_xlnm.Print_Titles' && n.Sheet === i).map((n) => n.Ref);
      expect(printTitles, name).toEqual(headerRow ? [`'${name}'!$${headerRow}:$${headerRow}`] : []);
    });
    expect(part('xl/worksheets/sheet3.xml')).toContain('orientation="landscape"');
    for (const name of ['Roles', 'Data', 'Sources']) {
      for (const width of (sheet(name)['!cols'] ?? []).map((c) => c?.width ?? 0)) expect(width).toBeLessThanOrEqual(60);
    }
    const styles = part('xl/styles.xml');
    expect(new Set([...styles.matchAll(/<name val="([^"]+)"\/>/g)].map((m) => m[1]))).toEqual(new Set(['Calibri']));
    expect(styles).toMatch(/<fill><patternFill patternType="solid"><fgColor rgb="FF1B2330"\/>/);
  });

  it('gives the same bytes for the same input, zip entries dated by the briefing', async () => {
    const again = await buildWorkbook({ briefing, charts, build: BUILD });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    for (const [name, { modified }] of parts(bytes)) expect(modified, name).toEqual(new Date('2024-01-01T00:00:00Z'));
  });

  it('keeps text that looks like a formula as text, and numbers as numbers', async () => {
    const hostile = ['=HYPERLINK("https://example.com","x")', '+1+1', '-2+3', '@SUM(1,2)', '\t=1', '\r=1'];
    const [table] = briefing.briefing.tables;
    const changed = changedBriefing(briefing, {
      dataPoints: briefing.briefing.dataPoints.map((p, i) => (i === 0 ? { ...p, label: hostile[0]! } : p)),
      tables: [{ ...table!, rows: hostile.map((text) => ({ role: text, coreFocus: text, demandDriver: text })) }],
    });
    const data = await buildWorkbook({ briefing: changed, charts, build: BUILD });
    const changedBook = read(data);
    expect(cell('Data', 'B2', changedBook)).toMatchObject({ t: 's', v: hostile[0] });
    expect(cell('Data', 'B2', changedBook).f).toBeUndefined();
    hostile.forEach((text, i) => {
      const roleCell = cell('Roles', `A${i + 4}`, changedBook);
      expect(roleCell).toMatchObject({ t: 's', v: text });
      expect(roleCell.f).toBeUndefined();
    });
    expect(cell('Data', 'C2', changedBook)).toMatchObject({ t: 'n', v: 0.0598 });
    for (const [name, { text }] of parts(data)) if (name.startsWith('xl/worksheets/sheet')) expect(text, name).not.toContain('<f>');
  });

  it('builds a briefing with two tables, no charts, no editorial note and a source URL', async () => {
    const [table] = briefing.briefing.tables;
    const changed = changedBriefing(briefing, {
      meta: { ...briefing.meta, title: 'Risk & Reward' },
      sources: briefing.briefing.sources.map((s) => (s.key === 'mckinsey-2024' ? { ...s, title: 'The report', url: 'https://example.com/report' } : s)),
      sourcesEditorialNote: undefined,
      tables: [table!, { ...table!, id: 'more-roles', title: 'More roles', rows: table!.rows.slice(0, 1) }],
    });
    const data = await buildWorkbook({ briefing: changed, charts: [], build: BUILD });
    const changedBook = read(data);
    expect(changedBook.SheetNames).toEqual(['Overview', 'Roles', 'Data', 'Sources', 'About']);
    // The second table is never placed in the narrative, so it comes after the first.
    expect(column('Roles', 'A', changedBook).slice(7)).toEqual([undefined, undefined, 'Table 2. More roles', table!.caption, 'Role', ROLES[0]]);
    expect(part('xl/tables/table2.xml', data)).toMatch(/name="tbl_More_Roles" displayName="tbl_More_Roles" ref="A12:C13"/);
    expect(part('xl/worksheets/sheet2.xml', data)).not.toContain('state="frozen"');
    const mckinsey = column('Sources', 'B', changedBook).indexOf('mckinsey-2024') + 1;
    expect(cell('Sources', `D${mckinsey}`, changedBook).v).toBe('The report');
    expect(cell('Sources', `F${mckinsey}`, changedBook).l?.Target).toBe('https://example.com/report');
    expect(XLSX.utils.sheet_to_csv(sheet('Sources', changedBook))).not.toContain('Editorial note');
    expect(part('xl/worksheets/sheet1.xml', data)).toContain('<oddHeader>&amp;LRisk &amp;&amp; Reward&amp;R&amp;A</oddHeader>');
  });

  it('cuts text to the 32,767 characters a cell can hold', async () => {
    const long = 'x'.repeat(40_000);
    const changed = changedBriefing(briefing, { dataPoints: briefing.briefing.dataPoints.map((p, i) => (i === 0 ? { ...p, label: long } : p)) });
    const value = cell('Data', 'B2', read(await buildWorkbook({ briefing: changed, charts, build: BUILD }))).v as string;
    expect(value).toHaveLength(32_767);
    expect(value.endsWith('…')).toBe(true);
  });

  it('opens in LibreOffice, which exports every sheet to CSV with the roles and values', async (context) => {
    const soffice = ['soffice', 'libreoffice'].find((name) => (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, name))));
    if (!soffice) context.skip('LibreOffice (soffice) is not on PATH; the workbook was not opened in it');
    const dir = await mkdtemp(join(tmpdir(), 'briefpress-workbook-'));
    try {
      const file = join(dir, 'briefing.xlsx');
      await writeFile(file, bytes);
      const csvFilter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
      // Its own profile, so parallel runs do not share (and lock) one.
      await promisify(execFile)(soffice!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', csvFilter, '--outdir', dir, file], { timeout: 120_000 });
      const csvFiles = (await readdir(dir)).filter((name) => name.endsWith('.csv')).sort();
      expect(csvFiles).toEqual(SHEETS.map((name) => `briefing-${name}.csv`).sort());
      const csv = async (name: string) => readFile(join(dir, `briefing-${name}.csv`), 'utf8');
      const roles = await csv('Roles');
      for (const role of ROLES) expect(roles).toContain(role);
      const data = await csv('Data');
      expect(data.split('\n')[0]).toBe('ID,Label,Value,Unit,Qualifier,Period,Period start,Period end,Source no.,Source,Note,Excel name');
      expect(data).toContain('ai-share-software-postings-2024-05,AI jobs as a share of software job postings,5.98%,percent,,May 2024,2024-05-01,2024-05-31,1,Aura,');
      for (const value of [',5.4%,', ',1.4%,', ',1.8%,', ',37.3%,', ',30%,percent,over,']) expect(data).toContain(value);
      expect(await csv('Sources')).toMatch(/^1,aura-2024,Aura,/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('workbook cells', () => {
  const point = { id: 'x', label: 'x', period: { label: '2024', start: '2024-01-01', end: '2024-12-31' }, source: 's' } as const;

  it('stores percentages as fractions without float noise', () => {
    expect(storedValue({ ...point, value: 5.98, decimals: 2, unit: 'percent' })).toBe(0.0598);
    expect(storedValue({ ...point, value: 37.3, decimals: 1, unit: 'percent' })).toBe(0.373);
    expect(storedValue({ ...point, value: 1200, decimals: 0, unit: 'count' })).toBe(1200);
  });

  it('derives valid Excel names from ids', () => {
    expect(excelName('ai-market-cagr-2023-2030')).toBe('Ai_Market_Cagr_2023_2030');
    expect(excelName('share')).toBe('Share');
    expect(excelName('2024-share')).toBe('DP_2024_Share');
    expect(excelName('ab12')).toBe('DP_Ab12');
    expect(excelName('r1c1')).toBe('DP_R1c1');
    expect(excelName('c')).toBe('DP_C');
  });
});
