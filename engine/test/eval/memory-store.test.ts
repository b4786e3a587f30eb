import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Labels } from '../../src/labels/labels.js';
import { Matcher, type MatchType } from '../../src/labels/matcher.js';
import { MemoryStore, TimeColumns } from '../../src/series/memory-store.js';

const eq = (name: string, value: string) => new Matcher(name, '=', value);

function names(store: MemoryStore, matchers: Matcher[]): string[] {
  return store.select(matchers).map((s) => s.labels.toString());
}

describe('TimeColumns', () => {
  it('keeps entries sorted, overwrites equal timestamps and grows past its capacity', () => {
    const c = new TimeColumns(2);
    for (const t of [30, 10, 20, 50, 40]) c.put(t, t / 10);
    c.put(20, 99);
    expect([...c.ts.subarray(0, c.length)]).toEqual([10, 20, 30, 40, 50]);
    expect([...c.vs.subarray(0, c.length)]).toEqual([1, 99, 3, 4, 5]);
    expect(c.remove(30)).toBe(true);
    expect(c.remove(31)).toBe(false);
    c.dropFirst(2);
    expect([...c.ts.subarray(0, c.length)]).toEqual([40, 50]);
  });
});

describe('MemoryStore', () => {
  function store(): MemoryStore {
    const s = new MemoryStore();
    s.append({ __name__: 'up', job: 'api', instance: 'a' }, 0, 1);
    s.append({ __name__: 'up', job: 'db', instance: 'b' }, 0, 0);
    s.append({ __name__: 'http_requests_total', job: 'api' }, 0, 5);
    s.append({ __name__: 'up', job: 'api', instance: 'c' }, 0, 1);
    return s;
  }

  it('selects by metric name and labels, in insertion order', () => {
    const s = store();
    expect(names(s, [eq('__name__', 'up'), eq('job', 'api')])).toEqual([
      '{__name__="up", instance="a", job="api"}',
      '{__name__="up", instance="c", job="api"}',
    ]);
    expect(names(s, [eq('__name__', 'nope')])).toEqual([]);
  });

  it('matches regular expressions and absent labels like Prometheus', () => {
    const s = store();
    expect(names(s, [new Matcher('__name__', '=~', 'up|http.*'), new Matcher('instance', '=', '')])).toEqual([
      '{__name__="http_requests_total", job="api"}',
    ]);
    expect(names(s, [new Matcher('job', '!~', 'api')])).toEqual(['{__name__="up", instance="b", job="db"}']);
    expect(names(s, [new Matcher('__name__', '=~', '.+')])).toHaveLength(4);
    expect(names(s, [new Matcher('instance', '=~', 'a|c')])).toEqual([
      '{__name__="up", instance="a", job="api"}',
      '{__name__="up", instance="c", job="api"}',
    ]);
  });

  it('keeps samples and staleness markers apart; one replaces the other at the same time', () => {
    const s = new MemoryStore();
    const l = Labels.from({ __name__: 'm' });
    s.append(l, 10, 1);
    s.append(l, 20, 2);
    s.appendStale(l, 30);
    s.appendStale(l, 20);
    s.append(l, 40, 4);
    const [series] = s.select([eq('__name__', 'm')]);
    expect(Array.from(series!.ts)).toEqual([10, 40]);
    expect(Array.from(series!.vs)).toEqual([1, 4]);
    expect(Array.from(series!.staleTs)).toEqual([20, 30]);
    expect(s.samplesCount).toBe(2);
    expect(s.seriesCount).toBe(1);
  });

  it('shows samples appended after a selection in the next selection', () => {
    const s = new MemoryStore();
    s.append({ __name__: 'm' }, 1, 1);
    expect(s.select([eq('__name__', 'm')])[0]!.ts).toHaveLength(1);
    for (let t = 2; t < 100; t++) s.append({ __name__: 'm' }, t, t);
    const [series] = s.select([eq('__name__', 'm')]);
    expect(series!.ts).toHaveLength(99);
    expect(series!.vs[98]).toBe(99);
  });
});

describe('MemoryStore selections', () => {
  const LABEL_VALUES = { job: ['api', 'db', ''], instance: ['a', 'b', 'c', ''], code: ['200', '500', ''] };
  type Spec = { job: string; instance: string; code: string; name: string };
  const specArb: fc.Arbitrary<Spec> = fc.record({
    name: fc.constantFrom('up', 'req_total', 'ALERTS'),
    job: fc.constantFrom(...LABEL_VALUES.job),
    instance: fc.constantFrom(...LABEL_VALUES.instance),
    code: fc.constantFrom(...LABEL_VALUES.code),
  });
  const matcherArb = fc.oneof(
    fc.tuple(fc.constantFrom('__name__', 'job', 'instance', 'code', 'nope'), fc.constantFrom<MatchType>('=', '!=', '=~', '!~'), fc.constantFrom('', 'api', 'a', 'up', 'a|b', '.*', '.+', '2..', 'req.*')),
  ).map(([name, type, value]) => new Matcher(name, type, value));

  const labelsOf = ({ name, ...rest }: Spec) => Labels.from({ __name__: name, ...rest });
  /** What a selection must give: every series whose labels satisfy all matchers, in insertion order. */
  const expected = (all: Labels[], matchers: Matcher[]) =>
    all.filter((l) => matchers.every((m) => m.matches(l.get(m.name)))).map((l) => l.toString());

  it('select exactly the matching series, also after series are added and selections remembered', () => {
    fc.assert(
      fc.property(fc.array(specArb, { maxLength: 30 }), fc.array(specArb, { maxLength: 30 }), fc.array(fc.array(matcherArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (before, after, selections) => {
        const s = new MemoryStore();
        const added: Labels[] = [];
        const add = (spec: Spec) => {
          const labels = labelsOf(spec);
          if (!added.some((l) => l.equals(labels))) added.push(labels);
          s.append(labels, added.length, 1);
        };
        before.forEach(add);
        for (const matchers of selections) expect(names(s, matchers)).toEqual(expected(added, matchers));
        after.forEach(add);
        for (const matchers of selections) expect(names(s, matchers)).toEqual(expected(added, matchers));
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  it('hands out current views of series selected before they grew', () => {
    const s = new MemoryStore();
    const matchers = [eq('__name__', 'm')];
    s.append({ __name__: 'm' }, 1, 1);
    expect(Array.from(s.select(matchers)[0]!.ts)).toEqual([1]);
    s.append({ __name__: 'm' }, 2, 2);
    s.appendStale({ __name__: 'm' }, 3);
    const [series] = s.select(matchers);
    expect([Array.from(series!.ts), Array.from(series!.staleTs)]).toEqual([[1, 2], [3]]);
  });

  it('forgets remembered selections when cleared', () => {
    const s = new MemoryStore();
    const matchers = [eq('__name__', 'm')];
    s.append({ __name__: 'm', a: '1' }, 1, 1);
    expect(names(s, matchers)).toHaveLength(1);
    s.clear();
    expect(names(s, matchers)).toEqual([]);
    s.append({ __name__: 'm', a: '2' }, 1, 1);
    expect(names(s, matchers)).toEqual(['{__name__="m", a="2"}']);
  });
});

describe('MemorySeries', () => {
  it('answers what is stored at a time while samples and markers come in any order', () => {
    const s = new MemoryStore();
    const series = s.seriesFor({ __name__: 'm' });
    series.append(20, 2);
    expect([series.sampleAt(20), series.sampleAt(21), series.sampleAt(10)]).toEqual([2, undefined, undefined]);
    series.appendStale(30);
    series.append(10, 1);
    series.appendStale(20);
    expect([series.sampleAt(10), series.sampleAt(20), series.sampleAt(30), series.sampleAt(40)]).toEqual([1, 'stale', 'stale', undefined]);
    series.append(30, 3);
    expect(series.sampleAt(30)).toBe(3);
    expect(s.sampleAt(Labels.from({ __name__: 'm' }), 30)).toBe(3);
    expect(s.samplesCount).toBe(2);
    const [view] = s.select([eq('__name__', 'm')]);
    expect([Array.from(view!.ts), Array.from(view!.vs), Array.from(view!.staleTs)]).toEqual([[10, 30], [1, 3], [20]]);
  });
});
