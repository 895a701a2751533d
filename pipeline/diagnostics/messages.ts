// The catalog of every user-facing diagnostic. A code never changes meaning; retired codes are not reused.
// BP0xx files, BP1xx shape, BP2xx citations and sources, BP3xx data points, BP4xx charts, BP5xx tables,
// BP6xx placements, BP7xx figures in prose, BP8xx content safety and limits.
export type Severity = 'error' | 'warning';

interface Entry<A> {
  severity: Severity;
  title: string;
  message: (args: A) => string;
  hint?: string | ((args: A) => string | undefined);
}

const entry = <A>(e: Entry<A>): Entry<A> => e;

export const messages = {
  BP001: entry<{ path: string; reason: string }>({
    severity: 'error',
    title: 'file-unreadable',
    message: ({ path, reason }) => `cannot read ${path}: ${reason}`,
    hint: 'Check that the file exists inside the briefing folder and is readable.',
  }),
  BP002: entry<{ reason: string }>({
    severity: 'error',
    title: 'yaml-syntax',
    message: ({ reason }) => `invalid YAML: ${reason}`,
    hint: 'Fix the syntax at the caret; YAML is indentation-sensitive and strings with ":" need quotes.',
  }),
  BP003: entry<Record<string, never>>({
    severity: 'error',
    title: 'not-utf8',
    message: () => 'file is not valid UTF-8 text',
    hint: 'Save the file as UTF-8; binary files do not belong in a briefing folder.',
  }),
  BP004: entry<Record<string, never>>({
    severity: 'error',
    title: 'empty-file',
    message: () => 'file is empty',
    hint: 'Restore its content, or remove the reference to it.',
  }),
  BP005: entry<Record<string, never>>({
    severity: 'error',
    title: 'binary-file',
    message: () => 'file is binary, not text: it holds a NUL or other control character',
    hint: 'A briefing folder holds YAML and Markdown text only; restore the file from version control.',
  }),
  BP006: entry<{ name: string; limit: number }>({
    severity: 'error',
    title: 'folder-name',
    message: ({ name, limit }) => `the briefing folder's name ${JSON.stringify(name)} is not an id: it must be a lowercase slug of at most ${limit} characters`,
    hint: 'The folder name is the briefing id and names its outputs; rename it to letters, digits and single hyphens, such as threat-report-2025.',
  }),
  BP007: entry<{ reason: string }>({
    severity: 'error',
    title: 'csv-syntax',
    message: ({ reason }) => `CSV file cannot be read: ${reason}`,
    hint: 'Export the sheet as CSV in UTF-8 with commas between values (a header row first, every row as many values as the header); a file with semicolons comes from a locale that uses the decimal comma: export again with commas.',
  }),
  BP008: entry<{ reason: string }>({
    severity: 'error',
    title: 'csv-header',
    message: ({ reason }) => `CSV header does not match the mapping: ${reason}`,
    hint: 'The `columns` of `from` map each field (or table column) to a header of the file; a field left out is read from the column headed with its own name. Rename the header or change the mapping.',
  }),
  BP009: entry<{ header: string; reason: string }>({
    severity: 'error',
    title: 'csv-cell',
    message: ({ header, reason }) => `the cell in column "${header}" ${reason}`,
    hint: 'Write plain values: numbers with a dot for decimals and no thousands separators, % or currency signs (the unit, scale and currency say those); dates as YYYY-MM-DD; true or false; every cell a row needs filled.',
  }),
  BP010: entry<{ reason: string }>({
    severity: 'error',
    title: 'xlsx-workbook',
    message: ({ reason }) => `workbook cannot be read: ${reason}`,
    hint: 'Save the workbook from Excel, LibreOffice or Numbers as .xlsx (Office Open XML); name the sheet as its tab does, and give a range (such as A1:D9) inside the cells the sheet holds, a header row first.',
  }),
  BP011: entry<{ reason: string }>({
    severity: 'error',
    title: 'xlsx-cell',
    message: ({ reason }) => `this cell ${reason}`,
    hint: 'Formulas are never evaluated: a formula cell is read as the value the spreadsheet saved with it, so open the workbook and save it again to store those values. Unmerge merged cells in the range and repeat the value in each.',
  }),
  BP101: entry<{ field: string }>({
    severity: 'error',
    title: 'missing-field',
    message: ({ field }) => `required field "${field}" is missing`,
    hint: 'Add the field; docs/data-format.md lists every field.',
  }),
  BP102: entry<{ field: string; expected: string; actual: string }>({
    severity: 'error',
    title: 'wrong-type',
    message: ({ field, expected, actual }) => `"${field}" must be ${expected}, found ${actual}`,
  }),
  BP103: entry<{ field: string; suggestion?: string }>({
    severity: 'error',
    title: 'unknown-field',
    message: ({ field }) => `unknown field "${field}"`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean "${suggestion}"?` : 'Remove it, or check the field reference in docs/data-format.md.'),
  }),
  BP104: entry<{ field: string; reason: string }>({
    severity: 'error',
    title: 'invalid-value',
    message: ({ field, reason }) => `"${field}" ${reason}`,
  }),
  BP105: entry<{ kind: string; id: string }>({
    severity: 'error',
    title: 'duplicate-id',
    message: ({ kind, id }) => `duplicate ${kind} id "${id}"`,
    hint: 'Ids must be unique within a briefing; rename one of them.',
  }),
  BP201: entry<{ key: string; suggestion?: string }>({
    severity: 'error',
    title: 'unknown-citation',
    message: ({ key }) => `citation [@${key}] does not match any source in sources.yaml`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean [@${suggestion}]?` : 'Add the source to sources.yaml, or fix the key.'),
  }),
  BP202: entry<{ key: string }>({
    severity: 'warning',
    title: 'uncited-source',
    message: ({ key }) => `source "${key}" is never cited`,
    hint: 'Cite it in a section as [@key], or remove it.',
  }),
  BP203: entry<{ figure: string; suggestion?: string }>({
    severity: 'error',
    title: 'figure-without-citation',
    message: ({ figure }) => `paragraph states "${figure}" but cites no source`,
    hint: ({ suggestion }) => (suggestion ? `Cite its source: add [@${suggestion}] to the paragraph.` : 'Every figure needs its source cited in the same paragraph, as [@key].'),
  }),
  BP204: entry<{ figure: string; id: string; source: string }>({
    severity: 'warning',
    title: 'figure-source-not-cited',
    message: ({ figure, id, source }) => `"${figure}" is data point "${id}" from source "${source}", which this paragraph does not cite`,
    hint: ({ source }) => `Add [@${source}] to the paragraph, or check that the figure is the one meant.`,
  }),
  BP205: entry<{ url: string }>({
    severity: 'error',
    title: 'source-url-not-http',
    message: ({ url }) => `source URL "${url}" is not an http(s) address`,
    hint: 'Write the full address, starting with https:// (or http://); leave "url" out when there is none.',
  }),
  BP206: entry<{ year: number; briefingYear?: number }>({
    severity: 'error',
    title: 'source-year-implausible',
    message: ({ year, briefingYear }) => (briefingYear === undefined
      ? `source year ${year} is not plausible`
      : `source year ${year} is more than a year after the briefing's date (${briefingYear})`),
    hint: 'A source is dated from 1800 to one year after the briefing; check the year for a typo.',
  }),
  BP207: entry<{ key: string; original: string; same: string }>({
    severity: 'error',
    title: 'duplicate-source',
    message: ({ key, original, same }) => `source "${key}" repeats source "${original}" (${same})`,
    hint: ({ original }) => `Keep one source and cite it as [@${original}] wherever the other was cited.`,
  }),
  BP208: entry<{ key: string; target: string; suggestion?: string }>({
    severity: 'error',
    title: 'reports-on-unknown-source',
    message: ({ key, target }) => `source "${key}" reports on "${target}", which is no source of this briefing`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean "${suggestion}"?` : 'Add the study as a source entry (without a URL if none is known).'),
  }),
  BP301: entry<{ id: string; key: string; suggestion?: string }>({
    severity: 'error',
    title: 'data-point-unknown-source',
    message: ({ id, key }) => `data point "${id}" names source "${key}", which is not in sources.yaml`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean "${suggestion}"?` : 'Every number needs a source listed in sources.yaml.'),
  }),
  BP302: entry<{ id: string; value: number }>({
    severity: 'error',
    title: 'percent-out-of-range',
    message: ({ id, value }) => `data point "${id}" is a percentage of ${value}, outside 0–100`,
    hint: 'Percentages are written as 5.4 for 5.4%, not 0.054.',
  }),
  BP303: entry<{ id: string }>({
    severity: 'error',
    title: 'period-order',
    message: ({ id }) => `data point "${id}" has a period that ends before it starts`,
  }),
  BP304: entry<{ id: string; suggestion?: string }>({
    severity: 'error',
    title: 'unknown-data-point',
    message: ({ id }) => `no data point has the id "${id}"`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean "${suggestion}"?` : 'Data point ids are listed in data-points.yaml.'),
  }),
  BP305: entry<{ field: string; actual: string }>({
    severity: 'error',
    title: 'value-not-finite',
    message: ({ field, actual }) => `"${field}" must be a finite number, found ${actual}`,
    hint: 'Write the number itself; .inf and .nan are YAML for infinity and not-a-number.',
  }),
  BP306: entry<{ field: string; actual: string; format: string }>({
    severity: 'error',
    title: 'invalid-date',
    message: ({ field, actual, format }) => `"${field}" must be a real date written ${format}, found ${actual}`,
    hint: 'Check the month (01–12) and the day (a day that month has).',
  }),
  BP307: entry<{ unit: string; known: string; suggestion?: string }>({
    severity: 'error',
    title: 'unknown-unit',
    message: ({ unit, known }) => `unit "${unit}" is not one of ${known}`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean "${suggestion}"?` : 'Percentages are unit percent, written 5.4 for 5.4%.'),
  }),
  BP308: entry<{ id: string; label: string; year: string; start: string; end: string }>({
    severity: 'warning',
    title: 'period-label-mismatch',
    message: ({ id, label, year, start, end }) => `data point "${id}" has period label "${label}", but ${year} is outside its period ${start} to ${end}`,
    hint: 'Make the label and the dates describe the same period.',
  }),
  BP309: entry<{ id: string }>({
    severity: 'error',
    title: 'value-missing',
    message: ({ id }) => `data point "${id}" has neither a "value" nor a "derive"`,
    hint: 'Write the value as the source states it, or derive it from other data points.',
  }),
  BP310: entry<{ id: string; input: string; suggestion?: string }>({
    severity: 'error',
    title: 'derive-unknown-input',
    message: ({ id, input }) => `data point "${id}" is derived from "${input}", which is no data point`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean "${suggestion}"?` : 'Derive it from data points listed in data-points.yaml.'),
  }),
  BP311: entry<{ id: string; reason: string }>({
    severity: 'error',
    title: 'derive-units',
    message: ({ id, reason }) => `data point "${id}" cannot be derived as written: ${reason}`,
    hint: 'A difference or sum keeps its inputs\' unit (percentages give percentage-points), a ratio is a multiple, growth a percent.',
  }),
  BP312: entry<{ id: string; stated: string; computed: string }>({
    severity: 'error',
    title: 'derived-value-disagrees',
    message: ({ id, stated, computed }) => `data point "${id}" states ${stated} but its inputs give ${computed}`,
    hint: 'Beyond rounding, the stated value and its inputs disagree: check both against the source.',
  }),
  BP313: entry<{ id: string }>({
    severity: 'error',
    title: 'derive-cycle',
    message: ({ id }) => `data point "${id}" is derived, through its inputs, from itself`,
  }),
  BP314: entry<{ id: string; reason: string }>({
    severity: 'error',
    title: 'currency-code',
    message: ({ id, reason }) => `"${id}" ${reason}`,
    hint: 'A currency amount names its ISO 4217 code (currency: USD); other units have none.',
  }),
  BP315: entry<{ id: string }>({
    severity: 'error',
    title: 'period-dates-incomplete',
    message: ({ id }) => `data point "${id}" has one of "start" and "end" but not the other`,
    hint: 'Give both dates, or neither when the source gives no dates for the period.',
  }),
  BP401: entry<{ chart: string; reason: string }>({
    severity: 'error',
    title: 'chart-spec-invalid',
    message: ({ chart, reason }) => `chart "${chart}" is not a valid Vega-Lite spec: ${reason}`,
    hint: 'Check the spec against the Vega-Lite documentation; data is supplied by briefpress, do not set "data".',
  }),
  BP402: entry<{ chart: string; field: string }>({
    severity: 'error',
    title: 'chart-unknown-field',
    message: ({ chart, field }) => `chart "${chart}" encodes field "${field}", which its data does not have`,
    hint: 'Data point rows have the fields id, label, value, formatted, unit, periodLabel, periodStart, periodEnd, source, publisher; fields made by a transform also count.',
  }),
  BP403: entry<{ chart: string }>({
    severity: 'error',
    title: 'chart-own-data',
    message: ({ chart }) => `chart "${chart}" sets its own "data"`,
    hint: 'Remove "data": a chart draws only the data points listed in "dataPoints", so every number keeps its source.',
  }),
  BP404: entry<{ chart: string; reason: string }>({
    severity: 'warning',
    title: 'chart-spec-warning',
    message: ({ chart, reason }) => `Vega-Lite warns about chart "${chart}": ${reason}`,
    hint: 'Vega-Lite drew the chart without the part it warns about; fix the spec so the chart shows what is meant.',
  }),
  BP405: entry<{ chart: string; reason: string }>({
    severity: 'error',
    title: 'chart-not-drawable',
    message: ({ chart, reason }) => `chart "${chart}" cannot be drawn safely: ${reason}`,
    hint: 'Chart expressions may call the functions docs/threat-model.md lists, with literal sizes; rewrite the expression or the transform.',
  }),
  BP501: entry<{ table: string; row: number; column: string }>({
    severity: 'error',
    title: 'table-missing-cell',
    message: ({ table, row, column }) => `table "${table}" row ${row} has no "${column}" cell`,
  }),
  BP502: entry<{ table: string; row: number; column: string }>({
    severity: 'error',
    title: 'table-empty-key',
    message: ({ table, row, column }) => `table "${table}" row ${row} has an empty key cell "${column}"`,
    hint: 'The key column identifies each row; give it a value.',
  }),
  BP503: entry<{ table: string; column: string }>({
    severity: 'error',
    title: 'table-unknown-column',
    message: ({ table, column }) => `table "${table}" has a cell for "${column}", which is not one of its columns`,
  }),
  BP504: entry<{ table: string; row: number; first: number; column: string; value: string }>({
    severity: 'error',
    title: 'table-duplicate-key',
    message: ({ table, row, first, column, value }) => `table "${table}" row ${row} repeats the key "${value}" of row ${first} (column "${column}")`,
    hint: 'The key column identifies each row; make the values unique or merge the rows.',
  }),
  BP505: entry<{ table: string; row: number; column: string; expected: string }>({
    severity: 'error',
    title: 'table-cell-type',
    message: ({ table, row, column, expected }) => `table "${table}" row ${row}, column "${column}" must be ${expected}`,
    hint: 'Number columns hold numbers (no unit or separators: the column gives them), data-point columns ids, text columns text.',
  }),
  BP506: entry<{ table: string; row: number; column: string; stated: string; computed: string }>({
    severity: 'error',
    title: 'table-derived-cell-disagrees',
    message: ({ table, row, column, stated, computed }) => `table "${table}" row ${row}, column "${column}" states ${stated} but the row gives ${computed}`,
    hint: 'Leave a derived cell out to have it computed, or correct it.',
  }),
  BP507: entry<{ table: string; sheet: string; other: string }>({
    severity: 'error',
    title: 'table-sheet-name-taken',
    message: ({ table, sheet, other }) => `table "${table}" names its workbook sheet "${sheet}", as ${other} does`,
    hint: 'Sheet names are compared without regard to case; choose another short name.',
  }),
  BP508: entry<{ table: string; what: string; id: string; suggestion?: string }>({
    severity: 'error',
    title: 'table-unknown-reference',
    message: ({ table, what, id }) => `table "${table}" names ${what} "${id}", which does not exist`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean "${suggestion}"?` : undefined),
  }),
  BP601: entry<{ kind: string; id: string; suggestion?: string }>({
    severity: 'error',
    title: 'unknown-directive-target',
    message: ({ kind, id }) => `::${kind}[${id}] names no ${kind} of this briefing`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean "${suggestion}"?` : undefined),
  }),
  BP602: entry<{ kind: string; id: string }>({
    severity: 'warning',
    title: 'unplaced-figure',
    message: ({ kind, id }) => `${kind} "${id}" is never placed in a section`,
    hint: ({ kind, id }) => `Add a line "::${kind}[${id}]" where it belongs in a section.`,
  }),
  BP603: entry<{ kind: string; id: string }>({
    severity: 'error',
    title: 'figure-placed-twice',
    message: ({ kind, id }) => `${kind} "${id}" is placed more than once`,
  }),
  BP604: entry<{ kind: string; id: string; suggestion?: string }>({
    severity: 'error',
    title: 'unknown-figure-reference',
    message: ({ kind, id }) => `{{${kind === 'chart' ? 'figure' : 'table'}:${id}}} refers to no ${kind} of this briefing`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean "${suggestion}"?` : 'Refer to a chart or table by the id in its file.'),
  }),
  BP605: entry<{ id: string; suggestion?: string }>({
    severity: 'error',
    title: 'key-figure-unknown',
    message: ({ id }) => `key figure "${id}" is no data point`,
    hint: ({ suggestion }) => (suggestion ? `Did you mean "${suggestion}"?` : 'Key figures name data points of data-points.yaml.'),
  }),
  BP606: entry<{ from: string; to: string }>({
    severity: 'error',
    title: 'key-figure-change-units',
    message: ({ from, to }) => `change card from "${from}" to "${to}" pairs data points of different units`,
    hint: 'A change card shows two values of one measure, such as the same figure in two periods.',
  }),
  BP701: entry<{ figure: string; cited: string; nearest?: { id: string; value: string; label: string; source: string } }>({
    severity: 'error',
    title: 'figure-not-in-data',
    message: ({ figure, cited, nearest }) => (nearest
      ? `"${figure}" is no value ${cited} gives; nearest: ${nearest.value} for "${nearest.label}"`
      : `"${figure}" is no value ${cited} gives, nor any of its unit`),
    hint: ({ nearest }) => (nearest
      ? `Correct the figure, write {{dp:${nearest.id}}} to insert the data point's value, or add the figure to data-points.yaml with its source.`
      : 'Cite the source that states it, or add the figure to data-points.yaml with its source and write {{dp:id}}.'),
  }),
  BP702: entry<{ figure: string; id: string; value: string }>({
    severity: 'error',
    title: 'figure-qualifier-differs',
    message: ({ figure, id, value }) => `figure "${figure}" does not say what data point "${id}" says: ${value}`,
    hint: ({ id, value }) => `Write it as the data states it ("${value}"), or write {{dp:${id}}} to insert it.`,
  }),
  BP703: entry<{ figure: string; id: string; value: string }>({
    severity: 'error',
    title: 'figure-more-precise-than-data',
    message: ({ figure, id, value }) => `figure "${figure}" is more precise than data point "${id}" (${value})`,
    hint: ({ id }) => `State it at the precision of its source, or write {{dp:${id}}} to insert it.`,
  }),
  BP704: entry<{ figure: string; ids: string[] }>({
    severity: 'warning',
    title: 'figure-ambiguous',
    message: ({ figure, ids }) => `"${figure}" could be ${ids.map((id) => `"${id}"`).join(' or ')}`,
    hint: ({ ids }) => `Write {{dp:${ids[0]}}} (or the one meant) so the figure is bound to its data point.`,
  }),
  BP705: entry<{ figure: string; matched: string; named: { id: string; value: string; label: string; source: string } }>({
    severity: 'error',
    title: 'figure-of-another-data-point',
    message: ({ figure, named }) => `states ${figure} but [@${named.source}] gives ${named.value} for "${named.label}"`,
    hint: ({ figure, matched, named }) => `${figure} is the value of "${matched}", which the words around it do not name; correct it, or write {{dp:${named.id}}}.`,
  }),
  BP706: entry<{ figure: string; field: string }>({
    severity: 'error',
    title: 'figure-without-source',
    message: ({ figure, field }) => `"${field}" states "${figure}" where no source is cited`,
    hint: 'Write {{dp:id}} to insert the data point, or name the sources of a table in its "source" field.',
  }),
  BP801: entry<{ href: string; scheme: string }>({
    severity: 'error',
    title: 'unsafe-link',
    message: ({ href, scheme }) => `link "${href}" uses ${scheme}, which a briefing may not link to`,
    hint: 'Links may be http(s), mailto or #anchors in the document; anything else could run code or reach local files.',
  }),
  BP802: entry<{ src: string }>({
    severity: 'error',
    title: 'image-outside-briefing',
    message: ({ src }) => `image "${src}" is not a file inside this briefing's folder`,
    hint: 'Copy the image into the briefing folder and refer to it by a relative path; nothing is ever downloaded.',
  }),
  BP803: entry<{ tag: string }>({
    severity: 'warning',
    title: 'raw-html',
    message: ({ tag }) => `raw HTML ${tag} is shown as text, not rendered`,
    hint: 'Write Markdown instead; HTML from a briefing is never passed through to the page.',
  }),
  BP804: entry<{ chart: string; key: string }>({
    severity: 'error',
    title: 'chart-external-resource',
    message: ({ chart, key }) => `chart "${chart}" refers to an external resource ("${key}")`,
    hint: 'A chart draws only the data points it lists; it may not load data, images or anything else.',
  }),
  BP805: entry<{ key: string }>({
    severity: 'error',
    title: 'reserved-key',
    message: ({ key }) => `"${key}" may not be used as a key`,
    hint: 'Keys that name JavaScript object internals are refused; rename the field.',
  }),
  BP806: entry<{ what: string; actual: number; limit: number }>({
    severity: 'error',
    title: 'limit-exceeded',
    message: ({ what, actual, limit }) => `${what} is ${actual.toLocaleString('en-US')}, over the limit of ${limit.toLocaleString('en-US')}`,
    hint: 'Limits keep a build bounded in time and memory; docs/threat-model.md lists them.',
  }),
  BP807: entry<{ src: string }>({
    severity: 'error',
    title: 'image-format',
    message: ({ src }) => `image "${src}" is not a PNG, JPEG, GIF or WebP file`,
    hint: 'Convert it to one of those formats; the format is recognised by the file content, not its name.',
  }),
  BP808: entry<{ placeholder: string }>({
    severity: 'error',
    title: 'unknown-placeholder',
    message: ({ placeholder }) => `"${placeholder}" is no placeholder briefpress knows, and would reach the reader as written`,
    hint: 'Placeholders are {{dp:id}}, {{text:…}}, {{figure:id}} and {{table:id}}.',
  }),
  BP809: entry<{ char: string; codePoint: string }>({
    severity: 'error',
    title: 'character-not-in-font',
    message: ({ char, codePoint }) => `the character ${char ? `"${char}" ` : ''}(${codePoint}) is in no font briefpress ships: each reader's machine would draw it with a font of its own, or not at all`,
    hint: 'Write it another way (a word, or a character the fonts have: IBM Plex Sans covers Latin with its extensions, Greek, Cyrillic, arrows, comparison and math signs, check marks and fractions; docs/authoring.md lists them), or remove it.',
  }),
  BP810: entry<{ what: string; name: string; other: string; otherName: string }>({
    severity: 'error',
    title: 'excel-name-taken',
    message: ({ what, name, other, otherName }) => `${what} becomes the workbook name "${name}" and ${other} "${otherName}": one name to Excel, which compares names without regard to case, so one would stand for the other`,
    hint: 'Rename one of the ids (a data point id becomes a defined name; a table id, with "tbl_", a table name).',
  }),
} as const;

export type MessageCode = keyof typeof messages;
export type MessageArgs<C extends MessageCode> = (typeof messages)[C] extends Entry<infer A> ? A : never;
