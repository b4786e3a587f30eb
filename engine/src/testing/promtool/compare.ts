/**
 * promtool's comparisons: expected and actual alerts, and expected and actual samples, are
 * sorted and then compared item by item. Values compare with `==` (so NaN never matches), or
 * with `fuzzy_compare` also one floating point step apart in either direction.
 */
import { compareLabels } from '../../labels/labels.js';
import { comparePairs } from './label-pairs.js';
import type { ExpectedAlert, ExpectedSample } from './unit-test-file.js';

/** The next float after `x` towards `direction` (±Infinity), as Go's math.Nextafter. */
export function nextAfter(x: number, direction: number): number {
  if (Number.isNaN(x) || Number.isNaN(direction)) return NaN;
  if (x === direction) return x;
  if (x === 0) return direction > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  // Away from zero the bit pattern grows by one, towards zero it shrinks by one.
  bits[0] = bits[0]! + ((direction > x) === (x > 0) ? 1n : -1n);
  return new Float64Array(bits.buffer)[0]!;
}

export function valuesEqual(expected: number, got: number, fuzzy: boolean): boolean {
  if (expected === got) return true;
  return fuzzy && (nextAfter(expected, -Infinity) === got || nextAfter(expected, Infinity) === got);
}

export function compareAlerts(a: ExpectedAlert, b: ExpectedAlert): number {
  return comparePairs(a.labels, b.labels) || comparePairs(a.annotations, b.annotations);
}

export function sortAlerts(alerts: readonly ExpectedAlert[]): ExpectedAlert[] {
  return [...alerts].sort(compareAlerts);
}

export function alertsMatch(expected: readonly ExpectedAlert[], got: readonly ExpectedAlert[]): boolean {
  if (expected.length !== got.length) return false;
  const [e, g] = [sortAlerts(expected), sortAlerts(got)];
  return e.every((alert, i) => compareAlerts(alert, g[i]!) === 0);
}

export function sortSamples(samples: readonly ExpectedSample[]): ExpectedSample[] {
  return [...samples].sort((a, b) => compareLabels(a.labels, b.labels));
}

export function samplesMatch(expected: readonly ExpectedSample[], got: readonly ExpectedSample[], fuzzy: boolean): boolean {
  if (expected.length !== got.length) return false;
  const [e, g] = [sortSamples(expected), sortSamples(got)];
  return e.every((sample, i) => sample.labels.equals(g[i]!.labels) && valuesEqual(sample.value, g[i]!.value, fuzzy));
}
