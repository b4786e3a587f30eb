/**
 * The implementations of Prometheus v3.5's functions, by name, for the evaluator. `info` is not
 * here: it reads other series from storage, which is the evaluator's business.
 */
import type { FunctionImpl } from '../values.js';
import { absent, absentOverTime } from './absent.js';
import { COUNTER_WINDOW_FUNCTIONS } from './counters.js';
import { histogramFraction, histogramQuantile, nativeHistogramsOnly } from './histogram.js';
import { labelJoin, labelReplace } from './label-functions.js';
import * as math from './math.js';
import { OVER_TIME_WINDOW_FUNCTIONS } from './over-time.js';
import { RATE_WINDOW_FUNCTIONS } from './rate.js';
import { REGRESSION_WINDOW_FUNCTIONS } from './regression.js';
import { doubleExponentialSmoothingFn } from './smoothing.js';
import { sort, sortByLabel, sortByLabelDesc, sortDesc } from './sort.js';
import * as time from './time.js';
import { scalar, vector } from './vector.js';
import { windowImpl, type WindowFunction } from './windows.js';

export { invalidQuantileWarning, quantile } from './quantile.js';
export { KahanSum, compensationAfter } from './kahan.js';

/** The range-vector functions computed from each series' window alone (see windows.ts). */
export const WINDOW_FUNCTIONS: Readonly<Record<string, WindowFunction>> = Object.freeze({
  ...COUNTER_WINDOW_FUNCTIONS,
  ...OVER_TIME_WINDOW_FUNCTIONS,
  ...RATE_WINDOW_FUNCTIONS,
  ...REGRESSION_WINDOW_FUNCTIONS,
});

export const FUNCTION_IMPLS: Readonly<Record<string, FunctionImpl>> = Object.freeze({
  ...Object.fromEntries(Object.entries(WINDOW_FUNCTIONS).map(([name, f]) => [name, windowImpl(f)])),
  abs: math.abs,
  absent,
  absent_over_time: absentOverTime,
  acos: math.acos,
  acosh: math.acosh,
  asin: math.asin,
  asinh: math.asinh,
  atan: math.atan,
  atanh: math.atanh,
  ceil: math.ceil,
  clamp: math.clamp,
  clamp_max: math.clampMax,
  clamp_min: math.clampMin,
  cos: math.cos,
  cosh: math.cosh,
  days_in_month: time.daysInMonthFn,
  day_of_month: time.dayOfMonth,
  day_of_week: time.dayOfWeek,
  day_of_year: time.dayOfYear,
  deg: math.deg,
  double_exponential_smoothing: doubleExponentialSmoothingFn,
  exp: math.exp,
  floor: math.floor,
  histogram_avg: nativeHistogramsOnly,
  histogram_count: nativeHistogramsOnly,
  histogram_fraction: histogramFraction,
  histogram_quantile: histogramQuantile,
  histogram_stddev: nativeHistogramsOnly,
  histogram_stdvar: nativeHistogramsOnly,
  histogram_sum: nativeHistogramsOnly,
  hour: time.hour,
  label_join: labelJoin,
  label_replace: labelReplace,
  ln: math.ln,
  log10: math.log10,
  log2: math.log2,
  minute: time.minute,
  month: time.month,
  pi: math.pi,
  rad: math.rad,
  round: math.round,
  scalar,
  sgn: math.sgn,
  sin: math.sin,
  sinh: math.sinh,
  sort,
  sort_by_label: sortByLabel,
  sort_by_label_desc: sortByLabelDesc,
  sort_desc: sortDesc,
  sqrt: math.sqrt,
  tan: math.tan,
  tanh: math.tanh,
  time: time.time,
  timestamp: time.timestamp,
  vector,
  year: time.year,
});
