/**
 * The order alerts are notified in (Alertmanager's types.AlertSlice): by `job`, then by
 * `instance` (alerts with the label first), then by label set (prometheus/common
 * LabelSet.Before: fewer labels first, then the first differing pair in name order).
 */
import type { Labels } from '../../labels/labels.js';
import { compareGoStrings } from '../../text/utf8.js';
import type { Alert } from '../model.js';

const OVERRIDE_KEYS = ['job', 'instance'] as const;

export function compareAlerts(a: Pick<Alert, 'labels'>, b: Pick<Alert, 'labels'>): number {
  for (const key of OVERRIDE_KEYS) {
    const aHas = a.labels.has(key);
    const bHas = b.labels.has(key);
    if (!aHas && !bHas) continue;
    if (!aHas) return 1;
    if (!bHas) return -1;
    const order = compareGoStrings(a.labels.get(key), b.labels.get(key));
    if (order !== 0) return order;
  }
  return compareLabelSets(a.labels, b.labels);
}

/** Negative when `a` is Before `b`, positive when `b` is Before `a`, 0 for equal sets. */
export function compareLabelSets(a: Labels, b: Labels): number {
  if (a.size !== b.size) return a.size - b.size;
  // Label names are ASCII in Alertmanager 0.25, so Labels' order is Go's byte order.
  for (let i = 0; i < a.size; i++) {
    const nameOrder = compareGoStrings(a.names[i]!, b.names[i]!);
    // The smaller name is missing from the other set: the set lacking it comes first.
    if (nameOrder !== 0) return -nameOrder;
    const valueOrder = compareGoStrings(a.values[i]!, b.values[i]!);
    if (valueOrder !== 0) return valueOrder;
  }
  return 0;
}
