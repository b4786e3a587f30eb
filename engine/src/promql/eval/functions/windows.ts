/** The common shape of range-vector functions: one output sample per non-empty series window. */
import type { FunctionContext, InstantVector, RangeVector, SeriesWindow } from '../values.js';
import { computed } from './args.js';

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
