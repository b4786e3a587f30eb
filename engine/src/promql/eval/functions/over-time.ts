/** The `*_over_time` functions: one value per series from the samples in its window. */
import type { FunctionImpl, SeriesWindow } from '../values.js';
import { argRange, matrixArg, scalarArg } from './args.js';
import { compensationAfter, KahanSum } from './kahan.js';
import { invalidQuantileWarning, quantile } from './quantile.js';
import { copyToScratch } from './scratch.js';
import { mapWindows } from './windows.js';

export const sumOverTime: FunctionImpl = (args, ctx) =>
  mapWindows(matrixArg(args, 0), ctx, ({ vs, from, to }) => {
    const acc = new KahanSum();
    for (let i = from; i < to; i++) acc.add(vs[i]!);
    return acc.value();
  });

/**
 * The mean by a compensated sum, divided at the end; once that sum would overflow, the mean is
 * continued incrementally from there, as Prometheus does.
 */
export function windowMean({ vs, from, to }: SeriesWindow): number {
  let sum = vs[from]!;
  let c = 0;
  let count = 1;
  let mean = 0;
  let incremental = false;
  for (let i = from + 1; i < to; i++) {
    const v = vs[i]!;
    count = i - from + 1;
    if (!incremental) {
      const t = sum + v;
      if (t !== Infinity && t !== -Infinity) {
        c = compensationAfter(sum, v, t, c);
        sum = t;
        continue;
      }
      incremental = true;
      mean = sum / (count - 1);
      c /= count - 1;
    }
    const q = (count - 1) / count;
    const scaledMean = q * mean;
    const inc = v / count;
    const t = scaledMean + inc;
    c = compensationAfter(scaledMean, inc, t, q * c);
    mean = t;
  }
  return incremental ? mean + c : sum / count + c / count;
}

export const avgOverTime: FunctionImpl = (args, ctx) => mapWindows(matrixArg(args, 0), ctx, windowMean);

export const countOverTime: FunctionImpl = (args, ctx) =>
  mapWindows(matrixArg(args, 0), ctx, ({ from, to }) => to - from);

export const presentOverTime: FunctionImpl = (args, ctx) => mapWindows(matrixArg(args, 0), ctx, () => 1);

/**
 * Index of the largest (or smallest) value; ties go to the earliest sample, or to the latest with
 * `lastOfEqual`. A NaN is displaced by whatever follows it, so NaN wins only where it is last.
 */
function extremeIndex(vs: ArrayLike<number>, from: number, to: number, wantMax: boolean, lastOfEqual: boolean): number {
  let best = from;
  let bestV = vs[from]!;
  for (let i = from + 1; i < to; i++) {
    const v = vs[i]!;
    const wins = wantMax
      ? v > bestV || (lastOfEqual && v === bestV)
      : v < bestV || (lastOfEqual && v === bestV);
    if (wins || bestV !== bestV) {
      best = i;
      bestV = v;
    }
  }
  return best;
}

export const maxOverTime: FunctionImpl = (args, ctx) =>
  mapWindows(matrixArg(args, 0), ctx, ({ vs, from, to }) => vs[extremeIndex(vs, from, to, true, false)]!);

export const minOverTime: FunctionImpl = (args, ctx) =>
  mapWindows(matrixArg(args, 0), ctx, ({ vs, from, to }) => vs[extremeIndex(vs, from, to, false, false)]!);

export const tsOfMaxOverTime: FunctionImpl = (args, ctx) =>
  mapWindows(matrixArg(args, 0), ctx, ({ ts, vs, from, to }) => ts[extremeIndex(vs, from, to, true, true)]! / 1000);

export const tsOfMinOverTime: FunctionImpl = (args, ctx) =>
  mapWindows(matrixArg(args, 0), ctx, ({ ts, vs, from, to }) => ts[extremeIndex(vs, from, to, false, true)]! / 1000);

export const tsOfLastOverTime: FunctionImpl = (args, ctx) =>
  mapWindows(matrixArg(args, 0), ctx, ({ ts, to }) => ts[to - 1]! / 1000);

/** Acts like an offset, so unlike the other range functions it keeps the metric name. */
export const lastOverTime: FunctionImpl = (args, ctx) =>
  mapWindows(matrixArg(args, 0), ctx, ({ vs, to }) => vs[to - 1]!, true);

/** Population variance by Welford's method with compensated sums, as Prometheus computes it. */
export function windowVariance({ vs, from, to }: SeriesWindow): number {
  const mean = new KahanSum();
  const aux = new KahanSum();
  let count = 0;
  for (let i = from; i < to; i++) {
    const v = vs[i]!;
    count++;
    const delta = v - (mean.sum + mean.c);
    mean.add(delta / count);
    aux.add(delta * (v - (mean.sum + mean.c)));
  }
  return (aux.sum + aux.c) / count;
}

export const stdvarOverTime: FunctionImpl = (args, ctx) => mapWindows(matrixArg(args, 0), ctx, windowVariance);

export const stddevOverTime: FunctionImpl = (args, ctx) =>
  mapWindows(matrixArg(args, 0), ctx, (w) => Math.sqrt(windowVariance(w)));

export const quantileOverTime: FunctionImpl = (args, ctx) => {
  const q = scalarArg(args, 0);
  const out = mapWindows(matrixArg(args, 1), ctx, ({ vs, from, to }) => quantile(q, copyToScratch(vs, from, to)));
  const warning = invalidQuantileWarning(q);
  if (warning && out.length > 0) ctx.annotations.warn(warning, argRange(ctx, 0));
  return out;
};

/** Median absolute deviation from the median. */
export const madOverTime: FunctionImpl = (args, ctx) =>
  mapWindows(matrixArg(args, 0), ctx, ({ vs, from, to }) => {
    const values = copyToScratch(vs, from, to);
    const median = quantile(0.5, values);
    for (let i = 0; i < values.length; i++) values[i] = Math.abs(values[i]! - median);
    return quantile(0.5, values);
  });
