// What a chart may cost to draw, judged from its spec before anything runs, so that a chart that validates draws
// in bounded time and memory and does not fail at render. Expressions (calculate, filter, test, expr, …) are
// parsed and may call only the functions listed here, read `datum`, constants and the spec's own params, and
// never reach object internals such as `(0).constructor` (BP405). What generates rows or text is bounded by
// literal arguments: sequence() and impute, density and quantile steps (LIMITS.chartRows, counted over the whole
// chart as flattening multiplies them), pad() and number formats (LIMITS.chartText); sizes are at most
// LIMITS.chartPixels (BP806). Regular expressions are refused: one pattern can take exponential time.
import { parseExpression } from 'vega-expression';
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import type { PathSegment, YamlSource } from '../../../diagnostics/yaml-source.js';
import { LIMITS } from '../../../model/limits.js';
import type { ValidationContext } from '../context.js';

/** Keys whose string value Vega-Lite reads as an expression. */
const EXPRESSION_KEYS = new Set(['calculate', 'filter', 'test', 'expr', 'labelExpr', 'signal', 'update']);

/** Expression functions a chart may call: pure, deterministic, bounded in what they return. A test runs each in the renderer. */
export const FUNCTIONS = new Set([
  'abs', 'acos', 'asin', 'atan', 'atan2', 'ceil', 'clamp', 'cos', 'exp', 'floor', 'hypot', 'isFinite', 'isNaN', 'log',
  'max', 'min', 'pow', 'round', 'sin', 'sqrt', 'tan',
  'isArray', 'isBoolean', 'isDate', 'isDefined', 'isNumber', 'isObject', 'isString', 'isValid',
  'toBoolean', 'toDate', 'toNumber', 'toString', 'if',
  'indexof', 'lastindexof', 'length', 'lower', 'upper', 'parseFloat', 'parseInt', 'replace', 'slice', 'split',
  'substring', 'trim', 'truncate', 'pad',
  'format', 'timeFormat', 'utcFormat', 'timeParse', 'utcParse', 'monthFormat', 'monthAbbrevFormat', 'dayFormat', 'dayAbbrevFormat',
  'datetime', 'date', 'day', 'dayofyear', 'year', 'quarter', 'month', 'week', 'hours', 'minutes', 'seconds',
  'milliseconds', 'time', 'timezoneoffset', 'utc', 'utcdate', 'utcday', 'utcdayofyear', 'utcyear', 'utcquarter',
  'utcmonth', 'utcweek', 'utchours', 'utcminutes', 'utcseconds', 'utcmilliseconds',
  'extent', 'inrange', 'peek', 'sequence', 'span',
]);

const CONSTANTS = new Set(['NaN', 'E', 'LN2', 'LN10', 'LOG2E', 'LOG10E', 'PI', 'SQRT1_2', 'SQRT2', 'MIN_VALUE', 'MAX_VALUE']);

/** Properties that lead from a value to the machinery behind it. */
const INTERNALS = /^(constructor|prototype|caller|callee|arguments|__.*)$/;

/** Numbers that size the drawing, in pixels (a `value` of a position channel included). */
const SIZES = new Set([
  'width', 'height', 'step', 'padding', 'spacing', 'fontSize', 'titleFontSize', 'labelFontSize', 'dx', 'dy',
  'xOffset', 'yOffset', 'radius', 'radius2', 'innerRadius', 'outerRadius', 'strokeWidth', 'titlePadding',
  'labelPadding', 'offset', 'x', 'y', 'x2', 'y2',
]);

/** A d3 number format: fill, align, sign, symbol, zero, width, comma, precision, trim, type. */
const NUMBER_FORMAT = /^(?:.?[<>=^])?[-+( ]?[$#]?0?(\d*),?(?:\.(\d+))?~?[a-z%]?$/i;

type Problem = { code: 'BP405'; reason: string } | { code: 'BP806'; what: string; actual: number; limit: number };

export function checkChartBudget({ charts, report }: ValidationContext): void {
  for (const { yaml, chart } of charts) {
    if (!chart) continue;
    const at = (path: PathSegment[]) => ({ file: yaml.file, ...yaml.locate(path) });
    const budget = new ChartBudget(chart.id, paramNames(chart.spec), chart.dataPoints.length);
    for (const { path, problem } of budget.judge(chart.spec, ['spec'])) {
      report(problem.code === 'BP405'
        ? diagnostic('BP405', at(path), { chart: chart.id, reason: problem.reason })
        : diagnostic('BP806', at(path), { what: problem.what, actual: problem.actual, limit: problem.limit }));
    }
  }
}

class ChartBudget {
  /** Rows the chart may hold: its data points, multiplied by every sequence or step that generates more. */
  #rows: number;
  #found: { path: PathSegment[]; problem: Problem }[] = [];

  constructor(readonly chart: string, readonly params: ReadonlySet<string>, dataRows: number) {
    this.#rows = Math.max(1, dataRows);
  }

  /** Every problem in the spec, walked without recursion (the YAML's depth is bounded, but a walk need not rely on it). */
  judge(spec: unknown, root: PathSegment[]): { path: PathSegment[]; problem: Problem }[] {
    const pending: { node: unknown; path: PathSegment[] }[] = [{ node: spec, path: root }];
    for (let next = pending.pop(); next; next = pending.pop()) {
      const { node, path } = next;
      if (Array.isArray(node)) {
        node.forEach((item, i) => pending.push({ node: item, path: [...path, i] }));
        continue;
      }
      if (!node || typeof node !== 'object') continue;
      const object = node as Record<string, unknown>;
      this.#generators(object, path);
      for (const [key, value] of Object.entries(object)) {
        const here = [...path, key];
        if (typeof value === 'string' && EXPRESSION_KEYS.has(key)) this.#expression(value, here);
        else if (typeof value === 'string' && key === 'format') this.#numberFormat(value, here);
        else if (key === 'bin' && value && typeof value === 'object' && !Array.isArray(value)) {
          this.#bin(value as Record<string, unknown>, here);
          pending.push({ node: value, path: here });
        } else if (key === 'formatType' && !['number', 'time', 'utc'].includes(String(value))) this.#refuse(here, `formatType "${String(value)}" is not one of number, time or utc`);
        else if (typeof value === 'number' && (SIZES.has(key) || (key === 'value' && SIZES.has(String(path.at(-1)))))) this.#size(key === 'value' ? String(path.at(-1)) : key, value, here);
        else pending.push({ node: value, path: here });
      }
    }
    return this.#found;
  }

  #refuse(path: PathSegment[], reason: string): void {
    this.#found.push({ path, problem: { code: 'BP405', reason } });
  }

  #over(path: PathSegment[], what: string, actual: number, limit: number): void {
    this.#found.push({ path, problem: { code: 'BP806', what, actual, limit } });
  }

  #size(key: string, value: number, path: PathSegment[]): void {
    if (Math.abs(value) > LIMITS.chartPixels) this.#over(path, `the ${key} of chart "${this.chart}" in pixels`, Math.abs(value), LIMITS.chartPixels);
  }

  /** Rows a chart generates: multiplied over the chart, since each flatten or impute may multiply the last. */
  #generate(count: number, path: PathSegment[], what: string): void {
    if (!Number.isFinite(count) || count < 0) return this.#refuse(path, `${what} does not give a finite number of rows`);
    this.#rows *= Math.max(1, Math.ceil(count));
    if (this.#rows > LIMITS.chartRows) this.#over(path, `the rows chart "${this.chart}" generates (${what} included)`, this.#rows, LIMITS.chartRows);
  }

  /** Transforms that make rows from numbers of their own. */
  #generators(object: Record<string, unknown>, path: PathSegment[]): void {
    const keyvals = (object.keyvals ?? undefined) as { start?: unknown; stop?: unknown; step?: unknown } | undefined;
    if (keyvals && !Array.isArray(keyvals) && typeof keyvals === 'object') {
      const { start = 0, stop, step = 1 } = keyvals;
      this.#generate(typeof stop === 'number' && typeof start === 'number' && typeof step === 'number' && step !== 0 ? (stop - start) / step : NaN, [...path, 'keyvals'], 'impute keyvals');
    }
    if ('density' in object) this.#generate(typeof object.steps === 'number' ? object.steps : 200, [...path, 'steps'], 'density steps');
    if ('quantile' in object && object.step !== undefined) this.#generate(typeof object.step === 'number' && object.step > 0 ? 1 / object.step : NaN, [...path, 'step'], 'quantile step');
  }

  /** A bin's count: at most LIMITS.chartBins, and a step only with the literal extent that bounds it. */
  #bin(bin: Record<string, unknown>, path: PathSegment[]): void {
    if (typeof bin.maxbins === 'number' && bin.maxbins > LIMITS.chartBins) this.#over([...path, 'maxbins'], `the bins of chart "${this.chart}"`, bin.maxbins, LIMITS.chartBins);
    if (bin.step === undefined && bin.steps === undefined && bin.minstep === undefined) return;
    const [low, high] = Array.isArray(bin.extent) ? bin.extent : [];
    const smallest = Math.min(...[bin.step, bin.minstep, ...(Array.isArray(bin.steps) ? bin.steps : [bin.steps])].filter((v): v is number => typeof v === 'number'));
    const bins = typeof low === 'number' && typeof high === 'number' && smallest > 0 ? (high - low) / smallest : NaN;
    if (!(bins <= LIMITS.chartBins)) this.#refuse(path, `a bin step needs a literal extent that gives at most ${LIMITS.chartBins} bins`);
  }

  #numberFormat(format: string, path: PathSegment[]): void {
    const match = NUMBER_FORMAT.exec(format);
    if (!match) return;
    const width = Number(match[1] || 0);
    const precision = Number(match[2] || 0);
    if (width > LIMITS.chartFormatWidth) this.#over(path, `the width of number format "${format.slice(0, 40)}"`, width, LIMITS.chartFormatWidth);
    if (precision > 20) this.#over(path, `the precision of number format "${format.slice(0, 40)}"`, precision, 20);
  }

  #expression(source: string, path: PathSegment[]): void {
    let ast: Node;
    try {
      ast = parseExpression(source) as Node;
    } catch {
      return; // The Vega-Lite compiler parses it too, and reports it (BP401).
    }
    // One problem per expression is enough to act on; the rest would repeat it.
    const before = this.#found.length;
    const pending: Node[] = [ast];
    for (let node = pending.pop(); node && this.#found.length === before; node = pending.pop()) {
      switch (node.type) {
        case 'Literal':
          if (node.regex) this.#refuse(path, `regular expressions are not allowed (/${node.regex.pattern}/): one can take exponential time`);
          break;
        case 'Identifier':
          if (node.name !== 'datum' && !CONSTANTS.has(node.name!) && !this.params.has(node.name!)) {
            this.#refuse(path, `"${node.name}" is not datum, a constant or a param of the chart`);
          }
          break;
        case 'MemberExpression': {
          const property = node.property!;
          // The parser gives datum["__proto__"] an Identifier property: its name is what would be read.
          const name = !node.computed || property.type === 'Identifier' ? property.name : property.type === 'Literal' && !property.regex ? String(property.value) : undefined;
          if (name === undefined) this.#refuse(path, 'a computed member must be a literal, such as datum["a field"]');
          else if (INTERNALS.test(name)) this.#refuse(path, `"${name}" leads to JavaScript internals and may not be read`);
          else if (node.computed && property.type === 'Identifier') this.#refuse(path, 'a computed member must be a literal, such as datum["a field"]');
          pending.push(node.object!);
          break;
        }
        case 'CallExpression':
          if (node.callee!.type === 'Identifier') this.#call(node, path);
          // What is called, when it is not a name, says more about the problem than that it has none: look there first.
          else pending.push({ type: 'UnnamedCall' }, node.callee!);
          pending.push(...node.arguments!);
          break;
        case 'UnnamedCall':
          this.#refuse(path, 'only functions called by name are allowed');
          break;
        case 'ObjectExpression':
          pending.push(...node.properties!.map((p) => p.value!));
          break;
        default:
          pending.push(...[node.argument, node.left, node.right, node.test, node.consequent, node.alternate, ...(node.elements ?? [])].filter((n): n is Node => !!n));
      }
    }
  }

  #call(node: Node, path: PathSegment[]): void {
    const name = node.callee!.name!;
    if (!FUNCTIONS.has(name)) return this.#refuse(path, `function "${name}" is not allowed; docs/threat-model.md lists those that are`);
    const args = node.arguments!.map(literal);
    if (name === 'sequence') {
      const [start, stop, step] = args.length === 1 ? [0, args[0], 1] : [args[0], args[1], args[2] ?? 1];
      const numbers = [start, stop, step].every((v) => typeof v === 'number') && step !== 0;
      if (!numbers) return this.#refuse(path, 'sequence() takes number literals, with a step other than 0');
      this.#generate(((stop as number) - (start as number)) / (step as number), path, 'sequence()');
    } else if (name === 'pad') {
      const [, width, fill] = args;
      if (typeof width !== 'number') return this.#refuse(path, 'pad() takes its length as a number literal');
      if (width > LIMITS.chartText) this.#over(path, `the length pad() makes in chart "${this.chart}"`, width, LIMITS.chartText);
      if (node.arguments!.length > 2 && !(typeof fill === 'string' && fill.length <= 1)) this.#refuse(path, 'pad() fills with one character, written as a literal');
    } else if (name === 'format') {
      if (typeof args[1] !== 'string') return this.#refuse(path, 'format() takes its format as a string literal');
      this.#numberFormat(args[1], path);
    }
  }
}

/** The ESTree-like nodes vega-expression's parser returns, as far as this check reads them. */
interface Node {
  type: string;
  name?: string;
  value?: unknown;
  regex?: { pattern: string };
  computed?: boolean;
  object?: Node;
  property?: Node;
  callee?: Node;
  arguments?: Node[];
  argument?: Node;
  operator?: string;
  left?: Node;
  right?: Node;
  test?: Node;
  consequent?: Node;
  alternate?: Node;
  elements?: Node[];
  properties?: { value?: Node }[];
}

/** The value of a literal argument (a negative number included), or undefined. */
function literal(node: Node): unknown {
  if (node.type === 'Literal' && !node.regex) return node.value;
  if (node.type === 'UnaryExpression' && node.operator === '-' && node.argument?.type === 'Literal' && typeof node.argument.value === 'number') return -node.argument.value;
  return undefined;
}

/** The names of the spec's params, which its expressions may read. */
function paramNames(spec: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  const pending: unknown[] = [spec];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (Array.isArray(node)) pending.push(...node);
    else if (node && typeof node === 'object') {
      const object = node as Record<string, unknown>;
      if (Array.isArray(object.params)) for (const param of object.params) if (typeof (param as { name?: unknown })?.name === 'string') names.add((param as { name: string }).name);
      pending.push(...Object.values(object));
    }
  }
  return names;
}
