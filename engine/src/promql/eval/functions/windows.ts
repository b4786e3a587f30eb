/**
 * Range-vector functions that compute one value per series from its window alone. Each is
 * written once, as a WindowFunction; windowImpl makes the FunctionImpl of it, and the evaluator
 * may instead call it window by window (call.ts) without building vectors in between.
 */
import type { Labels } from '../../../labels/labels.js';
import type { FunctionContext, FunctionImpl, InstantVector, RangeVector, SeriesWindow } from '../values.js';
import { computed, matrixArg, scalarArg } from './args.js';
import type { CounterResets } from './counter-resets.js';

/** What a window function sees of a step besides the window. */
export interface WindowStep {
  /** The windows are `(rangeStartMs, rangeEndMs]`. */
  rangeStartMs: number;
  rangeEndMs: number;
  evalTimeMs: number;
  /** The range's duration in seconds (see durationSeconds). */
  rangeSeconds: number;
  /** The values of the call's other arguments, all scalars, in argument order. */
  params: number[];
  /**
   * When windows of one series at ascending steps come one after another (a range selector's):
   * the counter resets of the current window's series.
   */
  resets?: CounterResets;
}

/** Go's `time.Duration.Seconds()` for a whole number of milliseconds. */
export function durationSeconds(ms: number): number {
  const whole = Math.trunc(ms / 1000);
  return whole + ((ms - whole * 1000) * 1e6) / 1e9;
}

export interface WindowFunction {
  /** The position of the range-vector argument. */
  rangeArg: number;
  /** The value of a window that holds samples, or undefined for no output sample. */
  value(w: SeriesWindow, step: WindowStep): number | undefined;
  /** Outputs keep the series' name-drop flag rather than dropping the name (last_over_time). */
  keepName?: boolean;
  /** Adds the annotations of one call whose outputs have `labels` (in output order, at least one). */
  annotate?(labels: readonly Labels[], step: WindowStep, ctx: FunctionContext): void;
}

/** The FunctionImpl of a window function: one output sample per window that gives a value. */
export function windowImpl(f: WindowFunction): FunctionImpl {
  return (args, ctx) => {
    const params: number[] = [];
    for (let i = 0; i < args.length; i++) if (i !== f.rangeArg) params.push(scalarArg(args, i));
    const matrix = matrixArg(args, f.rangeArg);
    const { rangeStartMs, rangeEndMs } = matrix;
    const rangeSeconds = durationSeconds(rangeEndMs - rangeStartMs);
    const step: WindowStep = { rangeStartMs, rangeEndMs, evalTimeMs: ctx.evalTimeMs, rangeSeconds, params };
    const out = mapWindows(matrix, ctx, (w) => f.value(w, step), f.keepName);
    if (f.annotate && out.length > 0) f.annotate(out.map((s) => s.labels), step, ctx);
    return out;
  };
}

/**
 * Applies `compute` to each series window that holds samples; an undefined result yields no
 * sample. Outputs keep the series' labels and have their metric name dropped, unless
 * `keepName` is set (then the window's own drop flag carries over).
 */
export function mapWindows(
  matrix: RangeVector,
  ctx: FunctionContext,
  compute: (window: SeriesWindow) => number | undefined,
  keepName = false,
): InstantVector {
  const out: InstantVector = [];
  const t = ctx.evalTimeMs;
  for (const window of matrix.series) {
    if (window.to <= window.from) continue;
    const v = compute(window);
    if (v === undefined) continue;
    const { labels } = window;
    out.push(keepName ? { labels, t, v, dropName: window.dropName === true } : computed(labels, t, v));
  }
  return out;
}
