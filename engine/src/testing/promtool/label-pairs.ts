/**
 * Name/value pairs sorted by name, as promtool compares alert labels and annotations. Unlike
 * Labels, pairs keep empty values: an annotation may expand to nothing, and an expected label
 * with an empty value must then fail to match, as it does in promtool.
 */
import { Labels, compareStrings, goQuote } from '../../labels/labels.js';

export type LabelPairs = readonly (readonly [name: string, value: string])[];

export function pairsOf(source: Record<string, string> | Labels): LabelPairs {
  const pairs = source instanceof Labels ? [...source] : Object.entries(source);
  return pairs.sort((a, b) => compareStrings(a[0], b[0]));
}

/** Prometheus's labels.Compare on pairs: pair by pair, then by length. */
export function comparePairs(a: LabelPairs, b: LabelPairs): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const byName = compareStrings(a[i]![0], b[i]![0]);
    if (byName !== 0) return byName;
    const byValue = compareStrings(a[i]![1], b[i]![1]);
    if (byValue !== 0) return byValue;
  }
  return a.length - b.length;
}

/** `{a="1", b="2"}`, as Prometheus prints label sets. */
export function formatPairs(pairs: LabelPairs): string {
  return `{${pairs.map(([name, value]) => `${name}=${goQuote(value)}`).join(', ')}}`;
}
