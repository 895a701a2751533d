// Stage 6, workbook: the validated briefing → an Excel workbook for readers who filter, copy numbers, chart and
// check sources. Its sheets, in order:
//   Overview   title, summary, key figures (formulas on their data points) and a link to each sheet
//   <table>    a sheet per table, named by the table's short name, each a native Excel table
//   Data       every data point, its value a number cell with a defined name
//   Charts     each figure a native Excel chart drawing cells under it (workbook-charts-sheet.ts)
//   Sources    numbered as the PDF numbers them, with what cites each
//   About      what the data is as of, which briefpress made the file, figures kept as pictures, the editorial note
// No clock: the package carries the briefing's date (or SOURCE_DATE_EPOCH's), and workbook-package.ts dates the
// zip entries by it, so the same input gives the same bytes.
import type { CellValue, Workbook, Worksheet } from 'exceljs';
import type { Briefing } from './briefing.js';
import type { RenderedChart } from './charts.js';
import { briefingDate } from './dates.js';
import type { PageSize } from './html.js';
import { figureNumbers, interpolateDataPoints, numberSources, scanCitations } from './narrative.js';
import { writeChartsSheet, type ChartsSheet } from './workbook-charts-sheet.js';
import type { SheetDrawings } from './workbook-drawings.js';
import { briefingDateFormat, numberFormat, qualifiedFormat, storedValue } from './workbook-formats.js';
import {
  addTable, BOLD, excelName, finishSheet, fitColumns, HEADING, label, mergedParagraph, PAPER_SIZES, sheetLink, styleHeader, text, type PageSetup,
} from './workbook-layout.js';
import { finishPackage } from './workbook-package.js';
import { tableSheetNames, writeTableSheet } from './workbook-table-sheets.js';

export interface WorkbookInput {
  briefing: Briefing;
  charts: RenderedChart[];
  build: { toolVersion: string; inputHash: string; packageDate: Date };
  pageSize: PageSize;
}

const SHEET = { overview: 'Overview', data: 'Data', charts: 'Charts', sources: 'Sources', about: 'About' } as const;
const DATE_FORMAT = 'yyyy-mm-dd';
/** Excel's default window, opening on the first sheet. */
const WINDOW = { x: 0, y: 0, width: 28800, height: 17600, firstSheet: 0, activeTab: 0, visibility: 'visible' };

interface Context {
  briefing: Briefing;
  /** The executive summary with its data point references filled in, as the HTML shows it. */
  summary: string;
  page: PageSetup;
  sourceNumbers: Map<string, number>;
}

export async function buildWorkbook({ briefing, charts, build, pageSize }: WorkbookInput): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const { meta } = briefing;
  const context: Context = {
    briefing,
    summary: interpolateDataPoints(meta.summary, new Map(briefing.dataPoints.map((p) => [p.id, p]))),
    page: { title: meta.title, classification: meta.classification, paperSize: PAPER_SIZES[pageSize] },
    sourceNumbers: numberSources(briefing),
  };
  const workbook = new ExcelJS.Workbook();
  // The same title, subject, author and keywords as the PDF's document information and the HTML's <meta>.
  Object.assign<Workbook, Partial<Workbook>>(workbook, {
    title: `${meta.title}: ${meta.subtitle}`,
    subject: context.summary,
    description: context.summary,
    creator: meta.author ?? 'briefpress',
    lastModifiedBy: `briefpress ${build.toolVersion}`,
    keywords: meta.keywords.join(', '),
    created: build.packageDate,
    modified: build.packageDate,
    views: [WINDOW],
  });

  const tableNumbers = figureNumbers(briefing, 'table');
  const tables = [...briefing.tables].sort((a, b) => tableNumbers.get(a.id)! - tableNumbers.get(b.id)!);
  const tableSheets = tableSheetNames(tables, Object.values(SHEET));
  const contents = [
    ...tables.map((table) => ({ name: tableSheets.get(table.id)!, about: `Table ${tableNumbers.get(table.id)}. ${table.title}` })),
    { name: SHEET.data, about: 'Every data point: value (a number), unit, period and source' },
    ...(charts.length ? [{ name: SHEET.charts, about: 'The figures as Excel charts, each over the cells it draws' }] : []),
    { name: SHEET.sources, about: 'Sources numbered as in the PDF, with the data points and sections citing each' },
    { name: SHEET.about, about: 'What the data is as of and what made this file' },
  ];
  writeOverview(workbook.addWorksheet(SHEET.overview), context, contents);
  for (const table of tables) writeTableSheet(workbook.addWorksheet(tableSheets.get(table.id)!), table, tableNumbers.get(table.id)!, context.page);
  writeData(workbook, workbook.addWorksheet(SHEET.data), context);
  const chartsSheet = charts.length ? writeCharts(workbook, workbook.addWorksheet(SHEET.charts), context, charts) : undefined;
  writeSources(workbook.addWorksheet(SHEET.sources), context);
  writeAbout(workbook.addWorksheet(SHEET.about), context, build, chartsSheet?.pictures ?? []);

  const drawings: SheetDrawings[] = chartsSheet ? [chartsSheet.drawings] : [];
  return finishPackage(new Uint8Array(await workbook.xlsx.writeBuffer()), build.packageDate, drawings);
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
  const date = add(['Date', briefingDate(meta.date)]);
  date.getCell(1).font = BOLD;
  date.getCell(2).numFmt = briefingDateFormat(meta.date);
  date.getCell(2).alignment = { horizontal: 'left' };
  for (const [label, value] of [['Audience', meta.audience], ['Classification', meta.classification]] as const) {
    add([label, value]).getCell(1).font = BOLD;
  }
  add([]);
  add(['Executive summary']).getCell(1).font = BOLD;
  const summaryRow = add([]).number;
  add([]);
  add(['Key figures']).getCell(1).font = BOLD;
  const figuresHeader = add(['Measure', 'Value', 'Period', 'Source']);
  styleHeader(figuresHeader);
  // Each value reads its data point's named cell on the Data sheet: edit it there and the Overview follows.
  for (const point of briefing.dataPoints) {
    const publisher = briefing.sources.find((s) => s.key === point.source)!.publisher;
    const row = add([point.label, { formula: excelName(point.id), result: storedValue(point) }, label(point.period.label), sheetLink(publisher, SHEET.sources, `A${sourceRow(context, point.source)}`)]);
    row.getCell(2).numFmt = qualifiedFormat(point);
    // The period follows a right-aligned number: indented, so "5.98%" and "May 2024" do not run together, and
    // left-aligned, so a year (a number) does not run into the source.
    row.getCell(3).alignment = { horizontal: 'left', indent: 1 };
  }
  // Columns fit the key figures; the titles above and the sheet descriptions below may overflow.
  fitColumns(sheet, figuresHeader.number);
  add([]);
  add(['Sheets']).getCell(1).font = BOLD;
  for (const { name, about } of contents) add([sheetLink(name, name), about]);
  mergedParagraph(sheet, summaryRow, 4, context.summary);
  finishSheet(sheet, context.page);
}

/**
 * The columns that print come first (Label to Note), then those for filtering and formulas (ID, Excel name,
 * dates, source number), which fitting twelve columns to a page would shrink the text for.
 */
const DATA_COLUMNS = ['Label', 'Value', 'Unit', 'Qualifier', 'Period', 'Source', 'Note', 'ID', 'Excel name', 'Period start', 'Period end', 'Source no.'];
const PRINTED_DATA_COLUMNS = DATA_COLUMNS.indexOf('Note') + 1;
/** The Value column, whose cells the data points' defined names point at. */
const DATA_VALUE_COLUMN = 'B';

function writeData(workbook: Workbook, sheet: Worksheet, context: Context): void {
  const { briefing } = context;
  const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
  addTable(sheet, 'tbl_DataPoints', 1, DATA_COLUMNS, briefing.dataPoints.map((point) => {
    const source = briefing.sources.find((s) => s.key === point.source)!;
    return [
      text(point.label), storedValue(point), point.unit, point.qualifier ?? null, label(point.period.label),
      sheetLink(source.publisher, SHEET.sources, `A${sourceRow(context, source.key)}`), point.note ? text(point.note) : null,
      point.id, excelName(point.id), date(point.period.start), date(point.period.end), context.sourceNumbers.get(source.key)!,
    ];
  }));
  const column = (name: string) => DATA_COLUMNS.indexOf(name) + 1;
  briefing.dataPoints.forEach((point, i) => {
    const row = sheet.getRow(i + 2);
    row.getCell(column('Value')).numFmt = numberFormat(point);
    // The unit is text after a right-aligned number: indented, so "5.98%" and "percent" do not run together.
    row.getCell(column('Unit')).alignment = { vertical: 'top', wrapText: true, indent: 1 };
    // A period that is a year is a number: left-aligned like the other periods, clear of the source after it.
    row.getCell(column('Period')).alignment = { vertical: 'top', wrapText: true, horizontal: 'left' };
    row.getCell(column('Period start')).numFmt = DATE_FORMAT;
    row.getCell(column('Period end')).numFmt = DATE_FORMAT;
    workbook.definedNames.add(`${SHEET.data}!$${DATA_VALUE_COLUMN}$${i + 2}`, excelName(point.id));
  });
  fitColumns(sheet);
  finishSheet(sheet, context.page, { headerRow: 1, printColumns: PRINTED_DATA_COLUMNS });
}

function writeCharts(workbook: Workbook, sheet: Worksheet, context: Context, charts: readonly RenderedChart[]): ChartsSheet {
  const { briefing } = context;
  const numbers = figureNumbers(briefing, 'chart');
  const specs = new Map(briefing.charts.map((c) => [c.id, c.spec]));
  const figures = charts
    .map((chart) => ({ ...chart, number: numbers.get(chart.id)!, spec: specs.get(chart.id)! }))
    .sort((a, b) => a.number - b.number);
  return writeChartsSheet(workbook, sheet, figures, new Map(briefing.dataPoints.map((p) => [p.id, p])), context.page);
}

/** As Data: the columns a reader prints first, then the key and the data point ids, for filtering. */
const SOURCE_COLUMNS = ['No.', 'Publisher', 'Title', 'Year', 'URL', 'Cited in', 'Note', 'Key', 'Data points'];
const PRINTED_SOURCE_COLUMNS = SOURCE_COLUMNS.indexOf('Note') + 1;

function writeSources(sheet: Worksheet, context: Context): void {
  const { briefing, sourceNumbers } = context;
  const ordered = [...briefing.sources].sort((a, b) => sourceNumbers.get(a.key)! - sourceNumbers.get(b.key)!);
  const lines = (values: string[]) => (values.length ? text(values.join('\n')) : null);
  addTable(sheet, 'tbl_Sources', 1, SOURCE_COLUMNS, ordered.map((source) => [
    sourceNumbers.get(source.key)!, text(source.publisher), source.title ? text(source.title) : null, source.year,
    source.url ? { text: text(source.url), hyperlink: source.url } : null,
    lines(briefing.sections.filter((s) => scanCitations(s.markdown).some((c) => c.key === source.key)).map((s) => s.title)),
    source.note ? text(source.note) : null,
    source.key,
    lines(briefing.dataPoints.filter((p) => p.source === source.key).map((p) => p.id)),
  ]));
  fitColumns(sheet);
  finishSheet(sheet, context.page, { headerRow: 1, printColumns: PRINTED_SOURCE_COLUMNS });
}

/** What the file is: the data's date, the briefpress that made it and from what; no clock time, which would be false. */
function writeAbout(sheet: Worksheet, context: Context, build: WorkbookInput['build'], pictures: ChartsSheet['pictures']): void {
  const { briefing } = context;
  const rows: [string, CellValue][] = [
    ['Briefing', briefing.id],
    ['Title', text(`${briefing.meta.title}: ${briefing.meta.subtitle}`)],
    ['Data as of', briefingDate(briefing.meta.date)],
    ['Made by', `briefpress ${build.toolVersion}`],
    ['Input hash (SHA-256)', build.inputHash],
  ];
  for (const [label, value] of rows) {
    const row = sheet.addRow([label, value]);
    row.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    row.getCell(1).font = BOLD;
  }
  sheet.getCell('B3').numFmt = briefingDateFormat(briefing.meta.date);
  fitColumns(sheet);
  const paragraph = (heading: string, body: string) => {
    sheet.addRow([]);
    sheet.addRow([heading]).getCell(1).font = BOLD;
    mergedParagraph(sheet, sheet.rowCount + 1, 2, body);
  };
  paragraph('Where the numbers come from', `Every number here comes from the briefing's data files (data-points.yaml, sources.yaml, tables/). The PDF (${briefing.id}.pdf) and the HTML page (${briefing.id}.html) are built from the same validated data in the same run.`);
  for (const { figure, reason } of pictures) paragraph(`${figure}: a picture, not an Excel chart`, `Its Vega-Lite spec cannot be drawn as an Excel chart: ${reason}.`);
  if (briefing.sourcesEditorialNote) paragraph('Editorial note on the sources', briefing.sourcesEditorialNote);
  finishSheet(sheet, context.page);
}
