// charts: each resolved chart's Vega-Lite spec → Vega view (no browser) → SVG. Expressions run in
// vega-interpreter, never through Function, and the loader fetches nothing. What Vega-Lite warns about while
// compiling comes back as diagnostics at the chart's spec (validation reported the author's spec already; these
// are about the spec as drawn, value labels included).
import { parse, View, loader as vegaLoader } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { diagnostic, unreported, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { compileChart, type ChartSvg } from '../../model/chart-spec.js';
import type { ResolvedBriefing } from '../../model/resolved.js';
import { LIMITS } from '../../model/limits.js';

export interface DrawnCharts {
  charts: ChartSvg[];
  warnings: Diagnostic[];
}

/** A drawn chart's side: the largest size validation lets a spec state, with room for its axes, legend and title. */
const DRAWN_PIXELS = 2 * LIMITS.chartPixels;

/** Every chart drawn for the printed page and for phones: `renderPageCharts`, then `addPhoneCharts`. */
export async function renderCharts(briefing: ResolvedBriefing): Promise<DrawnCharts> {
  return addPhoneCharts(briefing, await renderPageCharts(briefing));
}

/**
 * Each chart as the printed page shows it, which is all the PDF needs: the build has Chromium print the page while
 * the phone drawings are made (build/render.ts).
 */
export async function renderPageCharts(briefing: ResolvedBriefing): Promise<DrawnCharts> {
  const drawn: DrawnCharts = { charts: [], warnings: [] };
  for (const chart of briefing.charts) {
    const said = new Set<string>();
    const svg = checkedSize(chart, await renderSvg(chart.id, compileChart(chart.spec, (message) => said.add(message))));
    for (const reason of said) drawn.warnings.push(diagnostic('BP404', chart.specAt, { chart: chart.id, reason }));
    drawn.charts.push({ id: chart.id, svg, ...svgSize(svg) });
  }
  return drawn;
}

/** The page's charts with their phone drawings added, and what Vega-Lite said of those that it had not said already. */
export async function addPhoneCharts(briefing: ResolvedBriefing, page: DrawnCharts): Promise<DrawnCharts> {
  const charts: ChartSvg[] = [];
  const said: Diagnostic[] = [];
  for (const chart of briefing.charts) {
    const reasons = new Set<string>();
    const phoneSvg = checkedSize(chart, await renderSvg(`${chart.id}-phone`, compileChart(chart.phoneSpec, (message) => reasons.add(message)), chart.id));
    for (const reason of reasons) said.push(diagnostic('BP404', chart.specAt, { chart: chart.id, reason }));
    charts.push({ ...page.charts.find((drawn) => drawn.id === chart.id)!, phoneSvg });
  }
  return { charts, warnings: [...page.warnings, ...unreported(said, page.warnings)] };
}

/**
 * Validation bounds every size a spec states; a mark placed far outside its scale can still stretch the drawing,
 * and the workbook's PNG and the printed page would then need gigabytes. Both drawings are checked.
 */
function checkedSize(chart: ResolvedBriefing['charts'][number], svg: string): string {
  const size = svgSize(svg);
  if (size.width > DRAWN_PIXELS || size.height > DRAWN_PIXELS) {
    throw new Error(`chart "${chart.id}" (${chart.specAt.file}:${chart.specAt.line}:${chart.specAt.column}) draws ${Math.round(size.width).toLocaleString('en-US')} × ${Math.round(size.height).toLocaleString('en-US')} pixels, over the limit of ${DRAWN_PIXELS.toLocaleString('en-US')} a side`);
  }
  return svg;
}

/**
 * A Vega loader that fetches nothing and remembers what was asked: Vega logs a failed load and draws on,
 * so the refusal is turned into an error after rendering rather than a silently incomplete chart.
 */
function refusingLoader(refused: string[]) {
  const loader = vegaLoader();
  loader.load = async (uri: string) => {
    refused.push(uri);
    throw new Error(`charts load no external data (refused ${uri})`);
  };
  // A refusal here would reach Vega's SVG renderer as an unhandled rejection (a mark's href): answer with no
  // address instead, and fail after rendering like any refusal.
  loader.sanitize = async (uri: string) => {
    refused.push(uri);
    return { href: '' };
  };
  return loader;
}

/** `id`: the prefix of the SVG's own ids, unique in the page; `chartId`: the chart it draws. */
async function renderSvg(id: string, spec: ReturnType<typeof compileChart>, chartId = id): Promise<string> {
  const refused: string[] = [];
  const view = new View(parse(spec, undefined, { ast: true }), {
    renderer: 'none',
    expr: expressionInterpreter,
    loader: refusingLoader(refused),
  } as ConstructorParameters<typeof View>[1]);
  try {
    const svg = await view.toSVG();
    if (refused.length > 0) throw new Error(`chart "${chartId}" refers to ${refused.join(', ')}; a chart draws only its data points and loads nothing`);
    return labelSvg(svg, id, chartId);
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers clip paths and gradients with a process-wide counter; renumber them per chart, prefixed with
 * its id, so several charts can share a page and the same chart always gives the same SVG.
 */
function labelSvg(svg: string, id: string, chartId: string): string {
  const renamed = new Map<string, string>();
  const rename = (old: string) => {
    if (!renamed.has(old)) renamed.set(old, `${id}-${renamed.size + 1}`);
    return renamed.get(old)!;
  };
  return svg
    .replace(/<svg /, `<svg data-chart="${chartId}" `)
    .replace(/\sid="([^"]+)"/g, (_, old: string) => ` id="${rename(old)}"`)
    .replace(/url\(#([^)]+)\)/g, (_, old: string) => `url(#${rename(old)})`);
}

function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return { width: Number(match?.[1] ?? 0), height: Number(match?.[2] ?? 0) };
}
