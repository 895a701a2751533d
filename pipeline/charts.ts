// Stage 3, charts: each chart definition → Vega-Lite spec → Vega view (no browser) → SVG, plus a 2× PNG for
// the workbook. Expressions run in vega-interpreter, never through Function, and the loader fetches nothing.
import { parse, View, loader as vegaLoader } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { Resvg } from '@resvg/resvg-js';
import type { Briefing, ChartDefinition } from './briefing.js';
import { buildVegaLiteSpec, chartRows, compileChart, type ChartRow } from './chart-spec.js';
import { CHART_FONT_FILES } from './fonts.js';
import { interpolateDataPoints } from './narrative.js';

export interface RenderedChart {
  id: string;
  title: string;
  caption: string;
  alt: string;
  rows: ChartRow[];
  svg: string;
  /** PNG at twice the SVG's size, for the workbook. */
  png: Uint8Array;
  width: number;
  height: number;
}

export async function renderCharts(briefing: Briefing): Promise<RenderedChart[]> {
  const dataPointsById = new Map(briefing.dataPoints.map((p) => [p.id, p]));
  const sourcesByKey = new Map(briefing.sources.map((s) => [s.key, s]));
  const rendered: RenderedChart[] = [];
  for (const chart of briefing.charts) {
    const rows = chartRows(chart, dataPointsById, sourcesByKey);
    const svg = await renderSvg(chart, compileChart(buildVegaLiteSpec(chart, rows, dataPointsById)));
    const { width, height } = svgSize(svg);
    rendered.push({
      id: chart.id,
      title: interpolateDataPoints(chart.title, dataPointsById),
      caption: interpolateDataPoints(chart.caption, dataPointsById),
      alt: interpolateDataPoints(chart.alt, dataPointsById),
      rows,
      svg,
      png: rasterize(svg, 2),
      width,
      height,
    });
  }
  return rendered;
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
  loader.sanitize = async (uri: string) => {
    refused.push(uri);
    throw new Error(`charts load no external resources (refused ${uri})`);
  };
  return loader;
}

async function renderSvg(chart: ChartDefinition, spec: ReturnType<typeof compileChart>): Promise<string> {
  const refused: string[] = [];
  const view = new View(parse(spec, undefined, { ast: true }), {
    renderer: 'none',
    expr: expressionInterpreter,
    loader: refusingLoader(refused),
  } as ConstructorParameters<typeof View>[1]);
  try {
    const svg = await view.toSVG();
    if (refused.length > 0) throw new Error(`chart "${chart.id}" refers to ${refused.join(', ')}; a chart draws only its data points and loads nothing`);
    return labelSvg(svg, chart.id);
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers clip paths and gradients with a process-wide counter; renumber them per chart, prefixed with
 * its id, so several charts can share a page and the same chart always gives the same SVG.
 */
function labelSvg(svg: string, id: string): string {
  const renamed = new Map<string, string>();
  const rename = (old: string) => {
    if (!renamed.has(old)) renamed.set(old, `${id}-${renamed.size + 1}`);
    return renamed.get(old)!;
  };
  return svg
    .replace(/<svg /, `<svg data-chart="${id}" `)
    .replace(/\sid="([^"]+)"/g, (_, old: string) => ` id="${rename(old)}"`)
    .replace(/url\(#([^)]+)\)/g, (_, old: string) => `url(#${rename(old)})`);
}

function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return { width: Number(match?.[1] ?? 0), height: Number(match?.[2] ?? 0) };
}

function rasterize(svg: string, scale: number): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: CHART_FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'IBM Plex Sans' },
    background: 'white',
  });
  return resvg.render().asPng();
}
