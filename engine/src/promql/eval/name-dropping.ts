/**
 * Delayed `__name__` removal, as Prometheus does with EnableDelayedNameRemoval: operations mark
 * samples with `dropName` and keep the name, so that later operations (label_replace, `by
 * (__name__)`) still see it; the metric-describing labels are removed when the result leaves
 * the evaluator, and only then are label sets checked for duplicates.
 */
import type { Labels } from '../../labels/labels.js';
import type { TextRange } from '../ast.js';
import { EvalError } from './values.js';

/** The labels that describe the metric rather than the series: dropped together. */
const METRIC_DESCRIPTION = new Set(['__name__', '__type__', '__unit__']);

const dropped = new WeakMap<Labels, Labels>();

/** `labels` without the metric name (and type and unit). */
export function withoutMetricName(labels: Labels): Labels {
  let result = dropped.get(labels);
  if (!result) {
    result = labels.without(METRIC_DESCRIPTION);
    dropped.set(labels, result);
  }
  return result;
}

export function duplicateLabelsetError(range: TextRange): EvalError {
  return new EvalError('vector cannot contain metrics with the same labelset', range);
}

/** Final labels of result series: names dropped where marked; throws on duplicate label sets. */
export function finalLabels(
  items: readonly { labels: Labels; dropName?: boolean }[],
  range: TextRange,
): Labels[] {
  const out: Labels[] = new Array(items.length);
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const labels = item.dropName ? withoutMetricName(item.labels) : item.labels;
    const key = labels.key();
    if (seen.has(key)) throw duplicateLabelsetError(range);
    seen.add(key);
    out[i] = labels;
  }
  return out;
}
