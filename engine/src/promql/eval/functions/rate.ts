/** rate, increase, delta (extrapolated over the range) and irate, idelta (last two samples). */
import { goQuote, type Labels } from '../../../labels/labels.js';
import type { FunctionContext, SeriesWindow } from '../values.js';
import { argRange, metricNameOf } from './args.js';
import type { CounterResets } from './counter-resets.js';
import type { WindowFunction, WindowStep } from './windows.js';

const COUNTER_SUFFIXES = ['_total', '_sum', '_count', '_bucket'];

export { durationSeconds } from './windows.js';

/**
 * The change of a series over `(rangeStartMs, rangeEndMs]` (per second when `isRate`),
 * extrapolated towards the range boundaries as Prometheus does: all the way when the first/last
 * sample is within 1.1 average sample intervals of the boundary, else by half an interval;
 * counters are never extrapolated below zero. Undefined for fewer than two samples.
 * `rangeSeconds`, for rates, is the range's duration in seconds (see durationSeconds);
 * `resets`, when given, knows the counter resets of the window's series.
 */
export function extrapolatedRate(
  w: SeriesWindow,
  rangeStartMs: number,
  rangeEndMs: number,
  isCounter: boolean,
  rangeSeconds: number | undefined,
  resets?: CounterResets,
): number | undefined {
  const { ts, vs, from, to } = w;
  const intervals = to - from - 1;
  if (intervals < 1) return undefined;
  const firstT = ts[from]!;
  const lastT = ts[to - 1]!;
  const firstV = vs[from]!;
  let change = vs[to - 1]! - firstV;
  if (isCounter && resets) change = resets.corrected(vs, from, to, change);
  else if (isCounter) {
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
  if (rangeSeconds !== undefined) factor /= rangeSeconds;
  return change * factor;
}

/** rate, increase and delta of one window; counters are corrected for resets. */
function extrapolation(isCounter: boolean, isRate: boolean): WindowFunction {
  return {
    rangeArg: 0,
    value: (w, step) =>
      extrapolatedRate(w, step.rangeStartMs, step.rangeEndMs, isCounter, isRate ? step.rangeSeconds : undefined, step.resets),
    annotate: isCounter ? noteNonCounters : undefined,
  };
}

/** Prometheus's info for rate/increase over series whose name does not look like a counter's. */
function noteNonCounters(labels: readonly Labels[], _step: WindowStep, ctx: FunctionContext): void {
  let previous = '';
  for (const sampleLabels of labels) {
    const name = metricNameOf(sampleLabels);
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
function lastChange(isRate: boolean): WindowFunction {
  return {
    rangeArg: 0,
    value: ({ ts, vs, from, to }) => {
      if (to - from < 2) return undefined;
      const intervalMs = ts[to - 1]! - ts[to - 2]!;
      if (intervalMs === 0) return undefined;
      const last = vs[to - 1]!;
      const previous = vs[to - 2]!;
      const change = isRate && last < previous ? last : last - previous;
      return isRate ? change / (intervalMs / 1000) : change;
    },
  };
}

export const RATE_WINDOW_FUNCTIONS = {
  rate: extrapolation(true, true),
  increase: extrapolation(true, false),
  delta: extrapolation(false, false),
  irate: lastChange(true),
  idelta: lastChange(false),
} satisfies Record<string, WindowFunction>;
