/** Quantiles and fractions of classic histograms, given as (upper bound, cumulative count) buckets. */
import { almostEqual } from '../../../numbers/almost-equal.js';

export interface Bucket {
  upperBound: number;
  count: number;
}

/** Relative differences between neighbouring bucket counts below this are taken as float noise. */
const SMALL_DELTA_TOLERANCE = 1e-12;

/** Sorts by upper bound and merges buckets with equal bounds. */
function sortAndCoalesce(buckets: readonly Bucket[]): Bucket[] {
  const sorted = [...buckets].sort((a, b) => (a.upperBound < b.upperBound ? -1 : a.upperBound > b.upperBound ? 1 : 0));
  const out: Bucket[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else out.push({ upperBound: b.upperBound, count: b.count });
  }
  return out;
}

/**
 * Makes counts non-decreasing: negligible differences are flattened silently, real decreases
 * are flattened and reported. Returns whether any real decrease was fixed.
 */
function forceMonotonic(buckets: Bucket[]): boolean {
  let forced = false;
  let prev = buckets[0]!.count;
  for (let i = 1; i < buckets.length; i++) {
    const curr = buckets[i]!.count;
    if (curr === prev) continue;
    if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE)) {
      buckets[i]!.count = prev;
    } else if (curr < prev) {
      buckets[i]!.count = prev;
      forced = true;
    } else {
      prev = curr;
    }
  }
  return forced;
}

/** Go's sort.Search: the smallest index in [0, n) for which `pred` holds, or n. */
function search(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface BucketQuantileResult {
  value: number;
  /** Bucket counts decreased somewhere and had to be fixed (Prometheus reports this as info). */
  forcedMonotonicity: boolean;
}

/**
 * The φ-quantile of a classic histogram, interpolating linearly inside the bucket where it falls
 * (from 0 in the lowest bucket if its bound is positive). A quantile in the +Inf bucket is the
 * second-highest bound. NaN without a +Inf bucket, with fewer than two buckets or no
 * observations; -Inf for q < 0 and +Inf for q > 1.
 */
export function bucketQuantile(q: number, input: readonly Bucket[]): BucketQuantileResult {
  const result = (value: number, forcedMonotonicity = false) => ({ value, forcedMonotonicity });
  if (Number.isNaN(q)) return result(NaN);
  if (q < 0) return result(-Infinity);
  if (q > 1) return result(Infinity);
  const buckets = sortAndCoalesce(input);
  if (buckets.length === 0 || buckets[buckets.length - 1]!.upperBound !== Infinity) return result(NaN);
  const forced = forceMonotonic(buckets);
  if (buckets.length < 2) return result(NaN);
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return result(NaN);
  let rank = q * observations;
  const b = search(buckets.length - 1, (i) => buckets[i]!.count >= rank);
  if (b === buckets.length - 1) return result(buckets[buckets.length - 2]!.upperBound, forced);
  if (b === 0 && buckets[0]!.upperBound <= 0) return result(buckets[0]!.upperBound, forced);
  let start = 0;
  const end = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    start = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return result(start + (end - start) * (rank / count), forced);
}

/**
 * The fraction of observations between `lower` and `upper`, interpolating linearly inside
 * buckets. NaN without a +Inf bucket, without observations or for NaN bounds; 0 when lower >= upper.
 */
export function bucketFraction(lower: number, upper: number, input: readonly Bucket[]): number {
  const buckets = sortAndCoalesce(input);
  if (buckets.length === 0 || buckets[buckets.length - 1]!.upperBound !== Infinity) return NaN;
  const total = buckets[buckets.length - 1]!.count;
  if (total === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;

  let rank = 0;
  let lowerRank: number | undefined;
  let upperRank: number | undefined;
  for (let i = 0; i < buckets.length; i++) {
    const lowerBound = i > 0 ? buckets[i - 1]!.upperBound : -Infinity;
    const { upperBound, count } = buckets[i]!;
    const interpolate = (v: number) => rank + ((count - rank) * (v - lowerBound)) / (upperBound - lowerBound);
    if (lowerRank === undefined && lowerBound >= lower) lowerRank = rank;
    if (upperRank === undefined && lowerBound >= upper) upperRank = rank;
    if (lowerRank !== undefined && upperRank !== undefined) break;
    if (lowerRank === undefined && lowerBound < lower && upperBound > lower) lowerRank = interpolate(lower);
    if (upperRank === undefined && lowerBound < upper && upperBound > upper) upperRank = interpolate(upper);
    if (lowerRank !== undefined && upperRank !== undefined) break;
    rank = count;
  }
  if (lowerRank === undefined || lowerRank > total) lowerRank = total;
  if (upperRank === undefined || upperRank > total) upperRank = total;
  return (upperRank - lowerRank) / total;
}
