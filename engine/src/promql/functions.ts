/**
 * The one table of PromQL functions and aggregation operators: signature and documentation.
 * Checking, evaluation, completion, hover and signature help all read it. Signatures follow
 * Prometheus v3.5.0 exactly.
 */
import type { AggregateOp, ValueType } from './ast.js';

export interface FunctionSignature {
  name: string;
  argTypes: ValueType[];
  /** 0: exactly argTypes; n > 0: the last n argTypes are optional; -1: the last type repeats. */
  variadic: number;
  returnType: ValueType;
  /** Marked experimental upstream (behind a feature flag in Prometheus). */
  experimental: boolean;
  /** One or two sentences for hover and completion. */
  doc: string;
}

type Shorthand = 's' | 'v' | 'm' | 'str';
const TYPE_OF: Record<Shorthand, ValueType> = { s: 'scalar', v: 'vector', m: 'matrix', str: 'string' };

interface Spec {
  args: Shorthand[];
  ret?: Shorthand;
  variadic?: number;
  experimental?: boolean;
  doc: string;
}

const SPECS: Record<string, Spec> = {
  abs: { args: ['v'], doc: 'Absolute value of every sample.' },
  absent: {
    args: ['v'],
    doc: 'Returns a one-element vector with value 1 when the argument has no samples, and an empty vector otherwise; labels come from the equality matchers of the selector.',
  },
  absent_over_time: {
    args: ['m'],
    doc: 'Returns a one-element vector with value 1 when the range has no samples at all, and an empty vector otherwise.',
  },
  acos: { args: ['v'], doc: 'Arccosine of every sample, in radians.' },
  acosh: { args: ['v'], doc: 'Inverse hyperbolic cosine of every sample.' },
  asin: { args: ['v'], doc: 'Arcsine of every sample, in radians.' },
  asinh: { args: ['v'], doc: 'Inverse hyperbolic sine of every sample.' },
  atan: { args: ['v'], doc: 'Arctangent of every sample, in radians.' },
  atanh: { args: ['v'], doc: 'Inverse hyperbolic tangent of every sample.' },
  avg_over_time: { args: ['m'], doc: 'Mean of all sample values in the range, per series.' },
  ceil: { args: ['v'], doc: 'Rounds every sample up to the nearest integer.' },
  changes: { args: ['m'], doc: 'Number of times the value changed within the range, per series.' },
  clamp: {
    args: ['v', 's', 's'],
    doc: 'Limits every sample to the interval [min, max]; returns an empty vector when min is greater than max.',
  },
  clamp_max: { args: ['v', 's'], doc: 'Limits every sample to at most the given maximum.' },
  clamp_min: { args: ['v', 's'], doc: 'Limits every sample to at least the given minimum.' },
  cos: { args: ['v'], doc: 'Cosine of every sample (in radians).' },
  cosh: { args: ['v'], doc: 'Hyperbolic cosine of every sample.' },
  count_over_time: { args: ['m'], doc: 'Number of samples in the range, per series.' },
  days_in_month: {
    args: ['v'],
    variadic: 1,
    doc: 'Number of days in the month (28 to 31) of each sample value read as a Unix timestamp in UTC; defaults to vector(time()).',
  },
  day_of_month: {
    args: ['v'],
    variadic: 1,
    doc: 'Day of the month (1 to 31) of each sample value read as a Unix timestamp in UTC; defaults to vector(time()).',
  },
  day_of_week: {
    args: ['v'],
    variadic: 1,
    doc: 'Day of the week (0 for Sunday to 6) of each sample value read as a Unix timestamp in UTC; defaults to vector(time()).',
  },
  day_of_year: {
    args: ['v'],
    variadic: 1,
    doc: 'Day of the year (1 to 366) of each sample value read as a Unix timestamp in UTC; defaults to vector(time()).',
  },
  deg: { args: ['v'], doc: 'Converts every sample from radians to degrees.' },
  delta: {
    args: ['m'],
    doc: 'Difference between the first and last value in the range, extrapolated to the range edges; meant for gauges.',
  },
  deriv: { args: ['m'], doc: 'Per-second derivative of a gauge over the range, by simple linear regression.' },
  exp: { args: ['v'], doc: 'Raises e to the power of every sample.' },
  floor: { args: ['v'], doc: 'Rounds every sample down to the nearest integer.' },
  histogram_avg: { args: ['v'], doc: 'Arithmetic mean of the observations in each native histogram.' },
  histogram_count: { args: ['v'], doc: 'Number of observations in each native histogram.' },
  histogram_sum: { args: ['v'], doc: 'Sum of the observations in each native histogram.' },
  histogram_stddev: { args: ['v'], doc: 'Estimated standard deviation of the observations in each native histogram.' },
  histogram_stdvar: { args: ['v'], doc: 'Estimated variance of the observations in each native histogram.' },
  histogram_fraction: {
    args: ['s', 's', 'v'],
    doc: 'Estimated fraction of observations between the lower and upper bound, for each native histogram.',
  },
  histogram_quantile: {
    args: ['s', 'v'],
    doc: 'Estimates the φ-quantile (0 ≤ φ ≤ 1) from classic histogram buckets (grouped by the `le` label) or from native histograms.',
  },
  double_exponential_smoothing: {
    args: ['m', 's', 's'],
    experimental: true,
    doc: 'Smoothed value of a gauge over the range by double exponential smoothing (Holt linear), with a smoothing factor and a trend factor, both between 0 and 1 exclusive.',
  },
  hour: {
    args: ['v'],
    variadic: 1,
    doc: 'Hour of the day (0 to 23) of each sample value read as a Unix timestamp in UTC; defaults to vector(time()).',
  },
  idelta: { args: ['m'], doc: 'Difference between the last two samples in the range, per series.' },
  increase: {
    args: ['m'],
    doc: 'Increase of a counter over the range, adjusted for counter resets and extrapolated to the range edges.',
  },
  info: {
    args: ['v', 'v'],
    variadic: 1,
    experimental: true,
    doc: 'Adds the data labels of matching info metrics (target_info by default) to each series; the optional second argument selects which labels and info metrics.',
  },
  irate: { args: ['m'], doc: 'Per-second rate computed from the last two samples in the range, adjusted for counter resets.' },
  label_replace: {
    args: ['v', 'str', 'str', 'str', 'str'],
    doc: 'label_replace(v, dst, replacement, src, regex): when regex fully matches the value of src, sets dst to replacement, in which $1, $2… refer to capture groups.',
  },
  label_join: {
    args: ['v', 'str', 'str', 'str'],
    variadic: -1,
    doc: 'label_join(v, dst, separator, src...): sets dst to the values of the source labels joined with the separator.',
  },
  last_over_time: { args: ['m'], doc: 'Most recent sample in the range, per series.' },
  ln: { args: ['v'], doc: 'Natural logarithm of every sample.' },
  log10: { args: ['v'], doc: 'Decimal logarithm of every sample.' },
  log2: { args: ['v'], doc: 'Binary logarithm of every sample.' },
  mad_over_time: {
    args: ['m'],
    experimental: true,
    doc: 'Median absolute deviation of all sample values in the range, per series.',
  },
  max_over_time: { args: ['m'], doc: 'Largest sample value in the range, per series.' },
  min_over_time: { args: ['m'], doc: 'Smallest sample value in the range, per series.' },
  ts_of_max_over_time: {
    args: ['m'],
    experimental: true,
    doc: 'Timestamp, in seconds, of the largest sample value in the range, per series.',
  },
  ts_of_min_over_time: {
    args: ['m'],
    experimental: true,
    doc: 'Timestamp, in seconds, of the smallest sample value in the range, per series.',
  },
  ts_of_last_over_time: {
    args: ['m'],
    experimental: true,
    doc: 'Timestamp, in seconds, of the most recent sample in the range, per series.',
  },
  minute: {
    args: ['v'],
    variadic: 1,
    doc: 'Minute of the hour (0 to 59) of each sample value read as a Unix timestamp in UTC; defaults to vector(time()).',
  },
  month: {
    args: ['v'],
    variadic: 1,
    doc: 'Month of the year (1 to 12) of each sample value read as a Unix timestamp in UTC; defaults to vector(time()).',
  },
  pi: { args: [], ret: 's', doc: 'The constant π.' },
  predict_linear: {
    args: ['m', 's'],
    doc: 'Predicts the value of a gauge the given number of seconds from now, by simple linear regression over the range.',
  },
  present_over_time: { args: ['m'], doc: 'Value 1 for every series that has any sample in the range.' },
  quantile_over_time: {
    args: ['s', 'm'],
    doc: 'The φ-quantile (0 ≤ φ ≤ 1) of the sample values in the range, per series.',
  },
  rad: { args: ['v'], doc: 'Converts every sample from degrees to radians.' },
  rate: {
    args: ['m'],
    doc: 'Average per-second increase of a counter over the range, adjusted for counter resets and extrapolated to the range edges.',
  },
  resets: { args: ['m'], doc: 'Number of counter resets (decreases in value) within the range, per series.' },
  round: {
    args: ['v', 's'],
    variadic: 1,
    doc: 'Rounds every sample to the nearest multiple of to_nearest (default 1); ties round up.',
  },
  scalar: {
    args: ['v'],
    ret: 's',
    doc: 'The value of the only sample as a scalar; NaN when the vector does not have exactly one sample.',
  },
  sgn: { args: ['v'], doc: 'Sign of every sample: 1, -1 or 0.' },
  sin: { args: ['v'], doc: 'Sine of every sample (in radians).' },
  sinh: { args: ['v'], doc: 'Hyperbolic sine of every sample.' },
  sort: { args: ['v'], doc: 'Sorts the samples by value, ascending; only affects instant queries.' },
  sort_desc: { args: ['v'], doc: 'Sorts the samples by value, descending; only affects instant queries.' },
  sort_by_label: {
    args: ['v', 'str'],
    variadic: -1,
    experimental: true,
    doc: 'Sorts the samples by the values of the given labels, ascending, in natural sort order.',
  },
  sort_by_label_desc: {
    args: ['v', 'str'],
    variadic: -1,
    experimental: true,
    doc: 'Sorts the samples by the values of the given labels, descending, in natural sort order.',
  },
  sqrt: { args: ['v'], doc: 'Square root of every sample.' },
  stddev_over_time: { args: ['m'], doc: 'Population standard deviation of the sample values in the range, per series.' },
  stdvar_over_time: { args: ['m'], doc: 'Population variance of the sample values in the range, per series.' },
  sum_over_time: { args: ['m'], doc: 'Sum of all sample values in the range, per series.' },
  tan: { args: ['v'], doc: 'Tangent of every sample (in radians).' },
  tanh: { args: ['v'], doc: 'Hyperbolic tangent of every sample.' },
  time: { args: [], ret: 's', doc: 'The evaluation time, in seconds since the Unix epoch.' },
  timestamp: { args: ['v'], doc: 'Timestamp, in seconds since the Unix epoch, of every sample.' },
  vector: { args: ['s'], doc: 'Turns a scalar into a one-element vector without labels.' },
  year: {
    args: ['v'],
    variadic: 1,
    doc: 'Year of each sample value read as a Unix timestamp in UTC; defaults to vector(time()).',
  },
};

function toSignature(name: string, spec: Spec): FunctionSignature {
  return {
    name,
    argTypes: spec.args.map((a) => TYPE_OF[a]),
    variadic: spec.variadic ?? 0,
    returnType: TYPE_OF[spec.ret ?? 'v'],
    experimental: spec.experimental ?? false,
    doc: spec.doc,
  };
}

export const FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map(
  Object.entries(SPECS).map(([name, spec]) => [name, toSignature(name, spec)]),
);

export function lookupFunction(name: string): FunctionSignature | undefined {
  return FUNCTIONS.get(name);
}

/** How many arguments a call may have; `max` is Infinity when the last type repeats. */
export function functionArity(sig: FunctionSignature): { min: number; max: number } {
  const n = sig.argTypes.length;
  if (sig.variadic === 0) return { min: n, max: n };
  if (sig.variadic < 0) return { min: n - 1, max: Infinity };
  return { min: n - sig.variadic, max: n };
}

/** The expected type of the argument at `index`, or undefined past the end of a fixed list. */
export function argumentType(sig: FunctionSignature, index: number): ValueType | undefined {
  if (index < sig.argTypes.length) return sig.argTypes[index];
  return sig.variadic < 0 ? sig.argTypes[sig.argTypes.length - 1] : undefined;
}

export interface AggregationSignature {
  name: AggregateOp;
  /** Type of the parameter written before the vector, when the operator takes one. */
  paramType?: ValueType;
  experimental: boolean;
  doc: string;
}

const AGGREGATION_LIST: AggregationSignature[] = [
  { name: 'sum', experimental: false, doc: 'Sum of the sample values in each group.' },
  { name: 'avg', experimental: false, doc: 'Arithmetic mean of the sample values in each group.' },
  { name: 'count', experimental: false, doc: 'Number of samples in each group.' },
  { name: 'min', experimental: false, doc: 'Smallest sample value in each group.' },
  { name: 'max', experimental: false, doc: 'Largest sample value in each group.' },
  { name: 'group', experimental: false, doc: 'Value 1 for each group that has any sample.' },
  { name: 'stddev', experimental: false, doc: 'Population standard deviation of the sample values in each group.' },
  { name: 'stdvar', experimental: false, doc: 'Population variance of the sample values in each group.' },
  {
    name: 'topk',
    paramType: 'scalar',
    experimental: false,
    doc: 'topk(k, v): the k samples with the largest values in each group, keeping their labels.',
  },
  {
    name: 'bottomk',
    paramType: 'scalar',
    experimental: false,
    doc: 'bottomk(k, v): the k samples with the smallest values in each group, keeping their labels.',
  },
  {
    name: 'quantile',
    paramType: 'scalar',
    experimental: false,
    doc: 'quantile(φ, v): the φ-quantile (0 ≤ φ ≤ 1) of the sample values in each group.',
  },
  {
    name: 'count_values',
    paramType: 'string',
    experimental: false,
    doc: 'count_values("label", v): number of samples per distinct value, with the value stored in the given label.',
  },
  {
    name: 'limitk',
    paramType: 'scalar',
    experimental: true,
    doc: 'limitk(k, v): some k samples of each group, chosen deterministically by label hash, keeping their labels.',
  },
  {
    name: 'limit_ratio',
    paramType: 'scalar',
    experimental: true,
    doc: 'limit_ratio(r, v): a deterministic sample of about the ratio r (-1 ≤ r ≤ 1) of the series of each group; a negative r picks the complement of the positive one.',
  },
];

export const AGGREGATIONS: ReadonlyMap<AggregateOp, AggregationSignature> = new Map(
  AGGREGATION_LIST.map((a) => [a.name, a]),
);

export function lookupAggregation(name: string): AggregationSignature | undefined {
  return AGGREGATIONS.get(name as AggregateOp);
}

/**
 * Functions whose result depends on the evaluation time even when every selector they read is
 * pinned with `@` (Prometheus's AtModifierUnsafeFunctions): never step-invariant.
 */
export const AT_MODIFIER_UNSAFE_FUNCTIONS: ReadonlySet<string> = new Set([
  'days_in_month', 'day_of_month', 'day_of_week', 'day_of_year',
  'hour', 'minute', 'month', 'year',
  'predict_linear', 'time', 'timestamp',
]);
