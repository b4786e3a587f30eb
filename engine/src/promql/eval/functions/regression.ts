/** deriv and predict_linear: least-squares linear regression over a window. */
import type { SeriesWindow } from '../values.js';
import { compensationAfter } from './kahan.js';
import type { WindowFunction } from './windows.js';

export interface Regression {
  /** Change per second. */
  slope: number;
  /** The fitted value at the intercept time. */
  intercept: number;
}

/**
 * Least-squares fit of value against time in seconds relative to `interceptTimeMs`, with
 * compensated sums. A constant series has slope 0 (NaN when the constant is infinite).
 */
export function linearRegression({ ts, vs, from, to }: SeriesWindow, interceptTimeMs: number): Regression {
  const firstY = vs[from]!;
  let constY = true;
  for (let i = from + 1; i < to && constY; i++) constY = vs[i] === firstY;
  if (constY) {
    return firstY === Infinity || firstY === -Infinity
      ? { slope: NaN, intercept: NaN }
      : { slope: 0, intercept: firstY };
  }
  const n = to - from;
  const { x, x2 } = timeSums(ts, from, to, interceptTimeMs);
  const { sum: y, timeProductSum: xy } = sumsAgainstTime(ts, vs, from, to, interceptTimeMs);
  const covXY = xy - (x * y) / n;
  const varX = x2 - (x * x) / n;
  const slope = covXY / varX;
  return { slope, intercept: y / n - (slope * x) / n };
}

/**
 * The compensated sums of a and a·x over a window, x being each sample's time in seconds from
 * `interceptTimeMs` and a the sample's value, or x itself when `values` is undefined.
 */
function sumsAgainstTime(
  ts: ArrayLike<number>,
  values: ArrayLike<number> | undefined,
  from: number,
  to: number,
  interceptTimeMs: number,
): { sum: number; timeProductSum: number } {
  let sum = 0;
  let c = 0;
  let productSum = 0;
  let productC = 0;
  for (let i = from; i < to; i++) {
    const x = (ts[i]! - interceptTimeMs) / 1e3;
    const a = values === undefined ? x : values[i]!;
    let t = sum + a;
    c = compensationAfter(sum, a, t, c);
    sum = t;
    const ax = a * x;
    t = productSum + ax;
    productC = compensationAfter(productSum, ax, t, productC);
    productSum = t;
  }
  return { sum: sum + c, timeProductSum: productSum + productC };
}

/** The compensated sums of x and x² over a window, x being its times in seconds from an intercept time. */
interface TimeSums {
  x: number;
  x2: number;
}

/**
 * The time sums of the last evenly spaced window: they depend only on the first time's distance
 * from the intercept, the spacing and the count, which evaluations of consecutive steps mostly
 * share.
 */
const lastEven = { offsetMs: NaN, spacingMs: NaN, count: 0, sums: { x: NaN, x2: NaN } };

function timeSums(ts: ArrayLike<number>, from: number, to: number, interceptTimeMs: number): TimeSums {
  const count = to - from;
  const offsetMs = ts[from]! - interceptTimeMs;
  const spacingMs = ts[from + 1]! - ts[from]!;
  let even = true;
  for (let i = 1; i < count && even; i++) even = ts[from + i]! - interceptTimeMs === offsetMs + i * spacingMs;
  if (even && offsetMs === lastEven.offsetMs && spacingMs === lastEven.spacingMs && count === lastEven.count) return lastEven.sums;
  const { sum, timeProductSum } = sumsAgainstTime(ts, undefined, from, to, interceptTimeMs);
  const sums = { x: sum, x2: timeProductSum };
  if (even) Object.assign(lastEven, { offsetMs, spacingMs, count, sums });
  return sums;
}

export const REGRESSION_WINDOW_FUNCTIONS = {
  /** The slope, fitted relative to the first sample's time for numerical accuracy. */
  deriv: { rangeArg: 0, value: (w) => (w.to - w.from < 2 ? undefined : linearRegression(w, w.ts[w.from]!).slope) },
  /** The fitted value `seconds` after the evaluation time. */
  predict_linear: {
    rangeArg: 0,
    value: (w, { evalTimeMs, params }) => {
      if (w.to - w.from < 2) return undefined;
      const { slope, intercept } = linearRegression(w, evalTimeMs);
      return slope * params[0]! + intercept;
    },
  },
} satisfies Record<string, WindowFunction>;
