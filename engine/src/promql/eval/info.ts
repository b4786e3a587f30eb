/**
 * info(v, {selector}) (experimental): adds the data labels of "info" series (target_info unless
 * the selector names others) that share the identifying labels `instance` and `job` with each
 * series of v. Selector matchers on other labels pick which data labels to add, and drop series
 * that no info series matches unless every such matcher accepts the empty string.
 */
import { LABEL_KEY_SEPARATOR, Labels } from '../../labels/labels.js';
import { Matcher } from '../../labels/matcher.js';
import type { Call, VectorSelector } from '../ast.js';
import type { StoredSeries } from '../../series/source.js';
import { keyOfLabelsIn, METRIC_NAME } from './label-keys.js';
import { ChunkedVectorNode, type VectorNode } from './nodes.js';
import type { QueryContext } from './query-context.js';
import { visibleSample } from './selectors.js';
import { EvalError, type InstantVector, type Sample } from './values.js';

const IDENTIFYING_LABELS = ['instance', 'job'];
const IDENTIFYING = new Set(IDENTIFYING_LABELS);
const DEFAULT_INFO_METRIC = new Matcher(METRIC_NAME, '=', 'target_info');

interface InfoSample {
  labels: Labels;
  name: string;
  t: number;
}

export class InfoNode extends ChunkedVectorNode {
  /** Matchers on `__name__`: which metrics are info metrics. */
  private readonly nameMatchers: Matcher[];
  /** The other matchers, by label name: which data labels to add. */
  private readonly dataMatchers = new Map<string, Matcher[]>();
  private readonly selectMatchers: Matcher[];

  constructor(
    private readonly ctx: QueryContext,
    private readonly call: Call,
    private readonly base: VectorNode,
    selector: VectorSelector | undefined,
  ) {
    super();
    const matchers = selector?.matchers ?? [];
    this.nameMatchers = matchers.filter((m) => m.name === METRIC_NAME);
    for (const m of matchers) {
      if (m.name === METRIC_NAME) continue;
      const list = this.dataMatchers.get(m.name) ?? [];
      list.push(m);
      this.dataMatchers.set(m.name, list);
    }
    this.selectMatchers = this.nameMatchers.length > 0 ? [...matchers] : [DEFAULT_INFO_METRIC, ...matchers];
    if (this.nameMatchers.length === 0) this.nameMatchers = [DEFAULT_INFO_METRIC];
  }

  protected vectorsOfChunk(times: readonly number[]): InstantVector[] {
    const bases = this.base.vectorsAt(times);
    const infoSeries = this.infoSeriesFor(bases);
    const lookback = this.ctx.settings.lookbackDeltaMs;
    const cursors = new Int32Array(2 * infoSeries.length);
    const names = new Set<string>();
    const infoAt: InfoSample[][] = times.map((t) => {
      const visible: InfoSample[] = [];
      infoSeries.forEach((s, i) => {
        const j = visibleSample(s, t, lookback, cursors, 2 * i);
        if (j < 0) return;
        const name = s.labels.get(METRIC_NAME);
        names.add(name);
        visible.push({ labels: s.labels, name, t: s.ts[j]! });
      });
      return visible;
    });
    return bases.map((base, k) => this.combine(base, infoAt[k]!, names, times[k]!));
  }

  private isInfoSeries(labels: Labels): boolean {
    const name = labels.get(METRIC_NAME);
    return this.nameMatchers.some((m) => m.matches(name));
  }

  /** Info series whose identifying labels take values that the base series have. */
  private infoSeriesFor(bases: readonly InstantVector[]): StoredSeries[] {
    const wanted = new Map<string, Set<string>>();
    for (const base of bases) {
      for (const s of base) {
        if (this.isInfoSeries(s.labels)) continue;
        for (const name of IDENTIFYING_LABELS) {
          const value = s.labels.get(name);
          if (value === '') continue;
          let values = wanted.get(name);
          if (!values) wanted.set(name, (values = new Set()));
          values.add(value);
        }
      }
    }
    if (wanted.size === 0) return [];
    const { startMs, endMs } = this.ctx.bounds;
    const selected = this.ctx.source.select(this.selectMatchers, startMs - this.ctx.settings.lookbackDeltaMs, endMs);
    return selected.filter((s) => [...wanted].every(([name, values]) => values.has(s.labels.get(name))));
  }

  private combine(base: InstantVector, info: readonly InfoSample[], names: ReadonlySet<string>, t: number): InstantVector {
    const bySignature = new Map<string, InfoSample>();
    for (const s of info) {
      const sig = s.name + LABEL_KEY_SEPARATOR + keyOfLabelsIn(s.labels, IDENTIFYING);
      const existing = bySignature.get(sig);
      if (existing && existing.t === s.t) {
        throw new EvalError(`found duplicate series for info metric ${s.name}`, this.call.range);
      }
      if (!existing || existing.t < s.t) bySignature.set(sig, s);
    }
    const out: Sample[] = [];
    for (const s of base) {
      if (this.isInfoSeries(s.labels)) {
        out.push({ labels: s.labels, t, v: s.v, dropName: false });
        continue;
      }
      const added = this.dataLabelsFor(s.labels, bySignature, names);
      if (added.size === 0 && !this.allDataMatchersAcceptEmpty()) continue;
      let labels = s.labels;
      for (const [name, value] of added) labels = labels.with(name, value);
      out.push({ labels, t, v: s.v, dropName: false });
    }
    return out;
  }

  private dataLabelsFor(base: Labels, bySignature: Map<string, InfoSample>, names: ReadonlySet<string>): Map<string, string> {
    const added = new Map<string, string>();
    const identity = keyOfLabelsIn(base, IDENTIFYING);
    for (const name of names) {
      const info = bySignature.get(name + LABEL_KEY_SEPARATOR + identity);
      if (!info) continue;
      for (const [label, value] of info.labels) {
        if (label === METRIC_NAME) continue;
        if (this.dataMatchers.size > 0 && !this.dataMatchers.has(label)) continue;
        const earlier = added.get(label);
        if (earlier !== undefined && earlier !== value) {
          throw new EvalError(`conflicting label: ${label}`, this.call.range);
        }
        if (base.has(label)) continue;
        added.set(label, value);
      }
    }
    return added;
  }

  private allDataMatchersAcceptEmpty(): boolean {
    for (const matchers of this.dataMatchers.values()) if (matchers.some((m) => !m.matchesEmpty())) return false;
    return true;
  }
}
