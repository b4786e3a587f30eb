/** deriv and predict_linear: least-squares linear regression over a window. */
import type { FunctionImpl, SeriesWindow } from '../values.js';
import { matrixArg, scalarArg } from './args.js';
import { KahanSum } from './kahan.js';
import { mapWindows } from './windows.js';

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
  const sumX = new KahanSum();
  const sumY = new KahanSum();
  const sumXY = new KahanSum();
  const sumX2 = new KahanSum();
  const firstY = vs[from]!;
  let constY = true;
  for (let i = from; i < to; i++) {
    const y = vs[i]!;
    if (constY && i > from && y !== firstY) constY = false;
    const x = (ts[i]! - interceptTimeMs) / 1e3;
    sumX.add(x);
    sumY.add(y);
    sumXY.add(x * y);
    sumX2.add(x * x);
  }
  if (constY) {
    return firstY === Infinity || firstY === -Infinity
      ? { slope: NaN, intercept: NaN }
      : { slope: 0, intercept: firstY };
  }
  const n = to - from;
  const x = sumX.sum + sumX.c;
  const y = sumY.sum + sumY.c;
  const xy = sumXY.sum + sumXY.c;
  const x2 = sumX2.sum + sumX2.c;
  const covXY = xy - (x * y) / n;
  const varX = x2 - (x * x) / n;
  const slope = covXY / varX;
  return { slope, intercept: y / n - (slope * x) / n };
}

/** The slope, fitted relative to the first sample's time for numerical accuracy. */
export const deriv: FunctionImpl = (args, ctx) =>
  mapWindows(matrixArg(args, 0), ctx, (w) =>
    w.to - w.from < 2 ? undefined : linearRegression(w, w.ts[w.from]!).slope,
  );

/** The fitted value `seconds` after the evaluation time. */
export const predictLinear: FunctionImpl = (args, ctx) => {
  const seconds = scalarArg(args, 1);
  return mapWindows(matrixArg(args, 0), ctx, (w) => {
    if (w.to - w.from < 2) return undefined;
    const { slope, intercept } = linearRegression(w, ctx.evalTimeMs);
    return slope * seconds + intercept;
  });
};
