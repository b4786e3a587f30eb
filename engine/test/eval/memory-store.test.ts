import { describe, expect, it } from 'vitest';
import { Labels } from '../../src/labels/labels.js';
import { Matcher } from '../../src/labels/matcher.js';
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
