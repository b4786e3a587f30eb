/**
 * The in-memory series store: samples and staleness markers per label set in growable typed
 * arrays, with an inverted index (label name → value → series) for fast selection.
 */
import { Labels } from '../labels/labels.js';
import type { Matcher } from '../labels/matcher.js';
import type { SeriesSource, StoredSeries } from './source.js';

/** Timestamps (and optionally values) in growable Float64Arrays, kept sorted by time. */
export class TimeColumns {
  ts: Float64Array;
  vs: Float64Array;
  length = 0;

  constructor(capacity = 16) {
    this.ts = new Float64Array(capacity);
    this.vs = new Float64Array(capacity);
  }

  /** Appends in time order; an older timestamp is inserted, an equal one overwrites. */
  put(t: number, v: number): void {
    const n = this.length;
    if (n === 0 || t > this.ts[n - 1]!) {
      if (n === this.ts.length) this.grow();
      this.ts[n] = t;
      this.vs[n] = v;
      this.length = n + 1;
      return;
    }
    const i = lowerBound(this.ts, n, t);
    if (this.ts[i] === t) {
      this.vs[i] = v;
      return;
    }
    if (n === this.ts.length) this.grow();
    this.ts.copyWithin(i + 1, i, n);
    this.vs.copyWithin(i + 1, i, n);
    this.ts[i] = t;
    this.vs[i] = v;
    this.length = n + 1;
  }

  /** Removes the entry at exactly `t`, if any; returns whether one was removed. */
  remove(t: number): boolean {
    const n = this.length;
    const i = lowerBound(this.ts, n, t);
    if (i === n || this.ts[i] !== t) return false;
    this.ts.copyWithin(i, i + 1, n);
    this.vs.copyWithin(i, i + 1, n);
    this.length = n - 1;
    return true;
  }

  /** Drops the first `count` entries. */
  dropFirst(count: number): void {
    if (count <= 0) return;
    const n = this.length;
    this.ts.copyWithin(0, count, n);
    this.vs.copyWithin(0, count, n);
    this.length = Math.max(0, n - count);
  }

  private grow(): void {
    const capacity = Math.max(16, this.ts.length * 2);
    const ts = new Float64Array(capacity);
    const vs = new Float64Array(capacity);
    ts.set(this.ts.subarray(0, this.length));
    vs.set(this.vs.subarray(0, this.length));
    this.ts = ts;
    this.vs = vs;
  }
}

/** First index in `ts[0..n)` whose value is >= `t`. */
function lowerBound(ts: Float64Array, n: number, t: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the entry at exactly `t`, or -1; checks the newest entry first, where appends go. */
function indexOfTime(columns: TimeColumns, t: number): number {
  const n = columns.length;
  if (n === 0 || columns.ts[n - 1]! < t) return -1;
  const i = columns.ts[n - 1] === t ? n - 1 : lowerBound(columns.ts, n, t);
  return columns.ts[i] === t ? i : -1;
}

class MemorySeries implements StoredSeries {
  readonly samples = new TimeColumns();
  readonly stale = new TimeColumns(4);
  ts: Float64Array = this.samples.ts.subarray(0, 0);
  vs: Float64Array = this.samples.vs.subarray(0, 0);
  staleTs: Float64Array = this.stale.ts.subarray(0, 0);
  /** The views above lag behind the columns until the next select. */
  dirty = false;

  constructor(
    readonly id: number,
    readonly labels: Labels,
  ) {}

  refreshViews(): void {
    this.ts = this.samples.ts.subarray(0, this.samples.length);
    this.vs = this.samples.vs.subarray(0, this.samples.length);
    this.staleTs = this.stale.ts.subarray(0, this.stale.length);
    this.dirty = false;
  }
}

/** Posting lists (ascending series ids) per label name and value. */
type LabelIndex = Map<string, Map<string, number[]>>;

export class MemoryStore implements SeriesSource {
  private readonly series: MemorySeries[] = [];
  private readonly byKey = new Map<string, MemorySeries>();
  private readonly index: LabelIndex = new Map();
  private sampleCount = 0;

  /** Number of series held. */
  get seriesCount(): number {
    return this.series.length;
  }

  /** Number of samples held, staleness markers not counted. */
  get samplesCount(): number {
    return this.sampleCount;
  }

  /** Adds a sample; a sample or staleness marker at the same timestamp is replaced. */
  append(labels: Labels | Record<string, string>, t: number, v: number): void {
    const s = this.seriesFor(labels);
    if (s.stale.remove(t)) s.dirty = true;
    const before = s.samples.length;
    s.samples.put(t, v);
    this.sampleCount += s.samples.length - before;
    s.dirty = true;
  }

  /** Adds a staleness marker; a sample at the same timestamp is replaced. */
  appendStale(labels: Labels | Record<string, string>, t: number): void {
    const s = this.seriesFor(labels);
    if (s.samples.remove(t)) this.sampleCount--;
    s.stale.put(t, 0);
    s.dirty = true;
  }

  /** What is stored for `labels` at exactly `t`: a value, a staleness marker, or nothing. */
  sampleAt(labels: Labels, t: number): number | 'stale' | undefined {
    const s = this.byKey.get(labels.key());
    if (!s) return undefined;
    const i = indexOfTime(s.samples, t);
    if (i >= 0) return s.samples.vs[i];
    return indexOfTime(s.stale, t) >= 0 ? 'stale' : undefined;
  }

  /** Removes every series. */
  clear(): void {
    this.series.length = 0;
    this.byKey.clear();
    this.index.clear();
    this.sampleCount = 0;
  }

  /** All series in insertion order (as Prometheus's head block returns unsorted selections). */
  select(matchers: readonly Matcher[], _minMs = -Infinity, _maxMs = Infinity): StoredSeries[] {
    const out: StoredSeries[] = [];
    for (const id of this.candidates(matchers)) {
      const s = this.series[id]!;
      if (!matchesAll(s.labels, matchers)) continue;
      if (s.dirty) s.refreshViews();
      out.push(s);
    }
    return out;
  }

  private seriesFor(labelsOrObject: Labels | Record<string, string>): MemorySeries {
    const labels = labelsOrObject instanceof Labels ? labelsOrObject : Labels.from(labelsOrObject);
    const key = labels.key();
    let s = this.byKey.get(key);
    if (s) return s;
    s = new MemorySeries(this.series.length, labels);
    this.series.push(s);
    this.byKey.set(key, s);
    for (const [name, value] of labels) {
      let values = this.index.get(name);
      if (!values) this.index.set(name, (values = new Map()));
      let postings = values.get(value);
      if (!postings) values.set(value, (postings = []));
      postings.push(s.id);
    }
    return s;
  }

  /**
   * Series ids that may match: the shortest posting list among the matchers that need their
   * label to be present, or every series when no matcher narrows the set.
   */
  private candidates(matchers: readonly Matcher[]): Iterable<number> {
    let best: number[] | undefined;
    for (const m of matchers) {
      if (m.matchesEmpty()) continue;
      const postings = this.postingsFor(m);
      if (!best || postings.length < best.length) best = postings;
      if (best.length === 0) break;
    }
    return best ?? this.series.keys();
  }

  private postingsFor(m: Matcher): number[] {
    const values = this.index.get(m.name);
    if (!values) return [];
    if (m.type === '=') return values.get(m.value) ?? [];
    const lists: number[][] = [];
    for (const [value, postings] of values) if (m.matches(value)) lists.push(postings);
    if (lists.length === 1) return lists[0]!;
    const merged = lists.flat();
    merged.sort((a, b) => a - b);
    return merged;
  }
}

function matchesAll(labels: Labels, matchers: readonly Matcher[]): boolean {
  for (const m of matchers) if (!m.matches(labels.get(m.name))) return false;
  return true;
}
