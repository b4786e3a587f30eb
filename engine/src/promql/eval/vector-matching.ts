/**
 * How the two sides of a binary operation between vectors are matched: the signature that
 * `on(...)` / `ignoring(...)` derive from a label set, and the labels of a matched result.
 */
import type { Labels } from '../../labels/labels.js';
import type { VectorMatching } from '../ast.js';
import { keyOfLabelsIn, keyOfLabelsNotIn, METRIC_NAME } from './label-keys.js';
import { LabelsMemo } from './labels-memo.js';
import { withoutMetricName } from './name-dropping.js';

/** The signature of a label set under `matching`; `ignoring` always ignores the metric name. */
export function matchingSignature(matching: VectorMatching): (labels: Labels) => string {
  const names = new Set(matching.labels);
  return matching.on ? (l) => keyOfLabelsIn(l, names) : (l) => keyOfLabelsNotIn(l, names);
}

/** Signatures of one side's samples, cached across steps. */
export function signatureMemo(matching: VectorMatching): LabelsMemo<string> {
  return new LabelsMemo(matchingSignature(matching));
}

/** Whether `samples` carry exactly the Labels objects of `labels`, in order. */
export function sameLabels(labels: readonly Labels[], samples: readonly { labels: Labels }[]): boolean {
  if (labels.length !== samples.length) return false;
  for (let i = 0; i < labels.length; i++) if (labels[i] !== samples[i]!.labels) return false;
  return true;
}

/** The matching labels of a series as Prometheus prints them in cardinality errors. */
export function matchedLabels(labels: Labels, matching: VectorMatching): Labels {
  return matching.on ? labels.keepOnly(matching.labels) : labels.without([METRIC_NAME, ...matching.labels]);
}

/**
 * The labels of the result of matching `many` (the left side, or the right side for
 * group_right) with `one`: arithmetic drops the metric name at once; one-to-one matching keeps
 * only the `on` labels or drops the `ignoring` ones; `group_x(...)` labels come from the one side.
 */
export class ResultLabels {
  private readonly byMany = new WeakMap<Labels, Labels>();
  private readonly byPair = new WeakMap<Labels, WeakMap<Labels, Labels>>();
  private readonly matchingSet: ReadonlySet<string>;

  constructor(
    private readonly matching: VectorMatching,
    private readonly dropsName: boolean,
  ) {
    this.matchingSet = new Set(matching.labels);
  }

  of(many: Labels, one: Labels): Labels {
    if (this.matching.include.length === 0) {
      let result = this.byMany.get(many);
      if (!result) {
        result = this.compute(many, one);
        this.byMany.set(many, result);
      }
      return result;
    }
    let byOne = this.byPair.get(many);
    if (!byOne) this.byPair.set(many, (byOne = new WeakMap()));
    let result = byOne.get(one);
    if (!result) {
      result = this.compute(many, one);
      byOne.set(one, result);
    }
    return result;
  }

  private compute(many: Labels, one: Labels): Labels {
    let result = this.dropsName ? withoutMetricName(many) : many;
    if (this.matching.card === 'one-to-one') {
      result = this.matching.on ? result.keepOnly(this.matchingSet) : result.without(this.matchingSet);
    }
    for (const name of this.matching.include) result = result.with(name, one.get(name));
    return result;
  }
}
