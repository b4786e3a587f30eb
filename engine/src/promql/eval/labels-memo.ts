/**
 * Caches something derived from label sets (a group, a matching signature, an output series)
 * across evaluation steps. Consecutive steps usually list the same Labels objects in the same
 * order, so a check by position answers most lookups; a WeakMap answers the rest.
 */
import type { Labels } from '../../labels/labels.js';

export class LabelsMemo<T> {
  private readonly lastLabels: (Labels | undefined)[] = [];
  private readonly lastValues: T[] = [];
  private readonly byLabels = new WeakMap<Labels, T>();

  constructor(private readonly derive: (labels: Labels) => T) {}

  /** The value for `labels`, seen at `position` of the current vector. */
  get(labels: Labels, position: number): T {
    if (this.lastLabels[position] === labels) return this.lastValues[position]!;
    let value = this.byLabels.get(labels);
    if (value === undefined) {
      value = this.derive(labels);
      this.byLabels.set(labels, value);
    }
    this.lastLabels[position] = labels;
    this.lastValues[position] = value;
    return value;
  }
}
