/** Where the evaluator reads series from: the in-memory store, and later remote query APIs. */
import type { Labels } from '../labels/labels.js';
import type { Matcher } from '../labels/matcher.js';

/**
 * One stored series. `ts`/`vs` are parallel arrays sorted by time holding the real samples;
 * `staleTs` holds, sorted, the timestamps of staleness markers, which end a series for the
 * lookback of instant selectors and are never part of range windows.
 */
export interface StoredSeries {
  labels: Labels;
  ts: ArrayLike<number>;
  vs: ArrayLike<number>;
  staleTs: ArrayLike<number>;
}

export interface SeriesSource {
  /** Series whose labels satisfy every matcher; `minMs`/`maxMs` are a hint, not a filter. */
  select(matchers: readonly Matcher[], minMs: number, maxMs: number): StoredSeries[];
}
