/** A rule's query as Prometheus's rule manager runs it: an instant query whose scalar result becomes a one-sample vector. */
import { Labels } from '../labels/labels.js';
import type { Expr } from '../promql/ast.js';
import { evaluateInstant, type EvalOptions } from '../promql/eval/evaluate.js';
import { EvalError, type InstantVector } from '../promql/eval/values.js';
import type { SeriesSource } from '../series/source.js';

export function queryVector(expr: Expr, source: SeriesSource, timeMs: number, options: EvalOptions = {}): InstantVector {
  const { value } = evaluateInstant(expr, source, timeMs, options);
  if (value.type === 'vector') return value.samples;
  if (value.type === 'scalar') return [{ labels: Labels.EMPTY, t: timeMs, v: value.v }];
  throw new EvalError('rule result is not a vector or scalar', expr.range);
}
