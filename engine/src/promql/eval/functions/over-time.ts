/** The `*_over_time` functions: one value per series from the samples in its window. */
import type { SeriesWindow } from '../values.js';
import { argRange } from './args.js';
import { compensationAfter, KahanSum } from './kahan.js';
import { invalidQuantileWarning, quantile } from './quantile.js';
import { copyToScratch } from './scratch.js';
import type { WindowFunction } from './windows.js';

/** A window function of the window alone, of the range argument at position 0. */
const ofWindow = (value: (w: SeriesWindow) => number, keepName = false): WindowFunction => ({ rangeArg: 0, value, keepName });

const sumOverTime = ofWindow(({ vs, from, to }) => {
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

const avgOverTime = ofWindow(windowMean);
const countOverTime = ofWindow(({ from, to }) => to - from);
const presentOverTime = ofWindow(() => 1);

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

const maxOverTime = ofWindow(({ vs, from, to }) => vs[extremeIndex(vs, from, to, true, false)]!);
const minOverTime = ofWindow(({ vs, from, to }) => vs[extremeIndex(vs, from, to, false, false)]!);
const tsOfMaxOverTime = ofWindow(({ ts, vs, from, to }) => ts[extremeIndex(vs, from, to, true, true)]! / 1000);
const tsOfMinOverTime = ofWindow(({ ts, vs, from, to }) => ts[extremeIndex(vs, from, to, false, true)]! / 1000);
const tsOfLastOverTime = ofWindow(({ ts, to }) => ts[to - 1]! / 1000);
/** Acts like an offset, so unlike the other range functions it keeps the metric name. */
const lastOverTime = ofWindow(({ vs, to }) => vs[to - 1]!, true);

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

const stdvarOverTime = ofWindow(windowVariance);
const stddevOverTime = ofWindow((w) => Math.sqrt(windowVariance(w)));

const quantileOverTime: WindowFunction = {
  rangeArg: 1,
  value: ({ vs, from, to }, { params }) => quantile(params[0]!, copyToScratch(vs, from, to)),
  annotate: (_labels, { params }, ctx) => {
    const warning = invalidQuantileWarning(params[0]!);
    if (warning) ctx.annotations.warn(warning, argRange(ctx, 0));
  },
};

/** Median absolute deviation from the median. */
const madOverTime = ofWindow(({ vs, from, to }) => {
  const values = copyToScratch(vs, from, to);
  const median = quantile(0.5, values);
  for (let i = 0; i < values.length; i++) values[i] = Math.abs(values[i]! - median);
  return quantile(0.5, values);
});

export const OVER_TIME_WINDOW_FUNCTIONS = {
  avg_over_time: avgOverTime,
  count_over_time: countOverTime,
  last_over_time: lastOverTime,
  mad_over_time: madOverTime,
  max_over_time: maxOverTime,
  min_over_time: minOverTime,
  present_over_time: presentOverTime,
  quantile_over_time: quantileOverTime,
  stddev_over_time: stddevOverTime,
  stdvar_over_time: stdvarOverTime,
  sum_over_time: sumOverTime,
  ts_of_last_over_time: tsOfLastOverTime,
  ts_of_max_over_time: tsOfMaxOverTime,
  ts_of_min_over_time: tsOfMinOverTime,
} satisfies Record<string, WindowFunction>;
