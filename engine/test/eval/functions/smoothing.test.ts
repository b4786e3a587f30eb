import { describe, expect, it } from 'vitest';
import { EvalError } from '../../../src/promql/eval/values.js';
import { argAt, context, expectValues, impl, rangeOf, scalar, SECOND, seq, series, thrown, type TestSeries } from './helpers.js';

function smooth(all: TestSeries[], atMs: number, sf: number, tf: number) {
  const ctx = context(atMs, [argAt(0, 10), argAt(12, 16), argAt(18, 22)]);
  return impl('double_exponential_smoothing')([rangeOf(all, atMs, 60 * SECOND), scalar(sf), scalar(tf)], ctx);
}

describe('double_exponential_smoothing', () => {
  it('follows linear trends exactly', () => {
    const rising = [
      series({ i: '0' }, 10 * SECOND, [...seq(0, 10, 1000), ...seq(100, 30, 1000)]),
      series({ i: '1' }, 10 * SECOND, seq(0, 40, 2000)),
      series({ i: '2' }, 10 * SECOND, seq(8000, -10, 1000)),
      series({ i: '3' }, 10 * SECOND, [...seq(0, -40, 1000), ...seq(0, 40, 1000)]),
    ];
    expectValues(smooth(rising, 8000 * SECOND, 0.01, 0.1), { '{i="0"}': 8000, '{i="1"}': 32000, '{i="2"}': 0, '{i="3"}': -32000 });
  });

  it('weights recent samples by the smoothing factor and trends by the trend factor', () => {
    // s1 = 0; b = 10; then s = 0.5*10 + 0.5*(0+10) = 10; b = 0.5*(10-0) + 0.5*10 = 10; s = 0.5*30 + 0.5*(10+10) = 25.
    const out = smooth([series({}, 10 * SECOND, [0, 10, 30])], 20 * SECOND, 0.5, 0.5);
    expect(out.map((s) => [s.v, s.dropName])).toEqual([[25, true]]);
  });

  it('needs two samples', () => {
    expect(smooth([series({}, 10 * SECOND, [5])], 0, 0.5, 0.5)).toEqual([]);
  });

  it.each([
    [0, 0.5, 'invalid smoothing factor. Expected: 0 < sf < 1, got: 0.000000', 12],
    [1.5, 0.5, 'invalid smoothing factor. Expected: 0 < sf < 1, got: 1.500000', 12],
    [0.5, 1, 'invalid trend factor. Expected: 0 < tf < 1, got: 1.000000', 18],
  ])('rejects sf=%d tf=%d', (sf, tf, message, start) => {
    const error = thrown(() => smooth([series({}, 10 * SECOND, [1, 2])], 10 * SECOND, sf, tf));
    expect(error).toBeInstanceOf(EvalError);
    expect(error).toMatchObject({ message, range: { start } });
  });

  it('checks the factors only when there is something to smooth', () => {
    expect(smooth([], 0, 0, 0)).toEqual([]);
  });
});
