/**
 * The evaluator's entry points: instant queries at one timestamp and range queries at every
 * step from start to end, with Prometheus's semantics (delayed metric-name removal included).
 * Every runtime failure surfaces as an EvalError.
 */
import type { Labels } from '../../labels/labels.js';
import type { SeriesSource } from '../../series/source.js';
import type { Expr } from '../ast.js';
import { checkRangeQueryType } from '../checker.js';
import { compile } from './compile.js';
import { compareLabels } from '../../labels/labels.js';
import { finalLabels } from './name-dropping.js';
import { forEachBatch, type EvalNode } from './nodes.js';
import { QueryContext, type QueryBounds, type QuerySettings } from './query-context.js';
import { RangeCollector, type CollectedColumns } from './range-collector.js';
import type { SharedSubexpressions } from './shared-subexpressions.js';
import { treeDepth } from '../ast-walk.js';
import { EvalError, type Annotation, type InstantVector, type RangeVector, type Value } from './values.js';

export interface EvalOptions {
  /** How far back instant selectors look for a sample. Default 300_000 (5 minutes). */
  lookbackDeltaMs?: number;
  /** The most samples a query may hold in memory. Default 50_000_000. */
  maxSamples?: number;
  /** The step of subqueries written without one (`x[1h:]`). Default 60_000 (1 minute). */
  defaultSubqueryStepMs?: number;
}

export interface InstantResult {
  value: Value;
  annotations: Annotation[];
}

export interface RangeSeries {
  labels: Labels;
  points: { t: number; v: number }[];
}

export interface RangeResult {
  series: RangeSeries[];
  annotations: Annotation[];
}

function settingsOf(opts: EvalOptions): QuerySettings {
  return {
    lookbackDeltaMs: opts.lookbackDeltaMs ?? 300_000,
    maxSamples: opts.maxSamples ?? 50_000_000,
    defaultSubqueryStepMs: opts.defaultSubqueryStepMs ?? 60_000,
  };
}

/** Runs `body`, turning anything it throws that is not an EvalError into one. */
function guarded<T>(expr: Expr, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof EvalError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new EvalError(`unexpected error: ${message}`, expr.range);
  }
}

/**
 * Evaluation recurses once per level of the tree, so a tree deeper than this is refused with an
 * error before it could exhaust the stack. Real expressions are a few dozen levels deep.
 */
export const MAX_EVAL_DEPTH = 500;

function refuseTooDeep(expr: Expr): void {
  const depth = treeDepth(expr);
  if (depth > MAX_EVAL_DEPTH) {
    throw new EvalError(`expression is nested too deeply to evaluate: ${depth} levels, the limit is ${MAX_EVAL_DEPTH}`, expr.range);
  }
}

export function evaluateInstant(expr: Expr, source: SeriesSource, timeMs: number, opts: EvalOptions = {}): InstantResult {
  return guarded(expr, () => {
    refuseTooDeep(expr);
    const ctx = new QueryContext(source, { startMs: timeMs, endMs: timeMs, stepMs: 0 }, settingsOf(opts), expr.range);
    const root = compile(expr, ctx);
    ctx.startStep();
    const value = instantValue(root, timeMs, ctx);
    return { value, annotations: ctx.annotations.list() };
  });
}

function instantValue(root: EvalNode, t: number, ctx: QueryContext): Value {
  switch (root.type) {
    case 'scalar':
      return { type: 'scalar', t, v: root.scalarsAt([t])[0]! };
    case 'string':
      return { type: 'string', t, value: root.value };
    case 'vector':
      return { type: 'vector', samples: finalVector(root.vectorsAt([t])[0]!, t, ctx) };
    case 'matrix':
      return { type: 'matrix', matrix: finalMatrix(root.matrixAt(t), ctx) };
  }
}

function finalVector(samples: InstantVector, t: number, ctx: QueryContext): InstantVector {
  const labels = finalLabels(samples, ctx.rootRange);
  return samples.map((s, i) => ({ labels: labels[i]!, t, v: s.v }));
}

function finalMatrix(matrix: RangeVector, ctx: QueryContext): RangeVector {
  const labels = finalLabels(matrix.series, ctx.rootRange);
  const series = matrix.series.map((w, i) => ({ labels: labels[i]!, ts: w.ts, vs: w.vs, from: w.from, to: w.to }));
  series.sort((a, b) => compareLabels(a.labels, b.labels));
  return { series, rangeStartMs: matrix.rangeStartMs, rangeEndMs: matrix.rangeEndMs };
}

export function evaluateRange(
  expr: Expr,
  source: SeriesSource,
  startMs: number,
  endMs: number,
  stepMs: number,
  opts: EvalOptions = {},
): RangeResult {
  return rangeQuery(expr, source, { startMs, endMs, stepMs }, opts, undefined, (collector, ctx) => ({
    series: collector.finish(),
    annotations: ctx.annotations.list(),
  }));
}

/**
 * The series of a range query, points in columns, that takes the values of subexpressions
 * declared in `shared` from there (see shared-subexpressions.ts). Annotations are not
 * collected: taken values come without theirs.
 */
export function evaluateRangeSharing(
  expr: Expr,
  source: SeriesSource,
  bounds: QueryBounds,
  opts: EvalOptions,
  shared: SharedSubexpressions,
): CollectedColumns[] {
  return rangeQuery(expr, source, bounds, opts, shared, (collector) => collector.finishColumns());
}

function rangeQuery<T>(
  expr: Expr,
  source: SeriesSource,
  bounds: QueryBounds,
  opts: EvalOptions,
  shared: SharedSubexpressions | undefined,
  finish: (collector: RangeCollector, ctx: QueryContext) => T,
): T {
  const { startMs, endMs, stepMs } = bounds;
  return guarded(expr, () => {
    if (!(stepMs > 0)) {
      throw new EvalError('zero or negative query resolution step widths are not accepted. Try a positive integer', expr.range);
    }
    refuseTooDeep(expr);
    const typeProblem = checkRangeQueryType(expr);
    if (typeProblem) throw new EvalError(typeProblem.message, typeProblem.range);
    const ctx = new QueryContext(source, { startMs, endMs, stepMs }, settingsOf(opts), expr.range);
    const root = compile(expr, ctx, shared);
    const collector = new RangeCollector(ctx, expr.range);
    forEachBatch(startMs, endMs, stepMs, (times) => {
      ctx.startStep();
      if (root.type === 'vector') collector.addBatch(root, times);
      else if (root.type === 'scalar') collector.addScalars(root.scalarsAt(times), times);
    });
    return finish(collector, ctx);
  });
}
