// Stage 6, workbook: the validated briefing → an Excel workbook for readers who filter, copy numbers and check
// sources. Its sheets, in order:
//   Overview   title, summary, key figures and a link to each sheet (the sheet it opens on)
//   Roles      the briefing's tables, each a native Excel table
//   Data       every data point, its value a number cell with a defined name
//   Charts     the rendered figures, numbered as the PDF numbers them
//   Sources    numbered as the PDF numbers them, with what cites each
//   About      what the file was built from
// Dates come from the briefing and the build, never the clock, and workbook-package.ts dates the zip entries
// by the briefing: the same input gives the same bytes.
import type { CellValue, Workbook, Worksheet } from 'exceljs';
import type { Briefing, Table } from '../../model/briefing.js';
import { briefingDate, formatBriefingDate } from '../../model/dates.js';
import { figureNumbers, formatValueInProse, interpolateDataPoints, numberSources, scanCitations } from '../../narrative/grammar.js';
import { addTable, BOLD, excelName, finishSheet, fitColumns, HEADING, mergedParagraph, numberFormat, sheetLink, storedValue, styleHeader, text, type PageSetup } from './layout.js';
import { finishPackage } from './package.js';
import type { RenderedChart } from '../../model/chart-spec.js';

export interface WorkbookInput {
  briefing: Briefing;
  charts: RenderedChart[];
  build: { toolVersion: string; inputHash: string; builtAt: Date };
}

/** "Roles" names the default briefing's one table; the sheet holds whatever tables a briefing has. */
const SHEET = { overview: 'Overview', tables: 'Roles', data: 'Data', charts: 'Charts', sources: 'Sources', about: 'About' } as const;
const DATE_FORMAT = 'yyyy-mm-dd';
/** Default row height in pixels (15 pt), for the rows an image covers; Excel's ~7 px per unit of column width. */
const ROW_PX = 20;
const COLUMN_PX = 7;
/** Excel's default window, opening on the first sheet. */
const WINDOW = { x: 0, y: 0, width: 28800, height: 17600, firstSheet: 0, activeTab: 0, visibility: 'visible' };

interface Context {
  briefing: Briefing;
  /** The executive summary with its data point references filled in, as the HTML shows it. */
  summary: string;
  page: PageSetup;
  sourceNumbers: Map<string, number>;
}

export async function buildWorkbook({ briefing, charts, build }: WorkbookInput): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const { meta } = briefing;
  const date = briefingDate(meta.date);
  const context: Context = {
    briefing,
    summary: interpolateDataPoints(meta.summary, new Map(briefing.dataPoints.map((p) => [p.id, p]))),
    page: { title: meta.title, classification: meta.classification },
    sourceNumbers: numberSources(briefing),
  };
  const workbook = new ExcelJS.Workbook();
  Object.assign<Workbook, Partial<Workbook>>(workbook, {
    title: `${meta.title}: ${meta.subtitle}`,
    subject: meta.subtitle,
    description: context.summary,
    creator: meta.author ?? 'briefpress',
    lastModifiedBy: `briefpress ${build.toolVersion}`,
    keywords: meta.keywords.join(', '),
    created: date,
    modified: date,
    views: [WINDOW],
  });

  const contents = [
    ...(briefing.tables.length ? [{ name: SHEET.tables, about: briefing.tables.map((t) => t.title).join('; ') }] : []),
    { name: SHEET.data, about: 'Every data point: value (a number), unit, period and source' },
    ...(charts.length ? [{ name: SHEET.charts, about: 'The figures, numbered as in the PDF' }] : []),
    { name: SHEET.sources, about: 'Sources numbered as in the PDF, with the data points and sections citing each' },
    { name: SHEET.about, about: 'What this file was built from' },
  ];
  writeOverview(workbook.addWorksheet(SHEET.overview), context, contents);
  if (briefing.tables.length) writeTables(workbook.addWorksheet(SHEET.tables), context);
  writeData(workbook, workbook.addWorksheet(SHEET.data), context);
  if (charts.length) writeCharts(workbook, workbook.addWorksheet(SHEET.charts), context, charts);
  writeSources(workbook.addWorksheet(SHEET.sources), context);
  writeAbout(workbook.addWorksheet(SHEET.about), context, build);

  return finishPackage(new Uint8Array(await workbook.xlsx.writeBuffer()), date);
}

/** A source's row on the Sources sheet: the header, then the sources in citation order. */
const sourceRow = ({ sourceNumbers }: Context, key: string) => sourceNumbers.get(key)! + 1;

function writeOverview(sheet: Worksheet, context: Context, contents: { name: string; about: string }[]): void {
  const { briefing } = context;
  const { meta } = briefing;
  const add = (values: CellValue[]) => sheet.addRow(values.map((v) => (typeof v === 'string' ? text(v) : v)));
  add([meta.title]).getCell(1).font = HEADING;
  add([meta.subtitle]).getCell(1).font = BOLD;
  add([]);
  for (const [label, value] of [['Date', formatBriefingDate(meta.date)], ['Audience', meta.audience], ['Classification', meta.classification]] as const) {
    add([label, value]).getCell(1).font = BOLD;
  }
  add([]);
  add(['Executive summary']).getCell(1).font = BOLD;
  const summaryRow = add([]).number;
  add([]);
  add(['Key figures']).getCell(1).font = BOLD;
  const figuresHeader = add(['Measure', 'Value', 'Period', 'Source']);
  styleHeader(figuresHeader);
  for (const point of briefing.dataPoints) {
    const publisher = briefing.sources.find((s) => s.key === point.source)!.publisher;
    add([point.label, formatValueInProse(point), point.period.label, sheetLink(publisher, SHEET.sources, `A${sourceRow(context, point.source)}`)]);
  }
  // Columns fit the key figures; the titles above and the sheet descriptions below may overflow.
  fitColumns(sheet, figuresHeader.number);
  add([]);
  add(['Sheets']).getCell(1).font = BOLD;
  for (const { name, about } of contents) add([sheetLink(name, name), about]);
  mergedParagraph(sheet, summaryRow, 4, context.summary);
  finishSheet(sheet, context.page);
}

/** Each table under its number, title and caption, as the PDF shows it, then two blank rows before the next. */
function writeTables(sheet: Worksheet, context: Context): void {
  const { briefing } = context;
  const numbers = figureNumbers(briefing, 'table');
  const ordered = [...briefing.tables].sort((a, b) => numbers.get(a.id)! - numbers.get(b.id)!);
  const headings: { row: number; table: Table }[] = [];
  let row = 1;
  for (const table of ordered) {
    headings.push({ row, table });
    addTable(sheet, `tbl_${excelName(table.id)}`, row + 2, table.columns.map((c) => c.label), table.rows.map((r) => table.columns.map((c) => text(r[c.id] ?? ''))));
    row += 2 + 1 + table.rows.length + 2;
  }
  // Columns fit the tables; the titles and captions then wrap across them.
  fitColumns(sheet);
  for (const { row: top, table } of headings) {
    mergedParagraph(sheet, top, table.columns.length, `Table ${numbers.get(table.id)}. ${table.title}`).font = BOLD;
    mergedParagraph(sheet, top + 1, table.columns.length, table.caption);
  }
  finishSheet(sheet, context.page, ordered.length === 1 ? 3 : undefined);
}

function writeData(workbook: Workbook, sheet: Worksheet, context: Context): void {
  const { briefing } = context;
  const headers = ['ID', 'Label', 'Value', 'Unit', 'Qualifier', 'Period', 'Period start', 'Period end', 'Source no.', 'Source', 'Note', 'Excel name'];
  const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
  addTable(sheet, 'tbl_DataPoints', 1, headers, briefing.dataPoints.map((point) => {
    const source = briefing.sources.find((s) => s.key === point.source)!;
    return [
      point.id, text(point.label), storedValue(point), point.unit, point.qualifier ?? '', text(point.period.label),
      date(point.period.start), date(point.period.end), context.sourceNumbers.get(source.key)!,
      sheetLink(source.publisher, SHEET.sources, `A${sourceRow(context, source.key)}`), text(point.note ?? ''), excelName(point.id),
    ];
  }));
  briefing.dataPoints.forEach((point, i) => {
    const row = sheet.getRow(i + 2);
    row.getCell(3).numFmt = numberFormat(point);
    row.getCell(7).numFmt = DATE_FORMAT;
    row.getCell(8).numFmt = DATE_FORMAT;
    workbook.definedNames.add(`${SHEET.data}!$C$${i + 2}`, excelName(point.id));
  });
  fitColumns(sheet);
  finishSheet(sheet, context.page, 1);
}

/** Each figure: "Figure N. title", the PNG at its 1x size (the bytes are 2x, for sharp zooming), the caption. */
function writeCharts(workbook: Workbook, sheet: Worksheet, context: Context, charts: readonly RenderedChart[]): void {
  const numbers = figureNumbers(context.briefing, 'chart');
  const ordered = [...charts].sort((a, b) => numbers.get(a.id)! - numbers.get(b.id)!);
  sheet.getColumn(1).width = Math.max(...charts.map((c) => Math.ceil(c.width / COLUMN_PX)));
  let row = 1;
  for (const chart of ordered) {
    const title = sheet.getCell(row, 1);
    title.value = text(`Figure ${numbers.get(chart.id)}. ${chart.title}`);
    title.font = BOLD;
    title.alignment = { wrapText: true, vertical: 'top' };
    const image = workbook.addImage({ base64: Buffer.from(chart.png).toString('base64'), extension: 'png' });
    sheet.addImage(image, { tl: { col: 0, row }, ext: { width: chart.width, height: chart.height } });
    row += 1 + Math.ceil(chart.height / ROW_PX);
    const caption = sheet.getCell(row, 1);
    caption.value = text(chart.caption);
    caption.alignment = { wrapText: true, vertical: 'top' };
    row += 3; // the caption and two blank rows
  }
  finishSheet(sheet, context.page);
}

function writeSources(sheet: Worksheet, context: Context): void {
  const { briefing, sourceNumbers } = context;
  const ordered = [...briefing.sources].sort((a, b) => sourceNumbers.get(a.key)! - sourceNumbers.get(b.key)!);
  const headers = ['No.', 'Key', 'Publisher', 'Title', 'Year', 'URL', 'Data points', 'Cited in', 'Seed marker', 'Note'];
  addTable(sheet, 'tbl_Sources', 1, headers, ordered.map((source) => [
    sourceNumbers.get(source.key)!, source.key, text(source.publisher), text(source.title ?? ''), source.year,
    source.url ? { text: text(source.url), hyperlink: source.url } : '',
    text(briefing.dataPoints.filter((p) => p.source === source.key).map((p) => p.id).join('\n')),
    text(briefing.sections.filter((s) => scanCitations(s.markdown).some((c) => c.key === source.key)).map((s) => s.title).join('\n')),
    source.seedMarker ?? '', text(source.note ?? ''),
  ]));
  fitColumns(sheet);
  if (briefing.sourcesEditorialNote) {
    sheet.addRow([]);
    sheet.addRow(['Editorial note']).getCell(1).font = BOLD;
    mergedParagraph(sheet, sheet.rowCount + 1, headers.length, briefing.sourcesEditorialNote);
  }
  finishSheet(sheet, context.page, 1);
}

function writeAbout(sheet: Worksheet, context: Context, build: WorkbookInput['build']): void {
  const { briefing } = context;
  const rows: [string, CellValue][] = [
    ['Briefing', briefing.id],
    ['Title', text(`${briefing.meta.title}: ${briefing.meta.subtitle}`)],
    ['Built (UTC)', build.builtAt],
    ['Input hash (SHA-256)', build.inputHash],
    ['Tool', `briefpress ${build.toolVersion}`],
  ];
  for (const [label, value] of rows) {
    const row = sheet.addRow([label, value]);
    row.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    row.getCell(1).font = BOLD;
  }
  sheet.getCell('B3').numFmt = 'yyyy-mm-dd hh:mm:ss';
  fitColumns(sheet);
  sheet.addRow([]);
  mergedParagraph(sheet, sheet.rowCount + 1, 2, `Every number here comes from the briefing's data files (data-points.yaml, sources.yaml, tables/). The PDF (${briefing.id}.pdf) and the HTML page (${briefing.id}.html) are built from the same validated data in the same run.`);
  finishSheet(sheet, context.page);
}
