/** rate, increase, delta (extrapolated over the range) and irate, idelta (last two samples). */
import { goQuote } from '../../../labels/labels.js';
import type { FunctionContext, FunctionImpl, InstantVector, SeriesWindow, Value } from '../values.js';
import { argRange, matrixArg, METRIC_NAME } from './args.js';
import { mapWindows } from './windows.js';

const COUNTER_SUFFIXES = ['_total', '_sum', '_count', '_bucket'];

/** Go's `time.Duration.Seconds()` for a whole number of milliseconds. */
export function durationSeconds(ms: number): number {
  const whole = Math.trunc(ms / 1000);
  return whole + ((ms - whole * 1000) * 1e6) / 1e9;
}

/**
 * The change of a series over `(rangeStartMs, rangeEndMs]` (per second when `isRate`),
 * extrapolated towards the range boundaries as Prometheus does: all the way when the first/last
 * sample is within 1.1 average sample intervals of the boundary, else by half an interval;
 * counters are never extrapolated below zero. Undefined for fewer than two samples.
 */
export function extrapolatedRate(
  w: SeriesWindow,
  rangeStartMs: number,
  rangeEndMs: number,
  isCounter: boolean,
  isRate: boolean,
): number | undefined {
  const { ts, vs, from, to } = w;
  const intervals = to - from - 1;
  if (intervals < 1) return undefined;
  const firstT = ts[from]!;
  const lastT = ts[to - 1]!;
  const firstV = vs[from]!;
  let change = vs[to - 1]! - firstV;
  if (isCounter) {
    let prev = firstV;
    for (let i = from + 1; i < to; i++) {
      const cur = vs[i]!;
      if (cur < prev) change += prev;
      prev = cur;
    }
  }

  const sampledInterval = (lastT - firstT) / 1000;
  const averageInterval = sampledInterval / intervals;
  const threshold = averageInterval * 1.1;
  let toStart = (firstT - rangeStartMs) / 1000;
  let toEnd = (rangeEndMs - lastT) / 1000;
  if (toStart >= threshold) toStart = averageInterval / 2;
  if (isCounter && change > 0 && firstV >= 0) {
    const toZero = sampledInterval * (firstV / change);
    if (toZero < toStart) toStart = toZero;
  }
  if (toEnd >= threshold) toEnd = averageInterval / 2;
  let factor = (sampledInterval + toStart + toEnd) / sampledInterval;
  if (isRate) factor /= durationSeconds(rangeEndMs - rangeStartMs);
  return change * factor;
}

function extrapolated(args: Value[], ctx: FunctionContext, isCounter: boolean, isRate: boolean): InstantVector {
  const matrix = matrixArg(args, 0);
  const { rangeStartMs, rangeEndMs } = matrix;
  const out = mapWindows(matrix, ctx, (w) => extrapolatedRate(w, rangeStartMs, rangeEndMs, isCounter, isRate));
  if (isCounter) noteNonCounters(out, ctx);
  return out;
}

/** Prometheus's info for rate/increase over series whose name does not look like a counter's. */
function noteNonCounters(out: InstantVector, ctx: FunctionContext): void {
  let previous = '';
  for (const sample of out) {
    const name = sample.labels.get(METRIC_NAME);
    // Series of one metric come together: note each name once, not once per sample.
    if (name === previous) continue;
    previous = name;
    if (name === '' || COUNTER_SUFFIXES.some((suffix) => name.endsWith(suffix))) continue;
    ctx.annotations.info(
      `metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${goQuote(name)}`,
      argRange(ctx, 0),
    );
  }
}

/** The change between the last two samples; per second for irate, where a drop counts as a reset. */
function instant(args: Value[], ctx: FunctionContext, isRate: boolean): InstantVector {
  return mapWindows(matrixArg(args, 0), ctx, ({ ts, vs, from, to }) => {
    if (to - from < 2) return undefined;
    const intervalMs = ts[to - 1]! - ts[to - 2]!;
    if (intervalMs === 0) return undefined;
    const last = vs[to - 1]!;
    const previous = vs[to - 2]!;
    const change = isRate && last < previous ? last : last - previous;
    return isRate ? change / (intervalMs / 1000) : change;
  });
}

export const rate: FunctionImpl = (args, ctx) => extrapolated(args, ctx, true, true);
export const increase: FunctionImpl = (args, ctx) => extrapolated(args, ctx, true, false);
export const delta: FunctionImpl = (args, ctx) => extrapolated(args, ctx, false, false);
export const irate: FunctionImpl = (args, ctx) => instant(args, ctx, true);
export const idelta: FunctionImpl = (args, ctx) => instant(args, ctx, false);
