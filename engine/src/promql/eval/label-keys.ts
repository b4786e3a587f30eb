/** String keys over parts of a label set: grouping keys of aggregations, matching signatures. */
import type { Labels } from '../../labels/labels.js';

export const METRIC_NAME = '__name__';

/** Key of the labels whose names are in `names` (absent labels contribute nothing). */
export function keyOfLabelsIn(labels: Labels, names: ReadonlySet<string>): string {
  let key = '';
  const n = labels.names;
  for (let i = 0; i < n.length; i++) {
    if (names.has(n[i]!)) key += n[i] + '\xff' + labels.values[i] + '\xff';
  }
  return key;
}

/** Key of the labels whose names are not in `names`, never counting the metric name. */
export function keyOfLabelsNotIn(labels: Labels, names: ReadonlySet<string>): string {
  let key = '';
  const n = labels.names;
  for (let i = 0; i < n.length; i++) {
    const name = n[i]!;
    if (name !== METRIC_NAME && !names.has(name)) key += name + '\xff' + labels.values[i] + '\xff';
  }
  return key;
}

/** Compares label sets as Prometheus's labels.Compare: pair by pair, then by size. */
export function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.size, b.size);
  for (let i = 0; i < n; i++) {
    const an = a.names[i]!;
    const bn = b.names[i]!;
    if (an !== bn) return an < bn ? -1 : 1;
    const av = a.values[i]!;
    const bv = b.values[i]!;
    if (av !== bv) return av < bv ? -1 : 1;
  }
  return a.size - b.size;
}
