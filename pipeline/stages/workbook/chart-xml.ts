// A chart plan as a DrawingML chart part (xl/charts/chartN.xml): a bar or line chart whose categories and series
// are cell ranges of the workbook, each with a cache of the values it was built with, so a reader that does not
// recalculate still draws it. Elements follow the order the OOXML schema requires (CT_ChartSpace, CT_BarChart,
// CT_CatAx, …), as XlsxWriter writes them; Excel refuses a part whose elements are out of order.
import { escapeXml } from '../../model/xml.js';
import { AXIS, CATEGORY_COLORS, GRID, INK, MUTED } from '../../theme/palette.js';
import type { ChartPlan, PlotCell } from './chart-plan.js';

/** Where a chart's cells are: the category range, and each series' name cell and value range, as absolute references. */
export interface ChartRanges {
  categories: string;
  series: { name: string; values: string }[];
}

const NS = 'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
/** DrawingML colours are hex without the "#". */
const hex = (color: string) => color.slice(1).toUpperCase();
/** Hundredths of a point. */
const TITLE_SIZE = 1200;
const TEXT_SIZE = 900;
/** A vertical axis title reads bottom to top. */
const ROTATED = -5400000;

export function chartXml(plan: ChartPlan, title: string, ranges: ChartRanges, axisIds: [number, number]): string {
  const [catId, valId] = axisIds;
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + `<c:chartSpace ${NS}><c:lang val="en-US"/><c:roundedCorners val="0"/><c:chart>`
    + `${titleXml(title, TITLE_SIZE, true)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>`
    + plotXml(plan, ranges, axisIds)
    + categoryAxis(plan, catId, valId)
    + valueAxis(plan, valId, catId)
    + '</c:plotArea>'
    + (plan.series.length > 1 ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${textProperties(TEXT_SIZE, INK)}</c:legend>` : '')
    + '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
    + `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>${textProperties(TEXT_SIZE, INK)}</c:chartSpace>`;
}

function plotXml(plan: ChartPlan, ranges: ChartRanges, [catId, valId]: [number, number]): string {
  const series = plan.series.map((s, i) => seriesXml(plan, i, ranges)).join('');
  const axes = `<c:axId val="${catId}"/><c:axId val="${valId}"/>`;
  if (plan.mark === 'line') return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`;
  const grouping = plan.grouping === 'overlaid' ? 'clustered' : plan.grouping;
  const overlap = plan.grouping === 'clustered' ? '' : '<c:overlap val="100"/>';
  return `<c:barChart><c:barDir val="${plan.horizontal ? 'bar' : 'col'}"/><c:grouping val="${grouping}"/><c:varyColors val="0"/>${series}<c:gapWidth val="60"/>${overlap}${axes}</c:barChart>`;
}

function seriesXml(plan: ChartPlan, index: number, ranges: ChartRanges): string {
  const { name, cells } = plan.series[index]!;
  const range = ranges.series[index]!;
  const color = hex(CATEGORY_COLORS[index % CATEGORY_COLORS.length]!);
  const shape = plan.mark === 'line'
    ? `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:round/></a:ln></c:spPr>`
      + (plan.markers ? `<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:marker>` : '<c:marker><c:symbol val="none"/></c:marker>')
    : `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr><c:invertIfNegative val="0"/>`;
  return `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>`
    + `<c:tx><c:strRef><c:f>${escapeXml(range.name)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeXml(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>`
    + shape
    + (plan.valueLabels ? dataLabels(cells, plan.grouping === 'clustered') : '')
    + `<c:cat>${categoryCache(plan.categories, ranges.categories)}</c:cat>`
    + `<c:val><c:numRef><c:f>${escapeXml(range.values)}</c:f>${numberCache(cells.map((c) => c?.value), cells.find(Boolean)?.format ?? 'General')}</c:numRef></c:val>`
    + (plan.mark === 'line' ? '<c:smooth val="0"/>' : '')
    + '</c:ser>';
}

/** Each bar's value as its cell shows it: one format for the series, or a label per bar where the formats differ. */
function dataLabels(cells: readonly (PlotCell | undefined)[], outside: boolean): string {
  const formats = [...new Set(cells.flatMap((c) => (c ? [c.format] : [])))];
  const position = outside ? '<c:dLblPos val="outEnd"/>' : '';
  const shown = '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>';
  const perPoint = formats.length > 1
    ? cells.map((cell, idx) => (cell ? `<c:dLbl><c:idx val="${idx}"/>${numberFormat(cell.format)}${textProperties(TEXT_SIZE, INK, true)}${position}${shown}</c:dLbl>` : '')).join('')
    : '';
  return `<c:dLbls>${perPoint}${numberFormat(formats[0] ?? 'General')}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${textProperties(TEXT_SIZE, INK, true)}${position}${shown}</c:dLbls>`;
}

function categoryAxis(plan: ChartPlan, id: number, crossId: number): string {
  // Vega-Lite lists horizontal bars top down, Excel bottom up: the axis runs max to min to keep the order.
  const orientation = plan.horizontal ? 'maxMin' : 'minMax';
  return `<c:catAx><c:axId val="${id}"/><c:scaling><c:orientation val="${orientation}"/></c:scaling><c:delete val="0"/>`
    + `<c:axPos val="${plan.horizontal ? 'l' : 'b'}"/>`
    + (plan.categoryTitle ? titleXml(plan.categoryTitle, TEXT_SIZE, false, plan.horizontal ? ROTATED : undefined) : '')
    + '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
    + `<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="${hex(AXIS)}"/></a:solidFill></a:ln></c:spPr>${textProperties(TEXT_SIZE, INK)}`
    + `<c:crossAx val="${crossId}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
}

function valueAxis(plan: ChartPlan, id: number, crossId: number): string {
  return `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/>${plan.fromZero ? '<c:min val="0"/>' : ''}</c:scaling><c:delete val="0"/>`
    + `<c:axPos val="${plan.horizontal ? 'b' : 'l'}"/>`
    + `<c:majorGridlines><c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="${hex(GRID)}"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`
    + (plan.valueTitle ? titleXml(plan.valueTitle, TEXT_SIZE, false, plan.horizontal ? undefined : ROTATED) : '')
    + `<c:numFmt formatCode="${escapeXml(plan.axisFormat)}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`
    + `<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>${textProperties(TEXT_SIZE, MUTED)}`
    // With the categories running max to min, the value axis crosses at the last one: the bottom of the chart.
    + `<c:crossAx val="${crossId}"/><c:crosses val="${plan.horizontal ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`;
}

function titleXml(text: string, size: number, bold: boolean, rotation?: number): string {
  const body = rotation === undefined ? '<a:bodyPr/>' : `<a:bodyPr rot="${rotation}" vert="horz"/>`;
  const run = `sz="${size}" b="${bold ? 1 : 0}"`;
  return `<c:title><c:tx><c:rich>${body}<a:lstStyle/><a:p><a:pPr><a:defRPr ${run}/></a:pPr>`
    + `<a:r><a:rPr lang="en-US" ${run}><a:solidFill><a:srgbClr val="${hex(bold ? INK : MUTED)}"/></a:solidFill></a:rPr><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`
    + '<c:overlay val="0"/></c:title>';
}

function textProperties(size: number, color: string, bold = false): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"><a:solidFill><a:srgbClr val="${hex(color)}"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>`;
}

function numberFormat(format: string): string {
  return `<c:numFmt formatCode="${escapeXml(format)}" sourceLinked="0"/>`;
}

function categoryCache(categories: readonly (string | number)[], range: string): string {
  const f = `<c:f>${escapeXml(range)}</c:f>`;
  if (categories.every((c) => typeof c === 'number')) return `<c:numRef>${f}${numberCache(categories as number[], 'General')}</c:numRef>`;
  const points = categories.map((c, i) => `<c:pt idx="${i}"><c:v>${escapeXml(String(c))}</c:v></c:pt>`).join('');
  return `<c:strRef>${f}<c:strCache><c:ptCount val="${categories.length}"/>${points}</c:strCache></c:strRef>`;
}

/** A blank cell has no point: a gap in the chart. */
function numberCache(values: readonly (number | undefined)[], format: string): string {
  const points = values.map((v, i) => (v === undefined ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('');
  return `<c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${values.length}"/>${points}</c:numCache>`;
}
