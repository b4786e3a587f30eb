/**
 * One inhibit rule: its source alerts indexed by the values of the `equal` labels (a missing label
 * counts as empty), so that finding what inhibits a target is one lookup. A target is inhibited
 * by an unresolved source with the same `equal` values; when the target itself matches the
 * source side, sources that also match the target side do not count (no self-inhibition in
 * two-sided rules). Of several sources the one that ends last is named (ties by fingerprint).
 */
import type { Labels } from '../../labels/labels.js';
import type { Matcher } from '../../labels/matcher.js';
import { matchesAll } from '../alerts/alert-query.js';
import type { InhibitRuleConfig } from '../config/types.js';
import type { StoredAlert } from '../model.js';
import { isResolvedAt } from '../notify/alert-status.js';

export class InhibitRule {
  readonly sourceMatchers: readonly Matcher[];
  readonly targetMatchers: readonly Matcher[];
  readonly equal: readonly string[];
  private readonly buckets = new Map<string, Bucket>();

  constructor(config: Pick<InhibitRuleConfig, 'sourceMatchers' | 'targetMatchers' | 'equal'>) {
    this.sourceMatchers = config.sourceMatchers;
    this.targetMatchers = config.targetMatchers;
    this.equal = [...new Set(config.equal)].sort();
  }

  matchesSource(labels: Labels): boolean {
    return matchesAll(this.sourceMatchers, labels);
  }

  matchesTarget(labels: Labels): boolean {
    return matchesAll(this.targetMatchers, labels);
  }

  /** Indexes (or replaces) the alert if it matches the source side. */
  addSource(alert: StoredAlert): void {
    if (!this.matchesSource(alert.labels)) return;
    const key = this.equalKey(alert.labels);
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = { sources: new Map() }));
    bucket.sources.set(alert.fingerprint, { alert, alsoTarget: this.matchesTarget(alert.labels) });
    bucket.lastEnding = undefined;
  }

  removeSource(alert: StoredAlert): void {
    const key = this.equalKey(alert.labels);
    const bucket = this.buckets.get(key);
    if (!bucket?.sources.delete(alert.fingerprint)) return;
    bucket.lastEnding = undefined;
    if (bucket.sources.size === 0) this.buckets.delete(key);
  }

  /** The fingerprint of the alert that inhibits a target with these labels now, if any. */
  inhibitorOf(labels: Labels, now: number): string | undefined {
    if (!this.matchesTarget(labels)) return undefined;
    const bucket = this.buckets.get(this.equalKey(labels));
    if (!bucket) return undefined;
    bucket.lastEnding ??= lastEnding(bucket.sources.values());
    // The source that ends last is resolved only when all of them are.
    const source = this.matchesSource(labels) ? bucket.lastEnding.sourceOnly : bucket.lastEnding.any;
    return source && !isResolvedAt(source, now) ? source.fingerprint : undefined;
  }

  private equalKey(labels: Labels): string {
    let key = '';
    for (const name of this.equal) {
      const value = labels.get(name);
      key += `${value.length}:${value}`;
    }
    return key;
  }
}

interface Bucket {
  sources: Map<string, { alert: StoredAlert; alsoTarget: boolean }>;
  /** The sources that end last, of all and of those not matching the target side; recomputed after a change. */
  lastEnding?: { any?: StoredAlert; sourceOnly?: StoredAlert };
}

function lastEnding(sources: Iterable<{ alert: StoredAlert; alsoTarget: boolean }>): { any?: StoredAlert; sourceOnly?: StoredAlert } {
  let any: StoredAlert | undefined;
  let sourceOnly: StoredAlert | undefined;
  for (const { alert, alsoTarget } of sources) {
    if (!any || endsLater(alert, any)) any = alert;
    if (!alsoTarget && (!sourceOnly || endsLater(alert, sourceOnly))) sourceOnly = alert;
  }
  return { any, sourceOnly };
}

/** Whether `a` ends after `b`; an unset end is never. */
function endsLater(a: StoredAlert, b: StoredAlert): boolean {
  const aEnd = a.endsAt === 0 ? Infinity : a.endsAt;
  const bEnd = b.endsAt === 0 ? Infinity : b.endsAt;
  return aEnd !== bEnd ? aEnd > bEnd : a.fingerprint < b.fingerprint;
}
