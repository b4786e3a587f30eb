import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Labels } from '../../src/labels/labels.js';
import { Matcher } from '../../src/labels/matcher.js';
import type { InstantVector } from '../../src/promql/eval/values.js';
import { MemoryStore } from '../../src/series/memory-store.js';
import { RuleOutputWriter } from '../../src/rules/rule-output-writer.js';

/** The writer's rules spelled out one sample at a time, keyed by label text. */
class ReferenceWriter {
  private previous = new Map<string, Labels>();
  constructor(private readonly store: MemoryStore) {}
  write(samples: InstantVector, atMs: number): void {
    const written = new Map<string, Labels>();
    for (const { labels, v } of samples) {
      const existing = this.store.sampleAt(labels, atMs);
      if (existing === undefined) this.store.append(labels, atMs, v);
      else if (existing === 'stale' || !(Object.is(existing, v) || (Number.isNaN(existing) && Number.isNaN(v)))) continue;
      written.set(labels.key(), labels);
    }
    for (const [key, labels] of this.previous) {
      if (!written.has(key) && this.store.sampleAt(labels, atMs) === undefined) this.store.appendStale(labels, atMs);
    }
    this.previous = written;
  }
}

function contents(store: MemoryStore): string[] {
  return store.select([new Matcher('__name__', '=~', '.+')]).map((s) => `${s.labels} ${Array.from(s.ts).map((t, i) => `${s.vs[i]}@${t}`).join(' ')} stale ${Array.from(s.staleTs).join(' ')}`);
}

const POOL = ['a', 'b', 'c', 'd'].map((instance) => Labels.from({ __name__: 'ALERTS', instance }));

/** One evaluation: which pool entries the rule returns (as the same or equal Labels), with what value. */
const outputArb = fc.array(
  fc.record({ at: fc.integer({ min: 0, max: POOL.length - 1 }), copy: fc.boolean(), v: fc.constantFrom(1, 2, NaN, -0) }),
  { maxLength: 5 },
);
/** What another rule writes at the same time, before this one. */
const foreignArb = fc.array(fc.record({ at: fc.integer({ min: 0, max: POOL.length - 1 }), stale: fc.boolean(), v: fc.constantFrom(1, 2) }), { maxLength: 2 });

describe('RuleOutputWriter', () => {
  it('writes and marks stale exactly as sample-by-sample writing does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(outputArb, foreignArb, fc.boolean()), { minLength: 1, maxLength: 12 }), (evaluations) => {
        const stores = [new MemoryStore(), new MemoryStore()] as const;
        const writer = new RuleOutputWriter(stores[0]);
        const reference = new ReferenceWriter(stores[1]);
        evaluations.forEach(([output, foreign, clear], step) => {
          const atMs = step * 1000;
          for (const store of stores) {
            if (clear && step % 5 === 4) store.clear();
            for (const f of foreign) f.stale ? store.appendStale(POOL[f.at]!, atMs) : store.append(POOL[f.at]!, atMs, f.v);
          }
          const samples = output.map(({ at, copy, v }) => ({ labels: copy ? Labels.from(POOL[at]!.toObject()) : POOL[at]!, t: atMs, v }));
          writer.write(samples, atMs);
          reference.write(samples, atMs);
          expect(contents(stores[0])).toEqual(contents(stores[1]));
        });
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('marks the series a rule stopped returning stale, and no other', () => {
    const store = new MemoryStore();
    const writer = new RuleOutputWriter(store);
    const [a, b] = POOL as [Labels, Labels];
    writer.write([{ labels: a, t: 0, v: 1 }, { labels: b, t: 0, v: 1 }], 0);
    writer.write([{ labels: b, t: 1, v: 1 }, { labels: a, t: 1, v: 1 }], 1);
    writer.write([{ labels: b, t: 2, v: 1 }], 2);
    expect([store.sampleAt(a, 1), store.sampleAt(a, 2), store.sampleAt(b, 2)]).toEqual([1, 'stale', 1]);
  });
});
