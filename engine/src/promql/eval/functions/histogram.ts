/**
 * histogram_quantile and histogram_fraction over classic histograms (series with an `le` label).
 * Native histograms are out of scope: the functions that only read native histograms
 * (histogram_count, _sum, _avg, _stddev, _stdvar) find nothing in float data.
 */
import { goQuote, type Labels } from '../../../labels/labels.js';
import type { FunctionContext, FunctionImpl, InstantVector, Value } from '../values.js';
import { argRange, computed, METRIC_NAME, scalarArg, vectorArg } from './args.js';
import { bucketFraction, bucketQuantile, type Bucket } from './buckets.js';
import { parseGoFloat } from './go-float.js';
import { invalidQuantileWarning } from './quantile.js';

const BUCKET_LABEL = 'le';
const MONOTONICITY_INFO =
  'input to histogram_quantile needed to be fixed for monotonicity ' +
  '(see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name';

interface ClassicHistogram {
  /** The labels of the first bucket seen, without `le`. */
  labels: Labels;
  buckets: Bucket[];
}

interface BucketLabels {
  /** The parsed `le`; undefined when it is missing or not a number. */
  upperBound: number | undefined;
  /** The labels without `le`: those of the histogram. */
  labels: Labels;
}

/** What the labels of each bucket series say, worked out once: the same series come at every step. */
const bucketLabels = new WeakMap<Labels, BucketLabels>();

function bucketOf(seriesLabels: Labels): BucketLabels {
  let known = bucketLabels.get(seriesLabels);
  if (!known) {
    known = { upperBound: parseGoFloat(seriesLabels.get(BUCKET_LABEL)), labels: seriesLabels.without([BUCKET_LABEL]) };
    bucketLabels.set(seriesLabels, known);
  }
  return known;
}

/**
 * Groups the samples of argument `index` into histograms by their labels without `le`. Samples
 * whose `le` is missing or not a number are skipped with Prometheus's warning.
 */
function classicHistograms(args: Value[], index: number, ctx: FunctionContext): ClassicHistogram[] {
  const byKey = new Map<string, ClassicHistogram>();
  for (const s of vectorArg(args, index)) {
    const { upperBound, labels } = bucketOf(s.labels);
    if (upperBound === undefined) {
      const name = goQuote(s.labels.get(METRIC_NAME));
      const le = goQuote(s.labels.get(BUCKET_LABEL));
      ctx.annotations.warn(`bucket label "le" is missing or has a malformed value of ${le} for metric name ${name}`, argRange(ctx, index));
      continue;
    }
    const key = labels.key();
    let histogram = byKey.get(key);
    if (!histogram) {
      histogram = { labels, buckets: [] };
      byKey.set(key, histogram);
    }
    histogram.buckets.push({ upperBound, count: s.v });
  }
  return [...byKey.values()];
}

export const histogramQuantile: FunctionImpl = (args, ctx) => {
  const q = scalarArg(args, 0);
  const warning = invalidQuantileWarning(q);
  if (warning) ctx.annotations.warn(warning, argRange(ctx, 0));
  const out: InstantVector = [];
  for (const { labels, buckets } of classicHistograms(args, 1, ctx)) {
    const { value, forcedMonotonicity } = bucketQuantile(q, buckets);
    if (forcedMonotonicity) {
      ctx.annotations.info(`${MONOTONICITY_INFO} ${goQuote(labels.get(METRIC_NAME))}`, argRange(ctx, 1));
    }
    out.push(computed(labels, ctx.evalTimeMs, value));
  }
  return out;
};

export const histogramFraction: FunctionImpl = (args, ctx) => {
  const lower = scalarArg(args, 0);
  const upper = scalarArg(args, 1);
  return classicHistograms(args, 2, ctx).map(({ labels, buckets }) =>
    computed(labels, ctx.evalTimeMs, bucketFraction(lower, upper, buckets)),
  );
};

/** For functions defined only on native histograms: float samples yield nothing. */
export const nativeHistogramsOnly: FunctionImpl = () => [];
