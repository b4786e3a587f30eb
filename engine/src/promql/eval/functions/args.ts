/** Reading a function's evaluated arguments and building its output samples. */
import { Labels } from '../../../labels/labels.js';
import type { Expr, TextRange } from '../../ast.js';
import type { FunctionContext, InstantVector, RangeVector, Sample, Value } from '../values.js';

export const METRIC_NAME = '__name__';

function mismatch(index: number, expected: string, found: Value | undefined): Error {
  return new Error(`function argument ${index + 1}: expected a ${expected}, found ${found ? found.type : 'nothing'}`);
}

export function scalarArg(args: readonly Value[], index: number): number {
  const arg = args[index];
  if (arg?.type !== 'scalar') throw mismatch(index, 'scalar', arg);
  return arg.v;
}

export function vectorArg(args: readonly Value[], index: number): InstantVector {
  const arg = args[index];
  if (arg?.type !== 'vector') throw mismatch(index, 'vector', arg);
  return arg.samples;
}

export function matrixArg(args: readonly Value[], index: number): RangeVector {
  const arg = args[index];
  if (arg?.type !== 'matrix') throw mismatch(index, 'matrix', arg);
  return arg.matrix;
}

export function stringArg(args: readonly Value[], index: number): string {
  const arg = args[index];
  if (arg?.type !== 'string') throw mismatch(index, 'string', arg);
  return arg.value;
}

/** The expression inside any number of parentheses, as Prometheus unwraps call arguments. */
export function unwrapParens(expr: Expr): Expr {
  let e = expr;
  while (e.kind === 'ParenExpr') e = e.expr;
  return e;
}

/** Where the call's argument `index` was written (without parentheses), for annotations and errors. */
export function argRange(ctx: FunctionContext, index: number): TextRange {
  const arg = ctx.call.args[index];
  return arg ? unwrapParens(arg).range : ctx.call.range;
}

/** The metric name of `labels`, '' for none; it sorts first among the usual label names. */
export function metricNameOf(labels: Labels): string {
  return labels.names[0] === METRIC_NAME ? labels.values[0]! : labels.get(METRIC_NAME);
}

/** A sample computed by a function: stamped at the evaluation time, metric name dropped later. */
export function computed(labels: Labels, t: number, v: number): Sample {
  return { labels, t, v, dropName: true };
}

/** A one-sample vector without labels: how scalar-returning functions and `vector()` answer. */
export function unlabelled(t: number, v: number): InstantVector {
  return [{ labels: Labels.EMPTY, t, v, dropName: false }];
}
