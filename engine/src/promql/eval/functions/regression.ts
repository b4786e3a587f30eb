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
  let sumY = 0;
  let cY = 0;
  let sumXY = 0;
  let cXY = 0;
  for (let i = from; i < to; i++) {
    const y = vs[i]!;
    if (constY && i > from && y !== firstY) constY = false;
    const x = (ts[i]! - interceptTimeMs) / 1e3;
    let t = sumY + y;
    cY = compensationAfter(sumY, y, t, cY);
    sumY = t;
    const xy = x * y;
    t = sumXY + xy;
    cXY = compensationAfter(sumXY, xy, t, cXY);
    sumXY = t;
  }
  if (constY) {
    return firstY === Infinity || firstY === -Infinity
      ? { slope: NaN, intercept: NaN }
      : { slope: 0, intercept: firstY };
  }
  const n = to - from;
  const { x, x2 } = timeSums(ts, from, to, interceptTimeMs);
  const y = sumY + cY;
  const xy = sumXY + cXY;
  const covXY = xy - (x * y) / n;
  const varX = x2 - (x * x) / n;
  const slope = covXY / varX;
  return { slope, intercept: y / n - (slope * x) / n };
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
  let sumX = 0;
  let cX = 0;
  let sumX2 = 0;
  let cX2 = 0;
  for (let i = from; i < to; i++) {
    const x = (ts[i]! - interceptTimeMs) / 1e3;
    let t = sumX + x;
    cX = compensationAfter(sumX, x, t, cX);
    sumX = t;
    const xx = x * x;
    t = sumX2 + xx;
    cX2 = compensationAfter(sumX2, xx, t, cX2);
    sumX2 = t;
  }
  const sums = { x: sumX + cX, x2: sumX2 + cX2 };
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
