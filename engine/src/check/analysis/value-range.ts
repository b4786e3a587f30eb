/**
 * The interval that the values of an expression's result lie in, worked out from the tree alone:
 * counts and rates are never negative, `absent` is 1, `clamp` bounds, comparisons with `bool` give
 * 0 or 1, and arithmetic combines intervals. Unknown is (-Inf, +Inf). NaN results are ignored.
 */
import type { AggregateExpr, BinaryExpr, Call, Expr } from '../../promql/ast.js';
import { foldTree } from '../rule-nodes.js';

export interface ValueRange {
  min: number;
  max: number;
}

const UNKNOWN: ValueRange = { min: -Infinity, max: Infinity };
const NON_NEGATIVE: ValueRange = { min: 0, max: Infinity };
const AT_LEAST_ONE: ValueRange = { min: 1, max: Infinity };

const FIXED_RANGES: ReadonlyMap<string, ValueRange> = new Map([
  ['absent', { min: 1, max: 1 }],
  ['absent_over_time', { min: 1, max: 1 }],
  ['present_over_time', { min: 1, max: 1 }],
  ['count_over_time', AT_LEAST_ONE],
  ['changes', NON_NEGATIVE],
  ['resets', NON_NEGATIVE],
  ['rate', NON_NEGATIVE],
  ['irate', NON_NEGATIVE],
  ['increase', NON_NEGATIVE],
  ['abs', NON_NEGATIVE],
  ['sqrt', NON_NEGATIVE],
  ['exp', NON_NEGATIVE],
  ['time', NON_NEGATIVE],
  ['timestamp', NON_NEGATIVE],
  ['stddev_over_time', NON_NEGATIVE],
  ['stdvar_over_time', NON_NEGATIVE],
  ['sgn', { min: -1, max: 1 }],
  ['day_of_week', { min: 0, max: 6 }],
  ['day_of_month', { min: 1, max: 31 }],
  ['day_of_year', { min: 1, max: 366 }],
  ['days_in_month', { min: 28, max: 31 }],
  ['hour', { min: 0, max: 23 }],
  ['minute', { min: 0, max: 59 }],
  ['month', { min: 1, max: 12 }],
]);

/** Functions whose result values are those of their range or vector argument. */
const SAME_AS_ARGUMENT = new Set([
  'avg_over_time', 'min_over_time', 'max_over_time', 'last_over_time', 'first_over_time', 'quantile_over_time', 'mad_over_time',
  'ceil', 'floor', 'round', 'sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc', 'label_replace', 'label_join', 'scalar', 'vector',
]);

export function valueRange(root: Expr): ValueRange {
  return foldTree(root, rangeOfNode);
}

/** The value range of `node`, given those of its children in source order (childrenOf's); for foldTree. */
export function rangeOfNode(node: Expr, children: readonly ValueRange[]): ValueRange {
  switch (node.kind) {
    case 'NumberLiteral':
      return { min: node.value, max: node.value };
    case 'ParenExpr':
    case 'SubqueryExpr':
    case 'MatrixSelector':
      return children[0]!;
    case 'UnaryExpr': {
      const inner = children[0]!;
      return node.op === '-' ? { min: 0 - inner.max, max: 0 - inner.min } : inner;
    }
    case 'Call':
      return callRange(node, children);
    case 'AggregateExpr':
      // The parameter, when there is one, comes first.
      return aggregateRange(node, children[children.length - 1]!);
    case 'BinaryExpr':
      return binaryRange(node, children[0]!, children[1]!);
    default:
      return UNKNOWN;
  }
}

/** `args`: the ranges of the call's arguments. */
function callRange(node: Call, args: readonly ValueRange[]): ValueRange {
  const fixed = FIXED_RANGES.get(node.func);
  if (fixed) return fixed;
  const vectorArg = node.args.findIndex(isNotLiteral);
  const inner = vectorArg >= 0 ? args[vectorArg]! : args.length > 0 ? args[0]! : UNKNOWN;
  switch (node.func) {
    case 'clamp':
      return { min: Math.max(inner.min, literalArgument(node, 1) ?? -Infinity), max: Math.min(inner.max, literalArgument(node, 2) ?? Infinity) };
    case 'clamp_min':
      return { min: Math.max(inner.min, literalArgument(node, 1) ?? -Infinity), max: inner.max };
    case 'clamp_max':
      return { min: inner.min, max: Math.min(inner.max, literalArgument(node, 1) ?? Infinity) };
    case 'sum_over_time':
      return sumOf(inner);
    default:
      return SAME_AS_ARGUMENT.has(node.func) ? inner : UNKNOWN;
  }
}

function isNotLiteral(arg: Expr): boolean {
  return arg.kind !== 'NumberLiteral' && arg.kind !== 'StringLiteral';
}

/** The value of the call's `i`th argument when it is a number literal. */
function literalArgument(node: Call, i: number): number | undefined {
  const arg = node.args[i];
  return arg?.kind === 'NumberLiteral' ? arg.value : undefined;
}

function aggregateRange(node: AggregateExpr, inner: ValueRange): ValueRange {
  switch (node.op) {
    case 'count':
    case 'count_values':
      return AT_LEAST_ONE;
    case 'group':
      return { min: 1, max: 1 };
    case 'stddev':
    case 'stdvar':
      return NON_NEGATIVE;
    case 'sum':
      return sumOf(inner);
    default:
      return inner;
  }
}

/** Sums of values in `inner`: keep their sign, lose their size. */
function sumOf(inner: ValueRange): ValueRange {
  if (inner.min >= 0) return NON_NEGATIVE;
  if (inner.max <= 0) return { min: -Infinity, max: 0 };
  return UNKNOWN;
}

function binaryRange(node: BinaryExpr, a: ValueRange, b: ValueRange): ValueRange {
  switch (node.op) {
    case '==':
    case '!=':
    case '>':
    case '<':
    case '>=':
    case '<=':
      if (node.returnBool) return { min: 0, max: 1 };
      return node.lhs.kind === 'NumberLiteral' ? b : a;
    case 'and':
    case 'unless':
      return a;
    case 'or':
      return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) };
    case '+':
      return finite({ min: a.min + b.min, max: a.max + b.max });
    case '-':
      return finite({ min: a.min - b.max, max: a.max - b.min });
    case '*':
      return extremes(a.min * b.min, a.min * b.max, a.max * b.min, a.max * b.max);
    case '/':
      if (b.min <= 0 && b.max >= 0) return UNKNOWN;
      return extremes(a.min / b.min, a.min / b.max, a.max / b.min, a.max / b.max);
    default:
      return UNKNOWN;
  }
}

/** The range from the least to the greatest of four corner values. */
function extremes(a: number, b: number, c: number, d: number): ValueRange {
  return finite({ min: Math.min(a, b, c, d), max: Math.max(a, b, c, d) });
}

/** Infinity minus infinity and zero times infinity make NaN bounds: those mean unknown. */
function finite(range: ValueRange): ValueRange {
  return Number.isNaN(range.min) || Number.isNaN(range.max) ? UNKNOWN : range;
}
