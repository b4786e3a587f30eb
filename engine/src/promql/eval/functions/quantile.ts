/** The φ-quantile of a set of values, shared by quantile_over_time and the `quantile` aggregation. */
import { formatGoFloat } from './go-float.js';

/** Prometheus's warning (without its `PromQL warning: ` prefix) for a NaN q or one outside [0, 1]. */
export function invalidQuantileWarning(q: number): string | undefined {
  return q >= 0 && q <= 1 ? undefined : `quantile value should be between 0 and 1, got ${formatGoFloat(q)}`;
}

function nanFirst(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Prometheus's `quantile`: sorts `values` in place (NaNs first) and interpolates linearly between
 * the two closest ranks. NaN for no values or a NaN `q`; -Inf for q < 0, +Inf for q > 1.
 */
export function quantile(q: number, values: Float64Array | number[]): number {
  const n = values.length;
  if (n === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (values instanceof Float64Array) sortNaNFirst(values);
  else values.sort(nanFirst);
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return values[lower]! * (1 - weight) + values[upper]! * weight;
}

function sortNaNFirst(values: Float64Array): void {
  let nans = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) {
      values[i] = values[nans]!;
      values[nans++] = v;
    }
  }
  values.subarray(nans).sort();
}
