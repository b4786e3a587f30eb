/**
 * How Alertmanager 0.25 prints a group's label set inside a group key (prometheus/common 0.39
 * LabelSet.String): each pair as `name="value"`, the pairs sorted as whole strings byte-wise,
 * joined by ", ". Sorting the pairs rather than the names puts `a1` before `a`; Alertmanager 0.34
 * (prometheus/common 0.70) sorts by name instead.
 */
import type { Labels } from '../../labels/labels.js';
import { goQuote } from '../../text/go-quote.js';
import { compareGoStrings } from '../../text/utf8.js';

export function formatGroupLabels(labels: Labels): string {
  const pairs = [...labels].map(([name, value]) => `${name}=${goQuote(value)}`);
  return `{${pairs.sort(compareGoStrings).join(', ')}}`;
}
