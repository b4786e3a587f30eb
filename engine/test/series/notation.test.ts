import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KlaxonError } from '../../src/errors.js';
import { Labels } from '../../src/labels/labels.js';
import { Matcher } from '../../src/labels/matcher.js';
import { MemoryStore } from '../../src/series/memory-store.js';
import { formatSeriesLine, formatSeriesValues } from '../../src/series/notation-format.js';
import {
  loadSeriesLine,
  NativeHistogramNotationError,
  parseSeriesLine,
  type SeriesValue,
} from '../../src/series/notation.js';

const values = (text: string) => parseSeriesLine(`m ${text}`).values;

/** Element-wise Object.is, so that NaN equals NaN and 0 differs from -0. */
function sameValues(a: readonly SeriesValue[], b: readonly SeriesValue[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

function errorOf(line: string): KlaxonError {
  try {
    parseSeriesLine(line);
  } catch (e) {
    if (e instanceof KlaxonError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(line)} to be rejected`);
}

describe('parseSeriesLine labels', () => {
  it('reads a metric name with labels', () => {
    const { labels } = parseSeriesLine('http_requests{job="api", instance="a:1"} 1');
    expect(labels.toObject()).toEqual({ __name__: 'http_requests', job: 'api', instance: 'a:1' });
  });

  it('reads a bare metric name, with or without values', () => {
    expect(parseSeriesLine('up 1').labels.toObject()).toEqual({ __name__: 'up' });
    expect(parseSeriesLine('up')).toEqual({ labels: Labels.from({ __name__: 'up' }), values: [] });
  });

  it('reads the name from __name__ or a quoted name inside the braces', () => {
    expect(parseSeriesLine('{__name__="m", a="b"} 1').labels.toObject()).toEqual({ __name__: 'm', a: 'b' });
    expect(parseSeriesLine('{"my.metric", a="b"} 1').labels.toObject()).toEqual({ __name__: 'my.metric', a: 'b' });
  });

  it('accepts keywords as metric names and empty braces', () => {
    expect(parseSeriesLine('sum{a="b"} 1').labels.toObject()).toEqual({ __name__: 'sum', a: 'b' });
    expect(parseSeriesLine('{} 5').labels.size).toBe(0);
  });

  it('keeps spaces and braces inside label values', () => {
    const { labels, values: v } = parseSeriesLine('{a="x } y", b=\'1 2\'} 3');
    expect(labels.toObject()).toEqual({ a: 'x } y', b: '1 2' });
    expect(v).toEqual([3]);
  });

  it('rejects matchers other than equality, with the position of the label set', () => {
    const e = errorOf('m{a=~"b"} 1');
    expect(e.message).toContain('=~');
    expect(e.range.start).toBe(1);
  });

  it('rejects an unclosed label set', () => {
    expect(errorOf('m{a="b" 1').range.start).toBe(1);
  });
});

describe('parseSeriesLine values', () => {
  it('expands start+step and start-step with count+1 values', () => {
    expect(values('1+2x3')).toEqual([1, 3, 5, 7]);
    expect(values('5-1x3')).toEqual([5, 4, 3, 2]);
    expect(values('-1-1x2')).toEqual([-1, -2, -3]);
  });

  it('repeats a value count+1 times', () => {
    expect(values('7x2')).toEqual([7, 7, 7]);
    expect(values('-3x1')).toEqual([-3, -3]);
  });

  it('reads _ and _xN as N missing samples', () => {
    expect(values('1 _ 2')).toEqual([1, undefined, 2]);
    expect(values('_x3')).toEqual([undefined, undefined, undefined]);
  });

  it('reads stale markers and special numbers', () => {
    const v = values('stale Inf -Inf +Inf NaN nan inf');
    expect(v.slice(0, 5)).toEqual(['stale', Infinity, -Infinity, Infinity, NaN]);
    expect(Number.isNaN(v[5])).toBe(true);
    expect(v[6]).toBe(Infinity);
  });

  it('reads exponents, fractions and separators', () => {
    expect(values('1e3 1.5e-2 .5 2. 1_000')).toEqual([1000, 0.015, 0.5, 2, 1000]);
  });

  it('has no hexadecimal: 0x3 is zero repeated', () => {
    expect(values('0x3')).toEqual([0, 0, 0, 0]);
  });

  it('reads a leading zero as octal, as Go does', () => {
    expect(values('010 08')).toEqual([8, 8]);
  });

  it('accumulates the step like Prometheus: 0.1 added three times', () => {
    const v = values('0+0.1x3');
    expect(v).toEqual([0, 0.1, 0.1 + 0.1, 0.1 + 0.1 + 0.1]);
    expect(v[3]).toBe(0.30000000000000004);
  });

  it('turns stale plus a step into ordinary NaNs after the first value', () => {
    const v = values('stale+1x2');
    expect(v[0]).toBe('stale');
    expect(Number.isNaN(v[1])).toBe(true);
    expect(Number.isNaN(v[2])).toBe(true);
  });

  it('accepts tabs and repeated spaces between values', () => {
    expect(values('1\t 2   3 ')).toEqual([1, 2, 3]);
  });

  it.each([
    ['m 1+2', '"x" and a repetition count'],
    ['m 1x', 'repetition count'],
    ['m 1x1.5', 'repetition count'],
    ['m foo', '"stale"'],
    ['m 1m', 'bad number'],
    ['m 1..2', 'bad number'],
    ['m 1 # comment', 'unexpected character'],
    ['m{a="b"}1', 'space'],
    ['m 1x2x3', 'space before the next value'],
  ])('rejects %j with a message mentioning %j', (line, fragment) => {
    expect(errorOf(line).message).toContain(fragment);
  });

  it('positions value errors on the offending text', () => {
    const e = errorOf('m 1 2 foo 3');
    expect(e.range).toEqual({ start: 6, end: 9 });
  });

  it('refuses absurd repetition counts instead of allocating them', () => {
    expect(errorOf('m 1x100000000000').message).toContain('too large');
  });

  it('reports native histogram values as unsupported, keeping the labels', () => {
    let caught: unknown;
    try {
      parseSeriesLine('h{a="b"} 1 {{schema:0 sum:1 count:1}} 2');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(NativeHistogramNotationError);
    const e = caught as NativeHistogramNotationError;
    expect(e.labels.toObject()).toEqual({ __name__: 'h', a: 'b' });
    expect(e.range.start).toBe(11);
    expect(e.floatValues).toEqual([1, undefined, 2]);
    expect(e.histogramIndexes).toEqual([1]);
  });

  it('counts histogram repetitions and increments like their float counterparts', () => {
    const e = errorOf('h {{sum:1 count:1}}x2 {{schema:0 sum:0}}+{{sum:1}}x1 7') as NativeHistogramNotationError;
    expect(e.histogramIndexes).toEqual([0, 1, 2, 3, 4]);
    expect(e.floatValues).toEqual([undefined, undefined, undefined, undefined, undefined, 7]);
    expect(errorOf('h {{sum:1').message).toContain('unclosed native histogram');
  });
});

describe('loadSeriesLine', () => {
  it('appends values at start + i * interval, stale markers as such, skipping _', () => {
    const store = new MemoryStore();
    const added = loadSeriesLine(store, parseSeriesLine('m{a="1"} 1 _ 3 stale'), 1000, 60_000);
    expect(added).toBe(3);
    const [series] = store.select([new Matcher('__name__', '=', 'm')]);
    expect(Array.from(series!.ts)).toEqual([1000, 121_000]);
    expect(Array.from(series!.vs)).toEqual([1, 3]);
    expect(Array.from(series!.staleTs)).toEqual([181_000]);
  });
});

describe('formatSeriesValues', () => {
  it('compresses repeats, arithmetic runs and gaps', () => {
    expect(formatSeriesValues([1, 1, 1, 1])).toBe('1x3');
    expect(formatSeriesValues([0, 2, 4, 6])).toBe('0+2x3');
    expect(formatSeriesValues([9, 6, 3])).toBe('9-3x2');
    expect(formatSeriesValues([undefined, undefined, 5, 'stale'])).toBe('_x2 5 stale');
    expect(formatSeriesValues([NaN, NaN, NaN, -0, Infinity])).toBe('NaN+0x2 -0 Inf');
  });

  it('writes label sets as the notation reads them', () => {
    expect(formatSeriesLine(Labels.from({ __name__: 'up', job: 'a' }), [1])).toBe('up{job="a"} 1');
    expect(formatSeriesLine(Labels.from({ __name__: 'my.metric' }), [])).toBe('{__name__="my.metric"}');
  });

  const number = fc.oneof(
    fc.double(),
    fc.integer({ min: -1000, max: 1000 }),
    fc.constantFrom(0, -0, 0.1, Infinity, -Infinity, NaN),
  );
  const value: fc.Arbitrary<SeriesValue> = fc.oneof(
    { weight: 6, arbitrary: number },
    { weight: 1, arbitrary: fc.constant<SeriesValue>('stale') },
    { weight: 1, arbitrary: fc.constant<SeriesValue>(undefined) },
  );
  /** Runs as the notation expands them, so that the formatter's compression gets exercised. */
  const run = fc.oneof(
    fc.array(value, { maxLength: 4 }),
    fc.tuple(number, number, fc.integer({ min: 0, max: 12 })).map(([start, step, count]) => {
      const out: SeriesValue[] = [];
      let v = start;
      for (let i = 0; i <= count; i++, v += step) out.push(v);
      return out;
    }),
    fc.tuple(value, fc.integer({ min: 0, max: 6 })).map(([v, n]) => Array<SeriesValue>(n + 1).fill(v)),
  );
  const sequence = fc.array(run, { maxLength: 8 }).map((runs) => runs.flat());

  it('round-trips every value sequence through format and parse (property)', () => {
    fc.assert(
      fc.property(sequence, (vs) => {
        const parsed = parseSeriesLine(formatSeriesLine(Labels.from({ __name__: 'm', x: 'y' }), vs));
        return sameValues(parsed.values, vs);
      }),
      { numRuns: 500 },
    );
  });
});
