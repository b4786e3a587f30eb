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

  constructor(capacity = 64) {
    [this.ts, this.vs] = columns(capacity);
  }

  /** Appends an entry known to be newer than every other. */
  push(t: number, v: number): void {
    const n = this.length;
    if (n === this.ts.length) this.grow();
    this.ts[n] = t;
    this.vs[n] = v;
    this.length = n + 1;
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
    const [ts, vs] = columns(Math.max(16, this.ts.length * 2));
    ts.set(prefix(this.ts, this.length));
    vs.set(prefix(this.vs, this.length));
    this.ts = ts;
    this.vs = vs;
  }
}

/** Two columns of `capacity` entries in one buffer: one allocation instead of two. */
function columns(capacity: number): [Float64Array, Float64Array] {
  const buffer = new ArrayBuffer(2 * capacity * Float64Array.BYTES_PER_ELEMENT);
  return [new Float64Array(buffer, 0, capacity), new Float64Array(buffer, capacity * Float64Array.BYTES_PER_ELEMENT, capacity)];
}

/** The first `length` entries of `column`, sharing its memory. */
function prefix(column: Float64Array, length: number): Float64Array {
  return new Float64Array(column.buffer, column.byteOffset, length);
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

const NO_TIMES = new Float64Array(0);

/** One series of the store. Writers that append to a series again and again may hold on to it. */
export class MemorySeries implements StoredSeries {
  private readonly samples = new TimeColumns();
  /** Created with the first staleness marker. */
  private stale: TimeColumns | undefined;
  ts: Float64Array = NO_TIMES;
  vs: Float64Array = NO_TIMES;
  staleTs: Float64Array = NO_TIMES;
  /** The views above lag behind the columns until the next select. */
  dirty = false;
  /** Set when the store was cleared: the series is no longer part of it. */
  removed = false;
  /** No sample or staleness marker is newer (writers mostly append after it). */
  private newestMs = -Infinity;

  constructor(
    readonly id: number,
    readonly labels: Labels,
  ) {}

  get sampleCount(): number {
    return this.samples.length;
  }

  /** What is stored at exactly `t`: a value, a staleness marker, or nothing. */
  sampleAt(t: number): number | 'stale' | undefined {
    if (t > this.newestMs) return undefined;
    const i = indexOfTime(this.samples, t);
    if (i >= 0) return this.samples.vs[i];
    return this.stale && indexOfTime(this.stale, t) >= 0 ? 'stale' : undefined;
  }

  /** Adds a sample; a sample or staleness marker at the same timestamp is replaced. */
  append(t: number, v: number): void {
    if (t > this.newestMs) {
      this.samples.push(t, v);
      this.newestMs = t;
    } else {
      if (this.stale && indexOfTime(this.stale, t) >= 0) this.stale.remove(t);
      this.samples.put(t, v);
    }
    this.dirty = true;
  }

  /** Adds a staleness marker; a sample at the same timestamp is replaced. */
  appendStale(t: number): void {
    if (t <= this.newestMs && indexOfTime(this.samples, t) >= 0) this.samples.remove(t);
    this.stale ??= new TimeColumns(4);
    this.stale.put(t, 0);
    if (t > this.newestMs) this.newestMs = t;
    this.dirty = true;
  }

  refreshViews(): void {
    this.ts = prefix(this.samples.ts, this.samples.length);
    this.vs = prefix(this.samples.vs, this.samples.length);
    if (this.stale) this.staleTs = prefix(this.stale.ts, this.stale.length);
    this.dirty = false;
  }
}

/** Posting lists (ascending series ids) per label name and value. */
type LabelIndex = Map<string, Map<string, number[]>>;

/**
 * The series a list of matchers selected, remembered for the next selection with the same list:
 * series are never removed, so only series added since need checking.
 */
interface RememberedSelection {
  matchers: readonly Matcher[];
  series: MemorySeries[];
  /** The number of series of the store when `series` was complete. */
  covered: number;
}

export class MemoryStore implements SeriesSource {
  private readonly series: MemorySeries[] = [];
  private readonly byKey = new Map<string, MemorySeries>();
  private readonly index: LabelIndex = new Map();
  private selections = new WeakMap<readonly Matcher[], RememberedSelection>();

  /** Number of series held. */
  get seriesCount(): number {
    return this.series.length;
  }

  /** Number of samples held, staleness markers not counted. */
  get samplesCount(): number {
    let count = 0;
    for (const s of this.series) count += s.sampleCount;
    return count;
  }

  /** Adds a sample; a sample or staleness marker at the same timestamp is replaced. */
  append(labels: Labels | Record<string, string>, t: number, v: number): void {
    this.seriesFor(labels).append(t, v);
  }

  /** Adds a staleness marker; a sample at the same timestamp is replaced. */
  appendStale(labels: Labels | Record<string, string>, t: number): void {
    this.seriesFor(labels).appendStale(t);
  }

  /** What is stored for `labels` at exactly `t`: a value, a staleness marker, or nothing. */
  sampleAt(labels: Labels, t: number): number | 'stale' | undefined {
    return this.find(labels)?.sampleAt(t);
  }

  /** The series of `labels`, if the store holds it. */
  find(labels: Labels): MemorySeries | undefined {
    return this.byKey.get(labels.key());
  }

  /** Removes every series. */
  clear(): void {
    for (const s of this.series) s.removed = true;
    this.series.length = 0;
    this.byKey.clear();
    this.index.clear();
    this.selections = new WeakMap();
  }

  /** All series in insertion order (as Prometheus's head block returns unsorted selections). */
  select(matchers: readonly Matcher[], _minMs = -Infinity, _maxMs = Infinity): StoredSeries[] {
    let remembered = this.selections.get(matchers);
    if (!remembered || !sameMatchers(remembered.matchers, matchers)) {
      remembered = { matchers: [...matchers], series: this.selectAll(matchers), covered: this.series.length };
      this.selections.set(matchers, remembered);
    }
    if (remembered.covered < this.series.length) this.extend(remembered);
    const out: StoredSeries[] = new Array(remembered.series.length);
    for (let i = 0; i < out.length; i++) {
      const s = remembered.series[i]!;
      if (s.dirty) s.refreshViews();
      out[i] = s;
    }
    return out;
  }

  /** Adds the series added since `remembered` was complete that its matchers select. */
  private extend(remembered: RememberedSelection): void {
    const { matchers, covered } = remembered;
    const keep = (id: number) => {
      const s = this.series[id]!;
      if (matchesAll(s.labels, matchers)) remembered.series.push(s);
    };
    // The new ids of the equality matcher with the fewest, else all new ids.
    let ids: readonly number[] | undefined;
    let first = 0;
    for (const m of matchers) {
      if (m.type !== '=' || m.value === '') continue;
      const postings = this.index.get(m.name)?.get(m.value) ?? [];
      const start = firstAtLeast(postings, covered);
      if (ids === undefined || postings.length - start < ids.length - first) {
        ids = postings;
        first = start;
      }
    }
    if (ids) for (let p = first; p < ids.length; p++) keep(ids[p]!);
    else for (let id = covered; id < this.series.length; id++) keep(id);
    remembered.covered = this.series.length;
  }

  /** The series of `labels`, created when the store does not hold it yet. */
  seriesFor(labelsOrObject: Labels | Record<string, string>): MemorySeries {
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
   * The series satisfying every matcher: the intersection of the posting lists of the matchers
   * that need their label to be present, checked against the others (each distinct value once).
   */
  private selectAll(matchers: readonly Matcher[]): MemorySeries[] {
    const lists: number[][] = [];
    const checks: ((labels: Labels) => boolean)[] = [];
    for (const m of matchers) {
      if (m.matchesEmpty()) checks.push(valueCheck(m));
      else lists.push(this.postingsFor(m));
    }
    const out: MemorySeries[] = [];
    const keep = (id: number) => {
      const s = this.series[id]!;
      for (const check of checks) if (!check(s.labels)) return;
      out.push(s);
    };
    if (lists.length === 0) for (let id = 0; id < this.series.length; id++) keep(id);
    else forEachInAll(lists, keep);
    return out;
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

function sameMatchers(a: readonly Matcher[], b: readonly Matcher[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function matchesAll(labels: Labels, matchers: readonly Matcher[]): boolean {
  for (const m of matchers) if (!m.matches(labels.get(m.name))) return false;
  return true;
}

/** Calls `body` with every id that is in all of the ascending `lists`, in ascending order. */
function forEachInAll(lists: number[][], body: (id: number) => void): void {
  lists.sort((a, b) => a.length - b.length);
  const [shortest, ...others] = lists;
  const positions = new Int32Array(others.length);
  for (const id of shortest!) {
    let inAll = true;
    for (let j = 0; j < others.length && inAll; j++) {
      const list = others[j]!;
      let p = positions[j]!;
      while (p < list.length && list[p]! < id) p++;
      positions[j] = p;
      inAll = p < list.length && list[p] === id;
    }
    if (inAll) body(id);
  }
}

/** Whether a label set satisfies `m`, deciding each distinct value of its label once. */
function valueCheck(m: Matcher): (labels: Labels) => boolean {
  const decided = new Map<string, boolean>();
  return (labels) => {
    const value = labels.get(m.name);
    let ok = decided.get(value);
    if (ok === undefined) decided.set(value, (ok = m.matches(value)));
    return ok;
  };
}

/** The position of the first id >= `id` in ascending `ids`. */
function firstAtLeast(ids: readonly number[], id: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
