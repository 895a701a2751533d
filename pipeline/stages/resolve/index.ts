// resolve: the validated briefing → the resolved briefing (model/resolved.ts), derived once for every renderer:
// values formatted by unit, data points inserted into the texts that hold {{dp:id}}, sources numbered in order of
// first citation, figures and tables in order of placement, indices by id, images as data: URLs, each chart's
// rows and the Vega-Lite spec it is drawn from.
import type { Briefing } from '../../model/briefing.js';
import { buildVegaLiteSpec, chartRows } from '../../model/chart-spec.js';
import type { ResolvedBriefing, ResolvedChart, ResolvedDataPoint, ResolvedSource, ResolvedTable } from '../../model/resolved.js';
import { formatValue, formatValueInProse } from '../../model/units.js';
import { insertDataPoints, scanCitations, scanDirectives, type Placeable } from '../../narrative/grammar.js';

export function resolveBriefing(briefing: Briefing): ResolvedBriefing {
  const { meta } = briefing;
  const dataPoints: ResolvedDataPoint[] = briefing.dataPoints.map((point) => ({ ...point, formatted: formatValue(point), inProse: formatValueInProse(point) }));
  const dataPointsById = new Map(dataPoints.map((point) => [point.id, point]));
  const insert = (text: string) => insertDataPoints(text, (id) => dataPointsById.get(id)?.inProse);

  const sections = briefing.sections.map((section, i) => ({ ...section, number: i + 1, anchor: `section-${section.id}` }));
  const citedBy = sections.map((section) => new Set(scanCitations(section.markdown).map((citation) => citation.key)));
  const sourceNumbers = numberSources(briefing);
  const sources: ResolvedSource[] = briefing.sources
    .map((source) => ({
      ...source,
      number: sourceNumbers.get(source.key)!,
      dataPointIds: briefing.dataPoints.filter((point) => point.source === source.key).map((point) => point.id),
      citedIn: sections.filter((_, i) => citedBy[i]!.has(source.key)).map((section) => section.title),
    }))
    .sort((a, b) => a.number - b.number);
  const sourcesByKey = new Map(sources.map((source) => [source.key, source]));

  const chartNumbers = placementNumbers(briefing, 'chart');
  const charts: ResolvedChart[] = briefing.charts
    .map((chart) => {
      const rows = chartRows(chart, dataPointsById, sourcesByKey);
      const alt = insert(chart.alt);
      return {
        id: chart.id,
        number: chartNumbers.get(chart.id)!,
        anchor: `figure-${chart.id}`,
        title: insert(chart.title),
        caption: insert(chart.caption ?? ''),
        sourceLine: sourceLine(rows.map((row) => String(row.source)), sourcesByKey),
        alt,
        rows,
        spec: buildVegaLiteSpec(chart, rows, alt),
        phoneSpec: buildVegaLiteSpec(chart, rows, alt, { layout: 'phone' }),
        specAt: briefing.chartSpecs.get(chart.id)!,
      };
    })
    .sort((a, b) => a.number - b.number);
  const tableNumbers = placementNumbers(briefing, 'table');
  const tables: ResolvedTable[] = briefing.tables
    .map((table) => ({ number: tableNumbers.get(table.id)!, anchor: `table-${table.id}`, table }))
    .sort((a, b) => a.number - b.number);

  const summary = insert(meta.summary);
  const takeaways = sentences(summary);
  return {
    id: briefing.id,
    briefing,
    meta,
    documentTitle: `${meta.title}: ${meta.subtitle}`,
    summary,
    takeaways,
    description: takeaways[0] ?? summary,
    sections,
    dataPoints,
    dataPointsById,
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

/** "Source: [2]." or "Sources: [1], [3].": the numbers of the sources that state a figure's or table's numbers. */
function sourceLine(keys: string[], sourcesByKey: ReadonlyMap<string, ResolvedSource>): string {
  const numbers = [...new Set(keys.map((key) => sourcesByKey.get(key)?.number).filter((n): n is number => n !== undefined))].sort((a, b) => a - b);
  if (numbers.length === 0) return '';
  return `${numbers.length === 1 ? 'Source' : 'Sources'}: ${numbers.map((n) => `[${n}]`).join(', ')}.`;
}
