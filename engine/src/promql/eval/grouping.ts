/**
 * The `by (...)` / `without (...)` grouping of aggregations: which output group a label set
 * belongs to, and the labels of that group. `without` always drops the metric name.
 */
import { Labels } from '../../labels/labels.js';
import type { AggregateExpr } from '../ast.js';
import { keyOfLabelsIn, keyOfLabelsNotIn, METRIC_NAME } from './label-keys.js';
import { LabelsMemo } from './labels-memo.js';

export interface Grouping {
  without: boolean;
  names: readonly string[];
}

export function groupingOf(expr: AggregateExpr): Grouping {
  return { without: expr.without, names: expr.grouping };
}

/** Grouping key of a label set (equal keys, same group). */
export function groupKeyFunction(grouping: Grouping): (labels: Labels) => string {
  const names = new Set(grouping.names);
  if (grouping.without) return (l) => keyOfLabelsNotIn(l, names);
  if (names.size === 0) return () => '';
  return (l) => keyOfLabelsIn(l, names);
}

/** The labels of the group that a label set belongs to. */
export function groupLabels(labels: Labels, grouping: Grouping): Labels {
  if (grouping.without) return labels.without([METRIC_NAME, ...grouping.names]);
  if (grouping.names.length === 0) return Labels.EMPTY;
  return labels.keepOnly(grouping.names);
}

/**
 * Assigns label sets to groups of type G, creating a group (with `create`) the first time its
 * key is seen. Groups live for the whole query, so their labels are built once.
 */
export class GroupIndex<G> {
  private readonly byKey = new Map<string, G>();
  private readonly memo: LabelsMemo<G>;

  constructor(grouping: Grouping, create: (groupLabels: Labels) => G) {
    const keyOf = groupKeyFunction(grouping);
    this.memo = new LabelsMemo((labels) => {
      const key = keyOf(labels);
      let group = this.byKey.get(key);
      if (!group) {
        group = create(groupLabels(labels, grouping));
        this.byKey.set(key, group);
      }
      return group;
    });
  }

  /** The group of `labels`, seen at `position` of the current input vector. */
  groupOf(labels: Labels, position: number): G {
    return this.memo.get(labels, position);
  }
}
