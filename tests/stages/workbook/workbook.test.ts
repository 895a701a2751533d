import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import type { Briefing } from '../../../pipeline/model/briefing.js';
import type { ChartSvg } from '../../../pipeline/model/chart-spec.js';
import type { ResolvedBriefing } from '../../../pipeline/model/resolved.js';
import { storedValue } from '../../../pipeline/model/units.js';
import { drawnCharts } from '../../support/stages.js';
import { buildWorkbook as workbookStage, type WorkbookInput } from '../../../pipeline/stages/workbook/index.js';
import { formatFromD3, qualifiedFormat } from '../../../pipeline/stages/workbook/formats.js';
import { excelName, WORKBOOK_SHEETS } from '../../../pipeline/model/excel-names.js';
import { changedBriefing, loadDefaultBriefing } from '../../support/default-briefing.js';
import { readWithOpenpyxl, type OpenpyxlBook } from '../../support/openpyxl.js';

/** The workbook stage's bytes. */
const buildWorkbook = async (input: WorkbookInput) => (await workbookStage(input)).value;

const ROLES_SHEET = 'Key AI cybersecurity roles';
const SHEETS = ['Overview', ROLES_SHEET, 'Data', 'Charts', 'Sources', 'About'];
const ROLES = ['AI Security Engineer', 'MLSecOps Specialist', 'AI Governance/Compliance Lead', 'Prompt Injection Specialist'];
const BUILD: WorkbookInput['build'] = { toolVersion: '0.0.0-test', inputHash: 'ab'.repeat(32), packageDate: new Date('2024-01-01T00:00:00Z') };

let briefing: ResolvedBriefing;
let charts: ChartSvg[];
let bytes: Uint8Array;
let book: XLSX.WorkBook;
let openpyxl: OpenpyxlBook;

beforeAll(async () => {
  briefing = await loadDefaultBriefing();
  ({ charts } = await drawnCharts(briefing));
  bytes = await buildWorkbook({ briefing, charts, build: BUILD, pageSize: 'a4' });
  book = read(bytes);
  openpyxl = await readWithOpenpyxl(bytes);
});

/** The workbook of the default briefing with `changes` made to its files' data. */
const build = (changes: Partial<Briefing>, options: Partial<WorkbookInput> = {}) => buildWorkbook({ briefing: changedBriefing(briefing, changes), charts, build: BUILD, pageSize: 'a4', ...options });

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

/** The cells of a range such as 'Charts'!$B$16:$B$17, read by SheetJS. */
function cellsOf(range: string, from = book): (XLSX.CellObject & { f?: string })[] {
  const [, sheetName, area] = /^'?(.+?)'?!(.+)$/.exec(range)!;
  return rangeCells(area!).map((ref) => cell(sheetName!.replace(/''/g, "'"), ref, from));
}

/** "B16", "B17" for $B$16:$B$17 (one column or one row). */
function rangeCells(range: string): string[] {
  const { s, e } = XLSX.utils.decode_range(range.replace(/^.*!/, '').replace(/\$/g, ''));
  const refs: string[] = [];
  for (let r = s.r; r <= e.r; r++) for (let c = s.c; c <= e.c; c++) refs.push(XLSX.utils.encode_cell({ r, c }));
  return refs;
}

const soffice = ['soffice', 'libreoffice'].find((name) => (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, name))));

/** Converts with LibreOffice, on its own profile so parallel runs do not share (and lock) one. */
async function convert(dir: string, file: string, filter: string): Promise<void> {
  await promisify(execFile)(soffice!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', filter, '--outdir', dir, file], { timeout: 120_000 });
}

describe('workbook', () => {
  it('has the sheets in order and opens on the Overview', () => {
    expect(book.SheetNames).toEqual(SHEETS);
    // Validation keeps table sheets off the workbook's own (BP507) by this list; the stage writes names as they are.
    expect(book.SheetNames.filter((name) => name !== ROLES_SHEET)).toEqual([...WORKBOOK_SHEETS]);
    expect(part('xl/workbook.xml')).toContain('activeTab="0"');
  });

  it('stores every data point as a number with its format, real dates and a linked source', () => {
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet('Data'));
    expect(rows.map((r) => r.ID)).toEqual(briefing.dataPoints.map((p) => p.id));
    expect(cell('Data', 'B2')).toMatchObject({ t: 'n', v: 0.0598, z: '0.00%', w: '5.98%' });
    expect(cell('Data', 'B3')).toMatchObject({ t: 'n', v: 0.054, z: '0.0%', w: '5.4%' });
    expect(cell('Data', 'B6')).toMatchObject({ t: 'n', v: 0.373, z: '0.0%' });
    expect(cell('Data', 'B7')).toMatchObject({ t: 'n', v: 0.3, z: '0%' });
    expect(cell('Data', 'D7')).toMatchObject({ t: 's', v: 'over' });
    expect(cell('Data', 'J2')).toMatchObject({ t: 'd', v: new Date('2024-05-01T00:00:00Z'), z: 'yyyy-mm-dd' });
    expect(cell('Data', 'K2')).toMatchObject({ t: 'd', v: new Date('2024-05-31T00:00:00Z') });
    // Aura is the first source the narrative cites, so number 1, on row 2 of Sources.
    expect(cell('Data', 'L2')).toMatchObject({ t: 'n', v: 1 });
    expect(cell('Data', 'F2')).toMatchObject({ t: 's', v: 'Aura' });
    expect(cell('Data', 'F2').l?.Target).toBe("#'Sources'!A2");
    expect(cell('Sources', 'B2').v).toBe('Aura');
  });

  it('names each data point value cell', () => {
    const names = new Map((book.Workbook?.Names ?? []).map((n) => [n.Name, n.Ref]));
    expect(names.get('Ai_Market_Cagr_2023_2030')).toBe('Data!$B$6');
    expect(cell('Data', 'B6').v).toBe(0.373);
    for (const [i, point] of briefing.dataPoints.entries()) expect(names.get(excelName(point.id))).toBe(`Data!$B$${i + 2}`);
  });

  it('puts each table on its own sheet, named by the table, under its number, title and caption, in a native Excel table', () => {
    expect(column(ROLES_SHEET, 'A')).toEqual([
      'Table 1. Key AI cybersecurity roles created or transformed in 2024',
      'Summary of the four roles described in this briefing. Sources: [2], [3], [4].',
      'Role',
      ...ROLES,
    ]);
    expect(cell(ROLES_SHEET, 'B4')).toMatchObject({ t: 's', v: 'Securing AI/ML models, adversarial defense' });
    expect(cell(ROLES_SHEET, 'C3')).toMatchObject({ t: 's', v: 'Demand driver' });
    const table = part('xl/tables/table1.xml');
    expect(table).toMatch(/name="tbl_Key_Roles" displayName="tbl_Key_Roles" ref="A3:C7"/);
    expect(table).toContain('<autoFilter ref="A3:C7">');
    expect(table).toContain('showRowStripes="1"');
    expect(part('xl/tables/table2.xml')).toContain('name="tbl_DataPoints"');
  });

  it('says no totals row where a table has none', () => {
    const tables = [...parts(bytes).keys()].filter((name) => name.startsWith('xl/tables/'));
    expect(tables).toHaveLength(3);
    for (const name of tables) expect(part(name), name).toContain('totalsRowShown="0"');
  });

  it('numbers sources in order of first citation and lists what cites them, without internal columns', () => {
    const order = briefing.sources.map((s) => s.key);
    const publishers = briefing.sources.map((s) => s.publisher);
    expect(publishers).toEqual(['Aura', 'The Skills Coalition', 'McKinsey', 'Nebulai', 'IEEE Spectrum']);
    expect(column('Sources', 'A')).toEqual(['No.', 1, 2, 3, 4, 5]);
    expect(column('Sources', 'B').slice(1)).toEqual(publishers);
    expect(column('Sources', 'J').slice(1)).toEqual(order);
    expect(cell('Sources', 'K2').v).toBe('ai-share-software-postings-2024-05\nai-share-software-postings-2024-08');
    expect(cell('Sources', 'H5').v).toBe('Specific examples and roles\nImpact on the cybersecurity workforce and job market');
    expect(cell('Sources', 'D2')).toMatchObject({ t: 'd', z: 'yyyy', w: '2024' });
    expect(XLSX.utils.sheet_to_json<unknown[]>(sheet('Sources'), { header: 1 })[0]).toEqual(['No.', 'Publisher', 'Title', 'Date', 'URL', 'Accessed', 'Reports on', 'Cited in', 'Note', 'Key', 'Data points']);
    // The editorial note is about how the file was made: it is on About, not under the sources.
    expect(XLSX.utils.sheet_to_csv(sheet('Sources'))).not.toContain(briefing.sourcesEditorialNote);
    expect(XLSX.utils.sheet_to_csv(sheet('About'))).toContain(briefing.sourcesEditorialNote);
  });

  it('opens with the title, summary, key figures and links to every sheet', () => {
    expect(cell('Overview', 'A1').v).toBe(briefing.meta.title);
    expect(cell('Overview', 'A2').v).toBe(briefing.meta.subtitle);
    const overview = XLSX.utils.sheet_to_csv(sheet('Overview'));
    for (const value of ['5.98%', '5.4%', '37.3%', 'over 30%', 'Public', 'Security leaders, CISOs and workforce planners']) expect(overview).toContain(value);
    expect(overview).toContain('postings demanding AI skills rose from 1.4% in 2023 to 1.8% in 2024');
    expect(part('xl/worksheets/sheet1.xml')).toMatch(/<mergeCell ref="A9:D9"\/>/);
    const links = Object.values(sheet('Overview')).flatMap((c) => ((c as { l?: { Target: string } }).l ? [(c as { l: { Target: string } }).l.Target] : []));
    for (const name of SHEETS.slice(1)) expect(links).toContain(`#'${name}'!A1`);
  });

  it('shows the key figures, the cards of the PDF in order, as formulas on their data points, formatted like the data', () => {
    const first = 13;
    // briefing.yaml's cards: two change cards (their main value the later one), then the two projections
    expect(briefing.keyFigures.map((card) => card.ids[0])).toEqual(['ai-share-software-postings-2024-08', 'postings-demanding-ai-skills-2024', 'ai-market-cagr-2023-2030', 'automatable-work-hours-2030']);
    briefing.keyFigures.forEach((card, i) => {
      const point = briefing.dataPointsById.get(card.ids[0]!)!;
      const value = cell('Overview', `B${first + i}`);
      expect(value.f, point.id).toBe(excelName(point.id));
      expect(value, point.id).toMatchObject({ t: 'n', v: storedValue(point, point.value) });
    });
    expect(cell('Overview', `B${first}`).w).toBe('5.4%');
    expect(cell('Overview', `B${first + 3}`)).toMatchObject({ z: '"over "0%', w: 'over 30%' });
  });

  it('writes links to cells as locations, not as external files', () => {
    const overview = part('xl/worksheets/sheet1.xml');
    expect(overview).toContain(`<hyperlink ref="A19" location="&apos;${ROLES_SHEET}&apos;!A1"/>`);
    expect(overview).not.toMatch(/<hyperlink[^>]*r:id/);
    expect(part('xl/worksheets/_rels/sheet1.xml.rels')).not.toContain('hyperlink');
  });

  it('draws each figure as a native Excel chart on cells that hold its numbers, numbered as in the PDF', () => {
    expect([...parts(bytes).keys()].filter((name) => name.startsWith('xl/media/'))).toEqual([]);
    const titles = column('Charts', 'A').filter((v): v is string => typeof v === 'string' && v.startsWith('Figure'));
    expect(titles).toEqual([
      'Figure 1. AI jobs as a share of software job postings, 2024',
      'Figure 2. AI market size implied by a 37.3% CAGR, 2023 = 1.0',
      'Figure 3. Job postings demanding AI skills, 2023 and 2024',
    ]);
    // the caption and the source line by the number the Sources sheet gives Aura
    expect(column('Charts', 'A')).toContain('Source: [1].');
    const chartXml = [1, 2, 3].map((n) => part(`xl/charts/chart${n}.xml`));
    expect(chartXml.map((xml) => /<c:(barChart|lineChart)>/.exec(xml)?.[1])).toEqual(['barChart', 'lineChart', 'barChart']);
    expect(chartXml[0]).toContain('<c:barDir val="bar"/>');
    expect(chartXml[0]).toContain('<a:t>% of software job postings</a:t>');
    expect(chartXml[1]).toContain('<a:t>Market size index (2023 = 1.0)</a:t>');
    for (const xml of chartXml) {
      for (const [, ref] of xml.matchAll(/<c:val><c:numRef><c:f>([^<]+)<\/c:f>/g)) {
        const values = cellsOf(ref!.replace(/&apos;/g, "'"));
        expect(values.length, ref).toBeGreaterThan(0);
        for (const value of values) expect(value, ref).toMatchObject({ t: 'n' });
      }
    }
    // Figure 1 draws the two Aura data points: formulas on their names, shown as the data.
    const bars = cellsOf(/<c:val><c:numRef><c:f>([^<]+)</.exec(chartXml[0]!)![1]!.replace(/&apos;/g, "'"));
    expect(bars.map((c) => [c.f, c.v, c.w])).toEqual([['Ai_Share_Software_Postings_2024_05', 0.0598, '5.98%'], ['Ai_Share_Software_Postings_2024_08', 0.054, '5.4%']]);
  });

  it('puts the projection Figure 2 draws in cells: formulas on the CAGR data point, cached as the chart shows them', () => {
    const ref = /<c:val><c:numRef><c:f>([^<]+)</.exec(part('xl/charts/chart2.xml'))![1]!.replace(/&apos;/g, "'");
    const index = cellsOf(ref);
    expect(index.map((c) => c.w)).toEqual(['1.0', '1.4', '1.9', '2.6', '3.6', '4.9', '6.7', '9.2']);
    const years = cellsOf(ref.replace(/\$B\$/g, '$A$'));
    expect(years.map((c) => c.v)).toEqual([2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    const firstRow = Number(/\$B\$(\d+):/.exec(ref)![1]);
    expect(index[7]!.f).toBe(`POWER(1+Ai_Market_Cagr_2023_2030,A${firstRow + 7}-2023)`);
    expect(index[7]!.v).toBeCloseTo(1.373 ** 7, 12);
  });

  it('gives every chart its figure name and text alternative', () => {
    const drawing = part('xl/drawings/drawing1.xml');
    const frames = [...drawing.matchAll(/<xdr:cNvPr id="\d+" name="([^"]+)" descr="([^"]*)"\/>/g)].map((m) => [m[1], m[2]!.replace(/&apos;/g, "'")]);
    const alt = new Map(briefing.charts.map((c) => [c.id, c.alt]));
    expect(frames).toEqual([
      ['Figure 1', alt.get('ai-share-software-postings')],
      ['Figure 2', alt.get('ai-market-growth-projection')],
      ['Figure 3', alt.get('postings-demanding-ai-skills')],
    ]);
    expect(drawing.match(/<xdr:cNvPr /g)).toHaveLength(3);
    const types = part('[Content_Types].xml');
    for (const n of [1, 2, 3]) expect(types).toContain(`<Override PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`);
  });

  it('keeps a figure Excel cannot draw as a picture with its text alternative, and says why on About', async () => {
    const pie = { mark: 'arc', encoding: { theta: { field: 'value', type: 'quantitative' }, color: { field: 'periodLabel', type: 'nominal' } } };
    const first = briefing.chartsById.get('ai-share-software-postings')!;
    const data = await build({ charts: briefing.briefing.charts.map((c) => (c.id === first.id ? { ...c, spec: pie } : c)) });
    expect([...parts(data).keys()].filter((name) => name.startsWith('xl/media/'))).toHaveLength(1);
    expect([...parts(data).keys()].filter((name) => name.startsWith('xl/charts/'))).toHaveLength(2);
    const drawing = part('xl/drawings/drawing1.xml', data);
    expect(drawing).toContain(`name="Picture 1" descr="${first.alt.replace(/'/g, '&apos;')}"`);
    expect(drawing.match(/descr="/g)).toHaveLength(3);
    const about = column('About', 'A', read(data));
    const heading = about.indexOf('Figure 1. AI jobs as a share of software job postings, 2024: a picture, not an Excel chart');
    expect(heading).toBeGreaterThan(0);
    expect(about[heading + 1]).toBe('Its Vega-Lite spec cannot be drawn as an Excel chart: the "arc" mark has no Excel chart here (bar and line do).');
  });

  it('gives each picture its own creation id', async () => {
    const data = await build({ charts: briefing.briefing.charts.map((c) => ({ ...c, spec: { mark: 'area', encoding: { x: { field: 'periodLabel', type: 'ordinal' }, y: { field: 'value', type: 'quantitative' } } } })) });
    const ids = [...part('xl/drawings/drawing1.xml', data).matchAll(/<a16:creationId [^>]*id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });

  it('records what the data is as of and which briefpress made it, and no clock time', () => {
    expect(column('About', 'A').slice(0, 5)).toEqual(['Briefing', 'Title', 'Data as of', 'Made by', 'Input hash (SHA-256)']);
    expect(cell('About', 'B1').v).toBe('ai-security-workforce-2024');
    expect(cell('About', 'B3')).toMatchObject({ t: 'd', v: new Date('2024-01-01T00:00:00Z'), z: 'yyyy', w: '2024' });
    expect(cell('About', 'B4').v).toBe('briefpress 0.0.0-test');
    expect(cell('About', 'B5').v).toBe(BUILD.inputHash);
    expect(XLSX.utils.sheet_to_csv(sheet('About'))).not.toMatch(/Built|\d\d:\d\d/);
  });

  it('sets document properties as the PDF does, dated by the package date', () => {
    // No author is named in the default briefing: the tool's name is not an author.
    expect(book.Props?.Author).toBeUndefined();
    expect(book.Props).toMatchObject({
      Title: `${briefing.meta.title}: ${briefing.meta.subtitle}`,
      Subject: briefing.description,
      Keywords: briefing.meta.keywords.join(', '),
      CreatedDate: new Date('2024-01-01T00:00:00Z'),
      ModifiedDate: new Date('2024-01-01T00:00:00Z'),
    });
  });

  it('dates the package by SOURCE_DATE_EPOCH when the build has one', async () => {
    const epoch = new Date('2025-06-07T00:00:00Z');
    const data = await buildWorkbook({ briefing, charts, build: { ...BUILD, packageDate: epoch }, pageSize: 'a4' });
    expect(read(data).Props).toMatchObject({ CreatedDate: epoch, ModifiedDate: epoch });
    for (const [name, { modified }] of parts(data)) expect(modified, name).toEqual(epoch);
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
      const headerRow = { [ROLES_SHEET]: 3, Data: 1, Sources: 1 }[name];
      expect(xml, name).toContain(headerRow ? `<pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/>` : 'showGridLines="0"');
      const printTitles = names.filter((n) => n.Name === '_xlnm.Print_Titles' && n.Sheet === i).map((n) => n.Ref);
      expect(printTitles, name).toEqual(headerRow ? [`'${name}'!$${headerRow}:$${headerRow}`] : []);
    });
    for (const name of [ROLES_SHEET, 'Data', 'Sources']) {
      for (const width of (sheet(name)['!cols'] ?? []).map((c) => c?.width ?? 0)) expect(width).toBeLessThanOrEqual(60);
    }
    const styles = part('xl/styles.xml');
    expect(new Set([...styles.matchAll(/<name val="([^"]+)"\/>/g)].map((m) => m[1]))).toEqual(new Set(['Calibri']));
    expect(styles).toMatch(/<fill><patternFill patternType="solid"><fgColor rgb="FF1B2330"\/>/);
  });

  it('gives the same bytes for the same input, zip entries dated by the briefing', async () => {
    const again = await build({});
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    for (const [name, { modified }] of parts(bytes)) expect(modified, name).toEqual(new Date('2024-01-01T00:00:00Z'));
  });

  it('keeps text that looks like a formula as text, and numbers as numbers', async () => {
    const hostile = ['=HYPERLINK("https://example.com","x")', '+1+1', '-2+3', '@SUM(1,2)', '\t=1', '\r=1'];
    const [table] = briefing.briefing.tables;
    const data = await build({
      dataPoints: briefing.briefing.dataPoints.map((p, i) => (i === 0 ? { ...p, label: hostile[0]! } : p)),
      tables: [{ ...table!, rows: hostile.map((text) => ({ role: text, coreFocus: text, demandDriver: text })) }],
    });
    const changedBook = read(data);
    expect(cell('Data', 'A2', changedBook)).toMatchObject({ t: 's', v: hostile[0] });
    expect(cell('Data', 'A2', changedBook).f).toBeUndefined();
    hostile.forEach((text, i) => {
      const roleCell = cell(ROLES_SHEET, `A${i + 4}`, changedBook);
      expect(roleCell).toMatchObject({ t: 's', v: text });
      expect(roleCell.f).toBeUndefined();
    });
    expect(cell('Data', 'B2', changedBook)).toMatchObject({ t: 'n', v: 0.0598 });
    // The only formulas are the workbook's own: key figures and chart cells on the data points' names.
    const names = briefing.dataPoints.map((p) => excelName(p.id));
    for (const [name, { text }] of parts(data)) {
      if (!name.startsWith('xl/worksheets/sheet')) continue;
      for (const [, formula] of text.matchAll(/<f>([^<]*)<\/f>/g)) expect(names.some((n) => formula!.includes(n)), `${name}: ${formula}`).toBe(true);
    }
  });

  it('builds a briefing with two tables, no charts, no editorial note and a source URL', async () => {
    const [table] = briefing.briefing.tables;
    const data = await build({
      meta: { ...briefing.meta, title: 'Risk & Reward' },
      sources: briefing.briefing.sources.map((s) => (s.key === 'mckinsey-2024' ? { ...s, title: 'The report', url: 'https://example.com/report' } : s)),
      sourcesEditorialNote: undefined,
      tables: [table!, { ...table!, id: 'more-roles', sheet: 'More roles', title: 'Key AI cybersecurity roles created or transformed, continued', rows: table!.rows.slice(0, 1) }],
    }, { charts: [] });
    const changedBook = read(data);
    // Each sheet named as its table says (validation keeps the names apart, BP507).
    expect(changedBook.SheetNames).toEqual(['Overview', ROLES_SHEET, 'More roles', 'Data', 'Sources', 'About']);
    expect(column('More roles', 'A', changedBook)).toEqual(['Table 2. Key AI cybersecurity roles created or transformed, continued', `${table!.caption} Sources: [2], [3], [4].`, 'Role', ROLES[0]]);
    expect(part('xl/tables/table2.xml', data)).toMatch(/name="tbl_More_Roles" displayName="tbl_More_Roles" ref="A3:C4"/);
    const mckinsey = column('Sources', 'J', changedBook).indexOf('mckinsey-2024') + 1;
    expect(cell('Sources', `C${mckinsey}`, changedBook).v).toBe('The report');
    expect(cell('Sources', `E${mckinsey}`, changedBook).l?.Target).toBe('https://example.com/report');
    expect(XLSX.utils.sheet_to_csv(sheet('About', changedBook))).not.toContain('Editorial note');
    expect(part('xl/worksheets/sheet1.xml', data)).toContain('<oddHeader>&amp;LRisk &amp;&amp; Reward&amp;R&amp;A</oddHeader>');
    expect([...parts(data).keys()].filter((name) => name.startsWith('xl/drawings/') || name.startsWith('xl/charts/'))).toEqual([]);
  });

  it('cuts text to the 32,767 characters a cell can hold', async () => {
    const long = 'x'.repeat(40_000);
    const value = cell('Data', 'A2', read(await build({ dataPoints: briefing.briefing.dataPoints.map((p, i) => (i === 0 ? { ...p, label: long } : p)) }))).v as string;
    expect(value).toHaveLength(32_767);
    expect(value.endsWith('…')).toBe(true);
  });

  it('opens in LibreOffice, which exports every sheet to CSV with the roles and values', async (context) => {
    if (!soffice) context.skip('LibreOffice (soffice) is not on PATH; the workbook was not opened in it');
    const dir = await mkdtemp(join(tmpdir(), 'briefpress-workbook-'));
    try {
      const file = join(dir, 'briefing.xlsx');
      await writeFile(file, bytes);
      const csvFilter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
      await convert(dir, file, csvFilter);
      const csvFiles = (await readdir(dir)).filter((name) => name.endsWith('.csv')).sort();
      expect(csvFiles).toEqual(SHEETS.map((name) => `briefing-${name}.csv`).sort());
      const csv = async (name: string) => readFile(join(dir, `briefing-${name}.csv`), 'utf8');
      const roles = await csv(ROLES_SHEET);
      for (const role of ROLES) expect(roles).toContain(role);
      const data = await csv('Data');
      expect(data.split('\n')[0]).toBe('Label,Value,Unit,Qualifier,Period,Source,Note,ID,Excel name,Period start,Period end,Source no.');
      expect(data).toContain('AI jobs as a share of software job postings,5.98%,percent,,May 2024,Aura,,ai-share-software-postings-2024-05,Ai_Share_Software_Postings_2024_05,2024-05-01,2024-05-31,1');
      for (const value of [',5.4%,', ',1.4%,', ',1.8%,', ',37.3%,', ',30%,percent,over,']) expect(data).toContain(value);
      expect(await csv('Sources')).toMatch(/^1,Aura,/m);
      // LibreOffice recalculates the formulas: the key figures and the projection come out as the data gives them.
      const overview = await csv('Overview');
      for (const value of ['5.98%', 'over 30%', '37.3%']) expect(overview).toContain(value);
      expect(Number(/^2030,([\d.]+)$/m.exec(await csv('Charts'))?.[1])).toBeCloseTo(1.373 ** 7, 6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints from LibreOffice with every chart on the page', async (context) => {
    if (!soffice) context.skip('LibreOffice (soffice) is not on PATH; the workbook was not printed with it');
    const dir = await mkdtemp(join(tmpdir(), 'briefpress-workbook-pdf-'));
    try {
      const file = join(dir, 'briefing.xlsx');
      await writeFile(file, bytes);
      await convert(dir, file, 'pdf');
      const pdf = join(dir, 'briefing.pdf');
      // A4, upright or across (a sheet wider than a portrait page prints landscape: the Overview with change cards)
      expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+(595\.\d+ x 841\.\d+|841\.\d+ x 595\.\d+) pts \(A4\)/);
      const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
      const chartsPages = pages.filter((page) => /^\s*AI Security Engineer.*Charts\s*$/m.test(page));
      // Each chart draws its own title and axis title, which LibreOffice prints as text; one figure to a page.
      expect(chartsPages).toHaveLength(3);
      const drawnTitles = ['% of software job postings', 'Market size index (2023 = 1.0)', '% of all job postings'];
      chartsPages.forEach((page, i) => {
        expect(page.match(new RegExp(briefing.charts.map((c) => c.title).find((t) => page.includes(`Figure ${i + 1}. ${t}`))!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g')), `page ${i + 1}`).toHaveLength(2);
        expect(page, `page ${i + 1}`).toContain(drawnTitles[i]);
      });
      // The PNGs are for a person to look at (pdftoppm -png); the test keeps the text check.
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints on the paper the build asks for, on every sheet', async () => {
    const letter = await readWithOpenpyxl(await build({}, { pageSize: 'letter' }));
    for (const sheetSetup of letter.sheets) expect(sheetSetup.paperSize, sheetSetup.name).toBe(1);
    for (const sheetSetup of openpyxl.sheets) expect(sheetSetup.paperSize, sheetSetup.name).toBe(9);
  });
});

describe('workbook read by openpyxl', () => {
  it('holds no number stored as text and no empty-string cell', () => {
    for (const { name, cells } of openpyxl.sheets) {
      for (const c of cells) {
        expect(c.value, `${name}!${c.ref}`).not.toBe('');
        if (c.type === 's') expect(String(c.value).trim(), `${name}!${c.ref} is a number stored as text`).not.toMatch(/^[-+−]?[$€£]?\d[\d,]*(\.\d+)?\s*[%×]?$/);
      }
    }
  });

  it("reads a figure Excel cannot draw as a picture beside the charts: the second briefing's", async () => {
    const second = await loadDefaultBriefing('data/cost-of-a-data-breach-2024');
    const book = await readWithOpenpyxl(await buildWorkbook({ briefing: second, charts: (await drawnCharts(second)).charts, build: BUILD, pageSize: 'a4' }));
    const chartsSheet = book.sheets.find((s) => s.name === 'Charts')!;
    // Figures 2 and 3 as Excel charts; 1 and 4, whose labels use slice(), as pictures. openpyxl drops the whole
    // drawing, charts too, when a picture's anchor carries an attribute the schema does not allow.
    expect(chartsSheet.charts.map((c) => c.type)).toEqual(['barChart', 'barChart']);
    expect(chartsSheet.images).toBe(2);
  });

  it('draws one chart per figure, each series on cells that hold numbers, beside its categories and under its name', () => {
    const chartsSheet = openpyxl.sheets.find((s) => s.name === 'Charts')!;
    expect(chartsSheet.charts.map((c) => c.type)).toEqual(['barChart', 'lineChart', 'barChart']);
    expect(chartsSheet.images).toBe(0);
    const cellsByRef = new Map(chartsSheet.cells.map((c) => [c.ref, c]));
    for (const chart of chartsSheet.charts) {
      for (const series of chart.series) {
        const refs = rangeCells(series.values!);
        expect(refs.length).toBeGreaterThan(0);
        for (const ref of refs) {
          const found = cellsByRef.get(ref)!;
          // openpyxl reads the formula; the defined name it starts from points at a number on Data.
          expect(found.type, ref).toBe('f');
          expect(found.format, ref).not.toBe('General');
        }
        // Each category sits in column A on the row of its value.
        expect(rangeCells(series.categories!)).toEqual(refs.map((ref) => ref.replace(/^[A-Z]+/, 'A')));
      }
    }
    const valuesOf = (range: string) => rangeCells(range).map((ref) => cellsByRef.get(ref)?.value);
    expect(chartsSheet.charts.map((chart) => chart.series.map((series) => valuesOf(series.categories!)))).toEqual([
      [['May 2024', 'Aug 2024']],
      [[2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]],
      [[2023, 2024]],
    ]);
    expect(chartsSheet.charts.map((chart) => chart.series.map((series) => valuesOf(series.name!)))).toEqual([
      [['% of software job postings']],
      [['Market size index (2023 = 1.0)']],
      [['% of all job postings']],
    ]);
    expect(valuesOf(chartsSheet.charts[0]!.series[0]!.values!)).toEqual(['=Ai_Share_Software_Postings_2024_05', '=Ai_Share_Software_Postings_2024_08']);
    const data = openpyxl.sheets.find((s) => s.name === 'Data')!;
    for (const [name, ref] of Object.entries(openpyxl.names)) {
      const target = data.cells.find((c) => `Data!$${c.ref.replace(/(\d+)/, '$$$1')}` === ref);
      expect(target, name).toMatchObject({ type: 'n' });
    }
  });

  it("stores a table's number columns as typed numbers, the real quantity, in the format the document prints", async () => {
    const [table] = briefing.briefing.tables;
    const data = await build({
      tables: [{
        ...table!,
        columns: [
          ...table!.columns,
          { id: 'openings', label: 'Openings', type: 'number', unit: 'count', decimals: 0 },
          { id: 'salary', label: 'Median salary', type: 'number', unit: 'currency', currency: 'USD', scale: 'thousand', decimals: 1 },
        ],
        rows: table!.rows.map((row, i) => ({ ...row, openings: 1200 + i, salary: 150.5 + i })),
      }],
    });
    const roles = (await readWithOpenpyxl(data)).sheets.find((s) => s.name === ROLES_SHEET)!;
    const inColumn = (letter: string) => roles.cells.filter((c) => c.ref.startsWith(letter) && Number(c.ref.slice(1)) > 3).map((c) => [c.ref, c.value, c.type, c.format]);
    expect(inColumn('D')).toEqual([['D4', 1200, 'n', '#,##0'], ['D5', 1201, 'n', '#,##0'], ['D6', 1202, 'n', '#,##0'], ['D7', 1203, 'n', '#,##0']]);
    const thousands = '"$"#,##0.0," thousand"';
    expect(inColumn('E')).toEqual([['E4', 150500, 'n', thousands], ['E5', 151500, 'n', thousands], ['E6', 152500, 'n', thousands], ['E7', 153500, 'n', thousands]]);
  });

  it('forces no table row taller than its content, and fits each printed page without shrinking text much', () => {
    for (const sheetSetup of openpyxl.sheets) {
      const widths = sheetSetup.columnWidths;
      for (const [row, height] of Object.entries(sheetSetup.rowHeights)) {
        const lines = Math.max(1, ...sheetSetup.cells.filter((c) => c.ref.replace(/[A-Z]+/, '') === row && c.type === 's' && c.wrap)
          .map((c) => String(c.value).split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / ((widths[c.ref.replace(/\d+/, '')] ?? 8.43) - 1))), 0)));
        expect(height, `${sheetSetup.name} row ${row}`).toBeLessThanOrEqual(lines * 15);
      }
      // Letters, not all columns: a print area leaves the technical columns on screen only.
      const printed = sheetSetup.printArea ? /\$([A-Z]+)\$\d+$/.exec(sheetSetup.printArea[0]!)![1]! : undefined;
      const pixels = 7 * Object.entries(widths).filter(([letter]) => letter.length < (printed?.length ?? 9) || (letter.length === printed?.length && letter <= printed) || !printed).reduce((sum, [, w]) => sum + w, 0);
      // Between 0.7 in margins, A4 prints 6.87 in (659 px at 96 dpi) portrait, 10.29 in (988 px) landscape; fitted
      // to that width, 11 pt text must stay at 8 pt or larger.
      const scale = Math.min(1, (sheetSetup.orientation === 'landscape' ? 988 : 659) / pixels);
      expect(11 * scale, `${sheetSetup.name} prints its text at ${(11 * scale).toFixed(1)} pt`).toBeGreaterThanOrEqual(8);
    }
    const dataSheet = openpyxl.sheets.find((s) => s.name === 'Data')!;
    expect(dataSheet.printArea).toEqual(['$A$1:$G$7']);
    expect(dataSheet.rowHeights).toEqual({});
  });

  it('marks the native tables as having no totals row', () => {
    const tables = openpyxl.sheets.flatMap((s) => Object.values(s.tables));
    expect(tables).toHaveLength(3);
    for (const table of tables) expect(table).toMatchObject({ totalsRowShown: false, totalsRowCount: null });
  });
});

describe('workbook cells', () => {
  const point = { id: 'x', label: 'x', period: { label: '2024', start: '2024-01-01', end: '2024-12-31' }, source: 's' };

  it('puts the qualifier in the format, so "over 30%" stays a number', () => {
    expect(qualifiedFormat({ ...point, value: 30, decimals: 0, unit: 'percent', qualifier: 'over' })).toBe('"over "0%');
    expect(qualifiedFormat({ ...point, value: 5.4, decimals: 1, unit: 'percent' })).toBe('0.0%');
  });

  it('turns the d3 formats of chart labels into Excel formats, and any other into General', () => {
    expect(formatFromD3('.1f')).toBe('0.0');
    expect(formatFromD3(',.2f')).toBe('#,##0.00');
    expect(formatFromD3('.0%')).toBe('0%');
    expect(formatFromD3('.0f')).toBe('0');
    expect(formatFromD3('$,.2s')).toBe('General');
    expect(formatFromD3(undefined)).toBe('General');
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
