// Drawing a compiled chart to SVG with Vega (no browser), shared by the charts stage (the printed page's drawings)
// and the phone-charts stage (the phone's, drawn while Chromium prints): expressions run in vega-interpreter, never
// through Function, and the loader fetches nothing. Also the slot the HTML keeps for a phone drawing until it exists.
import { randomUUID } from 'node:crypto';
import { parse, View, loader as vegaLoader } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { compileChart } from './chart-spec.js';
import { escapeHtml } from './escape.js';
import { LIMITS } from './limits.js';
import type { ResolvedBriefing } from './resolved.js';

type ResolvedChart = ResolvedBriefing['charts'][number];

/** A drawn chart's side: the largest size validation lets a spec state, with room for its axes, legend and title. */
const DRAWN_PIXELS = 2 * LIMITS.chartPixels;

/**
 * Each chart of the briefing drawn from `spec` (the page's) or `phoneSpec`, labelled with its alt text, and what
 * Vega-Lite warned about while compiling, as diagnostics at the chart's spec (validation reported the author's spec
 * already; these are about the spec as drawn, value labels included).
 */
export async function drawChartSvgs(briefing: ResolvedBriefing, drawing: 'spec' | 'phoneSpec'): Promise<{ svgs: Map<string, string>; warnings: Diagnostic[] }> {
  const svgs = new Map<string, string>();
  const warnings: Diagnostic[] = [];
  for (const chart of briefing.charts) {
    const said = new Set<string>();
    const prefix = drawing === 'spec' ? chart.id : `${chart.id}-phone`;
    const svg = checkedSize(chart, await renderSvg(prefix, compileChart(chart[drawing], (message) => said.add(message)), chart.id));
    // The alt text on the <svg role="img"> itself: Chromium writes it as the PDF Figure's /Alt.
    svgs.set(chart.id, svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(chart.alt)}" `));
    for (const reason of said) warnings.push(diagnostic('BP404', chart.specAt, { chart: chart.id, reason }));
  }
  return { svgs, warnings };
}

/**
 * Where a chart's phone drawing goes in the HTML until it is drawn: a comment naming this process's own random key,
 * which no briefing can write.
 */
const PHONE_SLOT = `briefpress-phone-chart-${randomUUID()}`;
const PHONE_SLOTS = new RegExp(`<!--${PHONE_SLOT}:([^>]*)-->`, 'g');

export const phoneSlot = (chartId: string) => `<!--${PHONE_SLOT}:${chartId}-->`;

/** The HTML with each slot holding its chart's phone drawing. */
export function fillPhoneSlots(html: string, drawingOf: (chartId: string) => string | undefined): string {
  return html.replace(PHONE_SLOTS, (_, id: string) => {
    const svg = drawingOf(id);
    if (svg === undefined) throw new Error(`chart "${id}" has no phone drawing`);
    return svg;
  });
}

/**
 * Validation bounds every size a spec states; a mark placed far outside its scale can still stretch the drawing,
 * and the workbook's PNG and the printed page would then need gigabytes. Both drawings are checked.
 */
function checkedSize(chart: ResolvedChart, svg: string): string {
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

export function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return { width: Number(match?.[1] ?? 0), height: Number(match?.[2] ?? 0) };
}
