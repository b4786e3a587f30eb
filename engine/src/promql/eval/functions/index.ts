/**
 * The implementations of Prometheus v3.5's functions, by name, for the evaluator. `info` is not
 * here: it reads other series from storage, which is the evaluator's business.
 */
import type { FunctionImpl } from '../values.js';
import { absent, absentOverTime } from './absent.js';
import { changes, resets } from './counters.js';
import { histogramFraction, histogramQuantile, nativeHistogramsOnly } from './histogram.js';
import { labelJoin, labelReplace } from './label-functions.js';
import * as math from './math.js';
import * as overTime from './over-time.js';
import { delta, idelta, increase, irate, rate } from './rate.js';
import { deriv, predictLinear } from './regression.js';
import { doubleExponentialSmoothingFn } from './smoothing.js';
import { sort, sortByLabel, sortByLabelDesc, sortDesc } from './sort.js';
import * as time from './time.js';
import { scalar, vector } from './vector.js';

export { invalidQuantileWarning, quantile } from './quantile.js';
export { KahanSum, compensationAfter } from './kahan.js';

export const FUNCTION_IMPLS: Readonly<Record<string, FunctionImpl>> = Object.freeze({
  abs: math.abs,
  absent,
  absent_over_time: absentOverTime,
  acos: math.acos,
  acosh: math.acosh,
  asin: math.asin,
  asinh: math.asinh,
  atan: math.atan,
  atanh: math.atanh,
  avg_over_time: overTime.avgOverTime,
  ceil: math.ceil,
  changes,
  clamp: math.clamp,
  clamp_max: math.clampMax,
  clamp_min: math.clampMin,
  cos: math.cos,
  cosh: math.cosh,
  count_over_time: overTime.countOverTime,
  days_in_month: time.daysInMonthFn,
  day_of_month: time.dayOfMonth,
  day_of_week: time.dayOfWeek,
  day_of_year: time.dayOfYear,
  deg: math.deg,
  delta,
  deriv,
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
  idelta,
  increase,
  irate,
  label_join: labelJoin,
  label_replace: labelReplace,
  last_over_time: overTime.lastOverTime,
  ln: math.ln,
  log10: math.log10,
  log2: math.log2,
  mad_over_time: overTime.madOverTime,
  max_over_time: overTime.maxOverTime,
  min_over_time: overTime.minOverTime,
  minute: time.minute,
  month: time.month,
  pi: math.pi,
  predict_linear: predictLinear,
  present_over_time: overTime.presentOverTime,
  quantile_over_time: overTime.quantileOverTime,
  rad: math.rad,
  rate,
  resets,
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
  stddev_over_time: overTime.stddevOverTime,
  stdvar_over_time: overTime.stdvarOverTime,
  sum_over_time: overTime.sumOverTime,
  tan: math.tan,
  tanh: math.tanh,
  time: time.time,
  timestamp: time.timestamp,
  ts_of_last_over_time: overTime.tsOfLastOverTime,
  ts_of_max_over_time: overTime.tsOfMaxOverTime,
  ts_of_min_over_time: overTime.tsOfMinOverTime,
  vector,
  year: time.year,
});
