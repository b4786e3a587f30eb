/** double_exponential_smoothing (experimental): Holt's linear smoothing of a window. */
import { EvalError, type FunctionImpl, type SeriesWindow } from '../values.js';
import { argRange, matrixArg, scalarArg } from './args.js';
import { formatGoFixed } from './go-float.js';
import { mapWindows } from './windows.js';

/**
 * The smoothed value at the window's last sample, for smoothing factor `sf` and trend factor `tf`;
 * the trend starts as the difference of the first two samples.
 */
export function doubleExponentialSmoothing({ vs, from, to }: SeriesWindow, sf: number, tf: number): number {
  let previous = 0;
  let smoothed = vs[from]!;
  let trend = vs[from + 1]! - smoothed;
  for (let i = from + 1; i < to; i++) {
    if (i > from + 1) trend = tf * (smoothed - previous) + (1 - tf) * trend;
    previous = smoothed;
    smoothed = sf * vs[i]! + (1 - sf) * (smoothed + trend);
  }
  return smoothed;
}

export const doubleExponentialSmoothingFn: FunctionImpl = (args, ctx) => {
  const sf = scalarArg(args, 1);
  const tf = scalarArg(args, 2);
  const matrix = matrixArg(args, 0);
  // Prometheus validates the factors only when a series has samples to smooth.
  if (matrix.series.some((w) => w.to > w.from)) {
    if (sf <= 0 || sf >= 1) {
      const message = `invalid smoothing factor. Expected: 0 < sf < 1, got: ${formatGoFixed(sf)}`;
      throw new EvalError(message, argRange(ctx, 1));
    }
    if (tf <= 0 || tf >= 1) {
      throw new EvalError(`invalid trend factor. Expected: 0 < tf < 1, got: ${formatGoFixed(tf)}`, argRange(ctx, 2));
    }
  }
  return mapWindows(matrix, ctx, (w) => (w.to - w.from < 2 ? undefined : doubleExponentialSmoothing(w, sf, tf)));
};
