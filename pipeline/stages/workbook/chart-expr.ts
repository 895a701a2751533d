// A Vega expression as an Excel formula, with the value Vega computes for it, so a derived chart series (the
// market-size index of (1 + CAGR)^(year − 2023)) sits in cells as formulas over the data point's defined name,
// cached with the values the charts stage draws. Only the arithmetic a chart's `calculate` needs is translated;
// anything else is refused with the reason, and the figure keeps its picture.
import { parseExpression } from 'vega';

/** A field of a chart row: its value, and the Excel formula (without "=") that computes it. */
export interface Term {
  value: number | string;
  formula: string;
  /** The formula of value ÷ 100 when a cell stores exactly that: a percentage, which Excel keeps as a fraction. */
  hundredth?: string;
}

/** How the fields of one row read in formulas; `field` names the row's other fields. */
export interface RowScope {
  field(name: string): Term | undefined;
}

export class Untranslatable extends Error {}

interface Node {
  type: string;
  [key: string]: unknown;
}

/** Vega functions with an Excel function of the same meaning and argument order. */
const FUNCTIONS: Record<string, string> = { pow: 'POWER', sqrt: 'SQRT', abs: 'ABS', exp: 'EXP', log: 'LN', min: 'MIN', max: 'MAX' };
const MATH: Record<string, (...args: number[]) => number> = { pow: Math.pow, sqrt: Math.sqrt, abs: Math.abs, exp: Math.exp, log: Math.log, min: Math.min, max: Math.max };
const ARITHMETIC: Record<string, (a: number, b: number) => number> = { '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b };
const COMPARISON: Record<string, (a: unknown, b: unknown) => boolean> = {
  // Loose equality, as Vega compares.
  '==': (a, b) => a == b, '===': (a, b) => a === b, '!=': (a, b) => a != b, '!==': (a, b) => a !== b,
  '<': (a, b) => (a as number) < (b as number), '<=': (a, b) => (a as number) <= (b as number),
  '>': (a, b) => (a as number) > (b as number), '>=': (a, b) => (a as number) >= (b as number),
};

export function parse(expression: string): Node {
  try {
    return parseExpression(expression) as unknown as Node;
  } catch (error) {
    throw new Untranslatable(`the expression "${expression}" does not parse: ${(error as Error).message}`);
  }
}

/** The numbers of `sequence(start, stop[, step])` with literal arguments, as Vega gives them; undefined for any other expression. */
export function literalSequence(node: Node): number[] | undefined {
  if (node.type !== 'CallExpression' || (node.callee as Node).name !== 'sequence') return undefined;
  const args = (node.arguments as Node[]).map((arg) => (arg.type === 'Literal' && typeof arg.value === 'number' ? arg.value : NaN));
  const [start, stop, step = 1] = args;
  if (args.length < 2 || args.some(Number.isNaN) || step === 0) throw new Untranslatable('sequence() takes literal numbers here');
  const values: number[] = [];
  for (let v = start!; step > 0 ? v < stop! : v > stop!; v += step) values.push(v);
  return values;
}

/** A numeric expression of a row as a formula and its value. */
export function translate(node: Node, scope: RowScope): Term {
  switch (node.type) {
    case 'Literal':
      if (typeof node.value !== 'number') throw new Untranslatable(`the literal ${String(node.raw)} is not a number`);
      return { value: node.value, formula: String(node.raw) };
    case 'MemberExpression': {
      const term = scope.field(memberField(node));
      if (!term) throw new Untranslatable(`the field "${memberField(node)}" is not in the chart's rows`);
      return term;
    }
    case 'UnaryExpression': {
      const argument = translate(node.argument as Node, scope);
      if (node.operator === '+') return argument;
      if (node.operator !== '-' || typeof argument.value !== 'number') break;
      return { value: -argument.value, formula: `-${wrap(argument.formula)}` };
    }
    case 'BinaryExpression': {
      const operate = ARITHMETIC[node.operator as string];
      if (!operate) break;
      const [left, right] = [translate(node.left as Node, scope), translate(node.right as Node, scope)];
      // datum.value / 100 of a percentage is the stored fraction itself: the defined name, not (name*100)/100.
      if (node.operator === '/' && right.value === 100 && left.hundredth) return { value: (left.value as number) / 100, formula: left.hundredth };
      if (typeof left.value !== 'number' || typeof right.value !== 'number') throw new Untranslatable(`"${String(node.operator)}" is applied to text`);
      return { value: operate(left.value, right.value), formula: `${wrap(left.formula)}${String(node.operator)}${wrap(right.formula)}` };
    }
    case 'CallExpression': {
      const name = (node.callee as Node).name as string;
      if (!FUNCTIONS[name]) throw new Untranslatable(`the function ${name}() has no Excel equivalent here`);
      const args = (node.arguments as Node[]).map((arg) => translate(arg, scope));
      return { value: MATH[name]!(...args.map((a) => a.value as number)), formula: `${FUNCTIONS[name]}(${args.map((a) => a.formula).join(',')})` };
    }
  }
  throw new Untranslatable(`the expression part "${node.type}${node.operator ? ` ${String(node.operator)}` : ''}" has no Excel equivalent here`);
}

/** A filter's verdict on a row; filters are applied as the workbook is built. */
export function test(node: Node, row: (field: string) => unknown): boolean {
  return Boolean(evaluate(node, row));
}

function evaluate(node: Node, row: (field: string) => unknown): unknown {
  switch (node.type) {
    case 'Literal':
      return node.value;
    case 'MemberExpression':
      return row(memberField(node));
    case 'UnaryExpression':
      if (node.operator === '!') return !evaluate(node.argument as Node, row);
      if (node.operator === '-') return -(evaluate(node.argument as Node, row) as number);
      break;
    case 'LogicalExpression': {
      const left = evaluate(node.left as Node, row);
      return node.operator === '&&' ? left && evaluate(node.right as Node, row) : left || evaluate(node.right as Node, row);
    }
    case 'BinaryExpression': {
      const [left, right] = [evaluate(node.left as Node, row), evaluate(node.right as Node, row)];
      const compare = COMPARISON[node.operator as string];
      if (compare) return compare(left, right);
      const operate = ARITHMETIC[node.operator as string];
      if (operate) return operate(left as number, right as number);
      break;
    }
  }
  throw new Untranslatable(`the filter part "${node.type}" is not supported here`);
}

function memberField(node: Node): string {
  const object = node.object as Node;
  const property = node.property as Node;
  if (object.type !== 'Identifier' || object.name !== 'datum') throw new Untranslatable('only datum fields can be read');
  const name = node.computed ? property.value : property.name;
  if (typeof name !== 'string') throw new Untranslatable('a datum field is named by a computed expression');
  return name;
}

/** Parentheses around an operand that is itself an operation, so the formula keeps the expression's order. */
function wrap(formula: string): string {
  let depth = 0;
  for (const [i, c] of [...formula].entries()) {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && '+-*/^'.includes(c) && i > 0) return `(${formula})`;
  }
  return formula.startsWith('-') ? `(${formula})` : formula;
}
