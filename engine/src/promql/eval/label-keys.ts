/** String keys over parts of a label set: grouping keys of aggregations, matching signatures. */
import { LABEL_KEY_SEPARATOR, type Labels } from '../../labels/labels.js';

export const METRIC_NAME = '__name__';

/** Key of the labels whose names are in `names` (absent labels contribute nothing). */
export function keyOfLabelsIn(labels: Labels, names: ReadonlySet<string>): string {
  let key = '';
  const n = labels.names;
  for (let i = 0; i < n.length; i++) {
    if (names.has(n[i]!)) key += n[i] + LABEL_KEY_SEPARATOR + labels.values[i] + LABEL_KEY_SEPARATOR;
  }
  return key;
}

/** Key of the labels whose names are not in `names`, never counting the metric name. */
export function keyOfLabelsNotIn(labels: Labels, names: ReadonlySet<string>): string {
  let key = '';
  const n = labels.names;
  for (let i = 0; i < n.length; i++) {
    const name = n[i]!;
    if (name !== METRIC_NAME && !names.has(name)) key += name + LABEL_KEY_SEPARATOR + labels.values[i] + LABEL_KEY_SEPARATOR;
  }
  return key;
}

