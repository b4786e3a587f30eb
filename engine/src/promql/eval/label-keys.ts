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

