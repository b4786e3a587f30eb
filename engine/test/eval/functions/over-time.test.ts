import { describe, expect, it } from 'vitest';
import {
  argAt,
  context,
  expectClose,
  expectValues,
  impl,
  MINUTE,
  rangeOf,
  SECOND,
  seq,
  series,
  type TestSeries,
} from './helpers.js';

function over(name: string, all: TestSeries[], atMs: number, rangeMs: number, ...extra: number[]) {
  const ctx = context(atMs, [argAt(0, 3), argAt(4, 20)]);
  const matrix = rangeOf(all, atMs, rangeMs);
  const args = name === 'quantile_over_time' ? [{ type: 'scalar' as const, t: 0, v: extra[0]! }, matrix] : [matrix];
  return { out: impl(name)(args, ctx), ctx };
}

/** The one value of `name` over a single series. */
function single(name: string, values: number[], intervalMs = 10 * SECOND, atMs = 55 * SECOND, rangeMs = MINUTE) {
  return over(name, [series({}, intervalMs, values)], atMs, rangeMs).out[0]?.v;
}

describe('avg_over_time', () => {
  it('averages the samples inside the window only', () => {
    const values = [1, 2, 3, 4, 5];
    expect(single('avg_over_time', values, 10 * SECOND, 55 * SECOND, 10 * SECOND)).toBeUndefined();
    expect(single('avg_over_time', values, 10 * SECOND, 55 * SECOND, 20 * SECOND)).toBe(5);
    expect(single('avg_over_time', values)).toBe(3);
  });

  it.each([
    [[1, 2, 3, 4, Infinity], Infinity],
    [[1, 2, 3, 4, -Infinity], -Infinity],
    [[1, 2, 3, Infinity, -Infinity], NaN],
    [[Infinity, 0, Infinity], Infinity],
    [[Infinity, Infinity, Infinity, -Infinity], NaN],
    [[1, 2, 3, -Infinity, -Infinity], -Infinity],
    [[-Infinity, 0, -Infinity], -Infinity],
    [[-Infinity, -Infinity, -Infinity, Infinity], NaN],
    [[1, 2, -Infinity, -Infinity, Infinity], NaN],
    [[1, 2, 3, NaN, NaN], NaN],
  ])('handles infinities and NaN in %j', (values, expected) => {
    expect(single('avg_over_time', values)).toBe(expected);
  });

  it('switches to an incremental mean instead of overflowing', () => {
    const big = 9.988465674311579e307;
    expect(single('avg_over_time', [big, big])).toBe(big);
    expect(single('sum_over_time', [big, big])).toBe(Infinity);
    expect(single('avg_over_time', [-big, -big, -big])).toBe(-big);
    expect(single('avg_over_time', [-big, big])).toBe(0);
  });

  it.each([
    [[1e10, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6], 1.6666666666666675e9],
    [[5.30921651659898, 0.961118537914768, 1.62091361305318, 0.865089463758091, 0.323055185914577, 0.951811357687154], 1.67186744582113],
    [[1.78264e50, 0.76342771, 1.9592258, 7.69805412, 458.90154], 3.56528e49],
    [[0.76342771, 1.9592258, 7.69805412, 1.78264e50, 458.90154], 3.56528e49],
    [[1.78264e50, 0.76342771, 1.9592258, 2.258e220, 7.69805412, 458.90154], 3.76333333333333e219],
    [[-1.78264e50, 0.76342771, 1.9592258, -2.258e220, 7.69805412, -458.90154], -3.76333333333333e219],
    [[-1.78264e215, 0.76342771, 1.9592258, 2.258e220, 7.69805412, -458.90154], 3.76330362266667e219],
    [[-1.78264e215, 0.76342771, 1.9592258, 2.258e220, 7.69805412, 1.78264e215, -458.90154], 3.225714285714286e219],
    [[-1.78264e219, 0.76342771, 1.9592258, 2.3757689e217, -2.3757689e217, 2.258e220, 7.69805412, 1.78264e219, -458.90154], 2.5088888888888888e219],
  ])('keeps precision for values of mixed magnitude %#', (values, expected) => {
    const v = single('avg_over_time', values, 5 * SECOND);
    expect(Math.abs(v! - expected) / Math.abs(expected)).toBeLessThan(1e-13);
  });

  it('reproduces Prometheus exactly where even compensated sums lose everything', () => {
    const cancelling = [
      -2.258e220, -1.78264e219, 0.76342771, 1.9592258, 2.3757689e217, -2.3757689e217, 2.258e220, 7.69805412,
      1.78264e219, -458.90154,
    ];
    expect(single('avg_over_time', cancelling, 5 * SECOND)).toBe(0);
  });

  it('averages a constant to exactly that constant', () => {
    const foo = [series({}, 10 * SECOND, seq(52, 0, 100))];
    for (const range of [100, 110, 120, 130]) expect(over('avg_over_time', foo, 10 * MINUTE, range * SECOND).out[0]!.v).toBe(52);
  });
});

describe('sum_over_time and count_over_time', () => {
  it('sums with compensation', () => {
    expect(single('sum_over_time', [1, 1e100, 1, -1e100], 10 * SECOND, MINUTE, 2 * MINUTE)).toBe(2);
    expect(single('avg_over_time', [1, 1e100, 1, -1e100], 10 * SECOND, MINUTE, 2 * MINUTE)).toBe(0.5);
  });

  it('counts and sums dense samples exactly at the window edges', () => {
    const dense = [series({}, 1, seq(1, 0, 4000))];
    for (const ms of [1000, 1001, 1002, 1003, 2000, 3003]) {
      expect(over('sum_over_time', dense, 4 * SECOND, ms).out[0]!.v).toBe(ms);
      expect(over('count_over_time', dense, 4 * SECOND, ms).out[0]!.v).toBe(ms);
    }
  });
});

describe('stddev_over_time and stdvar_over_time', () => {
  it('computes the population variance', () => {
    expectClose(single('stdvar_over_time', [0, 8, 8, 2, 3], 10 * SECOND, MINUTE, 2 * MINUTE), 10.56);
    expectClose(single('stddev_over_time', [0, 8, 8, 2, 3], 10 * SECOND, MINUTE, 2 * MINUTE), Math.sqrt(10.56));
  });

  it('is exactly zero for a constant series', () => {
    const c = 1.5990505637277868;
    expect(single('stdvar_over_time', [c, c, c])).toBe(0);
    expect(single('stddev_over_time', [c, c, c])).toBe(0);
  });
});

describe('min, max, last, count and present over time', () => {
  const data = [
    series({ __name__: 'data', type: 'numbers' }, 10 * SECOND, [2, 0, 3]),
    series({ __name__: 'data', type: 'some_nan' }, 10 * SECOND, [2, 0, NaN]),
    series({ __name__: 'data', type: 'some_nan2' }, 10 * SECOND, [2, NaN, 1]),
    series({ __name__: 'data', type: 'some_nan3' }, 10 * SECOND, [NaN, 0, 1]),
    series({ __name__: 'data', type: 'only_nan' }, 10 * SECOND, [NaN, NaN, NaN]),
  ];
  const byType = (name: string) =>
    Object.fromEntries(over(name, data, MINUTE, 2 * MINUTE).out.map((s) => [s.labels.get('type'), s.v]));

  it('min and max ignore NaN unless there is nothing else', () => {
    expect(byType('min_over_time')).toEqual({ numbers: 0, some_nan: 0, some_nan2: 1, some_nan3: 0, only_nan: NaN });
    expect(byType('max_over_time')).toEqual({ numbers: 3, some_nan: 2, some_nan2: 2, some_nan3: 1, only_nan: NaN });
  });

  it('last_over_time takes the last sample and keeps the metric name', () => {
    const { out } = over('last_over_time', data, MINUTE, 2 * MINUTE);
    expect(byType('last_over_time')).toEqual({ numbers: 3, some_nan: NaN, some_nan2: 1, some_nan3: 1, only_nan: NaN });
    expect(out.every((s) => s.dropName === false)).toBe(true);
  });

  it('other functions drop the metric name', () => {
    for (const name of ['min_over_time', 'count_over_time', 'present_over_time', 'ts_of_last_over_time']) {
      expect(over(name, data, MINUTE, 2 * MINUTE).out.every((s) => s.dropName === true)).toBe(true);
    }
  });

  it('count and present look only at non-empty windows', () => {
    const some = [series({ a: '1' }, MINUTE, seq(1, 1, 10)), series({ a: '2' }, MINUTE, [1])];
    expectValues(over('count_over_time', some, 5 * MINUTE, 5 * MINUTE).out, { '{a="1"}': 5 });
    expectValues(over('present_over_time', some, 0, 30 * SECOND).out, { '{a="1"}': 1, '{a="2"}': 1 });
  });
});

describe('ts_of_*_over_time', () => {
  const step = 10 * SECOND + 53;

  it('gives the time of the first minimum, the last maximum, and the last sample', () => {
    const metric = [series({}, step, [1, 2, 3, 0, 5, 6, 2, 1, 4])];
    expect(over('ts_of_min_over_time', metric, 90 * SECOND, 90 * SECOND).out[0]!.v).toBe(30.159);
    expect(over('ts_of_max_over_time', metric, 90 * SECOND, 90 * SECOND).out[0]!.v).toBe(50.265);
    const gappy = [series({}, step, [1, 2, 3, null, null])];
    expect(over('ts_of_last_over_time', gappy, 95 * SECOND, 90 * SECOND).out[0]!.v).toBe(20.106);
  });

  it('ties go to the latest sample', () => {
    const flat = [series({}, SECOND, [5, 1, 5, 1])];
    expect(over('ts_of_max_over_time', flat, 3 * SECOND, 10 * SECOND).out[0]!.v).toBe(2);
    expect(over('ts_of_min_over_time', flat, 3 * SECOND, 10 * SECOND).out[0]!.v).toBe(3);
  });
});

describe('quantile_over_time', () => {
  const data = [
    series({ test: 'two samples' }, 10 * SECOND, [0, 1]),
    series({ test: 'three samples' }, 10 * SECOND, [0, 1, 2]),
    series({ test: 'uneven samples' }, 10 * SECOND, [0, 1, 4]),
  ];
  const at = (q: number) => over('quantile_over_time', data, MINUTE, 2 * MINUTE, q);

  it.each([
    [0, 0, 0, 0],
    [0.5, 0.5, 1, 1],
    [0.75, 0.75, 1.5, 2.5],
    [0.8, 0.8, 1.6, 2.8],
    [1, 1, 2, 4],
  ])('q=%d interpolates between ranks', (q, two, three, uneven) => {
    const { out, ctx } = at(q);
    expectValues(out, { '{test="two samples"}': two, '{test="three samples"}': three, '{test="uneven samples"}': uneven });
    expect(ctx.annotations.list()).toEqual([]);
  });

  it.each([
    [-1, -Infinity, 'PromQL warning: quantile value should be between 0 and 1, got -1'],
    [2, Infinity, 'PromQL warning: quantile value should be between 0 and 1, got 2'],
    [NaN, NaN, 'PromQL warning: quantile value should be between 0 and 1, got NaN'],
  ])('q=%d is out of range: %d with a warning at the quantile argument', (q, value, message) => {
    const { out, ctx } = at(q);
    expect(out.map((s) => s.v)).toEqual([value, value, value]);
    expect(ctx.annotations.list()).toEqual([{ severity: 'warning', message, range: { start: 0, end: 3 } }]);
  });

  it('warns only when some series has samples', () => {
    expect(over('quantile_over_time', data, 10 * MINUTE, MINUTE, 2).ctx.annotations.list()).toEqual([]);
  });
});

describe('mad_over_time', () => {
  it('is the median absolute deviation from the median', () => {
    expect(single('mad_over_time', [4, 6, 2, 1, 999, 1, 2], 10 * SECOND, 70 * SECOND, 70 * SECOND)).toBe(1);
  });

  it('leaves the stored samples untouched', () => {
    const s = series({}, SECOND, [3, 1, 2]);
    over('mad_over_time', [s], 2 * SECOND, 10 * SECOND);
    over('quantile_over_time', [s], 2 * SECOND, 10 * SECOND, 0.5);
    expect([...s.vs]).toEqual([3, 1, 2]);
  });
});
