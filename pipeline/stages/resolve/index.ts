// resolve: the validated briefing → the resolved briefing (model/resolved.ts), derived once for every renderer:
// values formatted by unit, every text field's placeholders expanded (so none reaches an output or its metadata),
// sources numbered in order of first citation, figures and tables in order of placement, table cells printed,
// key-figure cards, indices by id, images as data: URLs, each chart's rows and the Vega-Lite spec it is drawn from.
import type { StageResult } from '../../diagnostics/diagnostic.js';
import type { Briefing } from '../../model/briefing.js';
import { buildVegaLiteSpec, chartRows } from '../../model/chart-spec.js';
import type { ResolvedBriefing, ResolvedChart, ResolvedDataPoint, ResolvedSource, ResolvedTable } from '../../model/resolved.js';
import { formatBriefingDate } from '../../model/dates.js';
import { formatValue, formatValueInProse } from '../../model/units.js';
import { expandPlaceholders, scanCitations, scanDirectives, type Placeable } from '../../narrative/grammar.js';
import { resolveKeyFigures } from './key-figures.js';
import { resolveTableContent, sourceLine } from './tables.js';

export function resolveBriefing(briefing: Briefing): StageResult<ResolvedBriefing> {
  const dataPoints: ResolvedDataPoint[] = briefing.dataPoints.map((point) => ({ ...point, formatted: formatValue(point), inProse: formatValueInProse(point) }));
  const dataPointsById = new Map(dataPoints.map((point) => [point.id, point]));
  const chartNumbers = placementNumbers(briefing, 'chart');
  const tableNumbers = placementNumbers(briefing, 'table');
  const labelOf = (kind: Placeable, id: string) => {
    const number = (kind === 'chart' ? chartNumbers : tableNumbers).get(id);
    return number === undefined ? undefined : `${kind === 'chart' ? 'Figure' : 'Table'} ${number}`;
  };
  const insert = (text: string) => expandPlaceholders(text, (id) => dataPointsById.get(id)?.inProse, labelOf);
  const meta = { ...briefing.meta, title: insert(briefing.meta.title), subtitle: insert(briefing.meta.subtitle), summary: insert(briefing.meta.summary) };

  const sections = briefing.sections.map((section, i) => ({ ...section, number: i + 1, anchor: `section-${section.id}` }));
  const citedBy = sections.map((section) => new Set(scanCitations(section.markdown).map((citation) => citation.key)));
  const sourceNumbers = numberSources(briefing);
  const sources: ResolvedSource[] = briefing.sources
    .map((source) => ({
      ...source,
      dateLabel: formatBriefingDate(source.date),
      number: sourceNumbers.get(source.key)!,
      dataPointIds: briefing.dataPoints.filter((point) => point.source === source.key).map((point) => point.id),
      citedIn: sections.filter((_, i) => citedBy[i]!.has(source.key)).map((section) => section.title),
    }))
    .sort((a, b) => a.number - b.number);
  const sourcesByKey = new Map(sources.map((source) => [source.key, source]));

  const charts: ResolvedChart[] = briefing.charts
    .map((chart) => {
      const rows = chartRows(chart, dataPointsById, sourcesByKey);
      const alt = insert(chart.alt);
      return {
        id: chart.id,
        number: chartNumbers.get(chart.id)!,
        anchor: `figure-${chart.id}`,
        title: insert(chart.title),
        caption: chart.caption ? insert(chart.caption) : '',
        alt,
        sourceLine: sourceLine(rows.map((row) => sourcesByKey.get(String(row.source))!)),
        rows,
        spec: buildVegaLiteSpec(chart, rows, alt),
        phoneSpec: buildVegaLiteSpec(chart, rows, alt, { layout: 'phone' }),
        specAt: briefing.chartSpecs.get(chart.id)!,
      };
    })
    .sort((a, b) => a.number - b.number);
  const tables: ResolvedTable[] = briefing.tables
    .map((table) => ({
      number: tableNumbers.get(table.id)!,
      anchor: `table-${table.id}`,
      table,
      ...resolveTableContent(table, insert, dataPointsById, sourcesByKey),
    }))
    .sort((a, b) => a.number - b.number);

  const takeaways = sentences(meta.summary);
  const resolved: ResolvedBriefing = {
    id: briefing.id,
    briefing,
    meta,
    documentTitle: `${meta.title}: ${meta.subtitle}`,
    summary: meta.summary,
    takeaways,
    description: takeaways[0] ?? meta.summary,
    sections,
    dataPoints,
    dataPointsById,
    keyFigures: resolveKeyFigures(briefing, dataPointsById, sourcesByKey),
    sources,
    sourcesByKey,
    ...(briefing.sourcesEditorialNote ? { sourcesEditorialNote: briefing.sourcesEditorialNote } : {}),
    charts,
    chartsById: new Map(charts.map((chart) => [chart.id, chart])),
    tables,
    tablesById: new Map(tables.map((table) => [table.table.id, table])),
    imageUrls: new Map([...briefing.images].map(([path, image]) => [path, `data:${image.mediaType};base64,${Buffer.from(image.data).toString('base64')}`])),
    contents: [...sections.map((section) => section.anchor), 'sources'],
  };
  return { value: resolved, diagnostics: [] };
}

/** Source numbers as readers see them: in order of first citation; sources only data points use follow in file order. */
function numberSources(briefing: Briefing): Map<string, number> {
  const order: string[] = [];
  for (const section of briefing.sections) {
    for (const { key } of scanCitations(section.markdown)) if (!order.includes(key)) order.push(key);
  }
  for (const source of briefing.sources) if (!order.includes(source.key)) order.push(source.key);
  return new Map(order.map((key, i) => [key, i + 1]));
}

/** Figure or table numbers as readers see them: in order of placement; unplaced ones follow in file order. */
function placementNumbers(briefing: Briefing, kind: Placeable): Map<string, number> {
  const placed = briefing.sections.flatMap((s) => scanDirectives(s.markdown)).filter((d) => d.kind === kind).map((d) => d.id);
  const ids = kind === 'chart' ? briefing.charts.map((c) => c.id) : briefing.tables.map((t) => t.id);
  return new Map([...new Set([...placed, ...ids])].map((id, i) => [id, i + 1]));
}

/**
 * A text's sentences, white space folded: a sentence ends at ".", "!" or "?" before a space and a capital letter
 * or digit, so "37.3%" and "e.g. the" do not end one.
 */
function sentences(text: string): string[] {
  return text.replace(/\s+/g, ' ').trim().split(/(?<=[.!?])\s+(?=[A-Z0-9“"])/u).filter((sentence) => sentence.length > 0);
}
