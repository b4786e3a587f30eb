import { describe, expect, it } from 'vitest';
import type { FunctionImpl } from '../../../src/promql/eval/values.js';
import { argAt, context, expectValues, impl, MINUTE, rangeOf, seq, series, type TestSeries } from './helpers.js';

const rate = impl('rate');
const increase = impl('increase');
const delta = impl('delta');
const irate = impl('irate');
const idelta = impl('idelta');

function evalAt(fn: FunctionImpl, all: TestSeries[], atMs: number, rangeMs: number) {
  const ctx = context(atMs, [argAt(5, 20)]);
  return { out: fn([rangeOf(all, atMs, rangeMs)], ctx), ctx };
}

describe('increase', () => {
  const counters = [
    series({ __name__: 'http_requests_total', path: '/foo' }, 5 * MINUTE, seq(0, 10, 10)),
    series({ __name__: 'http_requests_total', path: '/bar' }, 5 * MINUTE, [...seq(0, 18, 5), ...seq(0, 18, 5)]),
    series({ __name__: 'http_requests_total', path: '/dings' }, 5 * MINUTE, seq(10, 10, 10)),
    series({ __name__: 'http_requests_total', path: '/bumms' }, 5 * MINUTE, seq(1, 10, 10)),
  ];

  it('extrapolates to the range start and adds back counter resets', () => {
    const { out } = evalAt(increase, counters, 50 * MINUTE, 50 * MINUTE);
    expectValues(out, {
      '{__name__="http_requests_total", path="/foo"}': 100,
      '{__name__="http_requests_total", path="/bar"}': 160,
      '{__name__="http_requests_total", path="/dings"}': 100,
      '{__name__="http_requests_total", path="/bumms"}': 100,
    });
    expect(out.every((s) => s.dropName === true)).toBe(true);
  });

  it('extrapolates by half an interval at most, and never below zero', () => {
    const { out } = evalAt(increase, counters, 50 * MINUTE, 100 * MINUTE);
    expectValues(out, {
      '{__name__="http_requests_total", path="/foo"}': 100,
      '{__name__="http_requests_total", path="/bar"}': 162,
      '{__name__="http_requests_total", path="/dings"}': 105,
      '{__name__="http_requests_total", path="/bumms"}': 101,
    });
  });

  it('reads a decrease as a reset to zero', () => {
    const s = series({ path: '/foo' }, 5 * MINUTE, [0, 1, 2, 3, 2, 3, 4]);
    expectValues(evalAt(increase, [s], 30 * MINUTE, 30 * MINUTE).out, { '{path="/foo"}': 7 });
  });
});

describe('rate', () => {
  it('handles a reset in the middle of the range', () => {
    const s = series({}, 5 * MINUTE, [...seq(0, 27, 4), ...seq(0, 27, 5)]);
    expectValues(evalAt(rate, [s], 50 * MINUTE, 50 * MINUTE).out, { '{}': 0.08 });
  });

  it('needs two samples, and a reset at the end yields zero', () => {
    const s = series({}, 5 * MINUTE, [...seq(0, 10, 9), 0, 10]);
    expect(evalAt(rate, [s], 50 * MINUTE, 5 * MINUTE).out).toEqual([]);
    expectValues(evalAt(rate, [s], 50 * MINUTE, 6 * MINUTE).out, { '{}': 0 });
  });

  it('is per second over the whole range, also for an offset window', () => {
    const window = series({}, 5 * MINUTE, seq(0, 80, 10));
    expectValues(evalAt(rate, [window], 50 * MINUTE, 50 * MINUTE).out, { '{}': 0.26666666666666666 });
    const a = series({ x: 'a' }, 5 * MINUTE, seq(0, 10, 10));
    const b = series({ x: 'b' }, 5 * MINUTE, seq(0, 20, 10));
    // `[10m] offset 5m` at 50m selects (35m, 45m].
    expectValues(evalAt(rate, [a, b], 45 * MINUTE, 10 * MINUTE).out, {
      '{x="a"}': 0.03333333333333333,
      '{x="b"}': 0.06666666666666667,
    });
  });

  it('cuts left-side extrapolation at the zero point of the counter', () => {
    const starts = [0, 1, 2, 3, 4, 5].map((m) => series({ start: `${m}m` }, 4 * MINUTE, seq(60 * m, 240, 10)));
    expectValues(evalAt(rate, starts, 10 * MINUTE, 20 * MINUTE).out, {
      '{start="0m"}': 0.5,
      '{start="1m"}': 0.55,
      '{start="2m"}': 0.6,
      '{start="3m"}': 0.6,
      '{start="4m"}': 0.6,
      '{start="5m"}': 0.6,
    });
    const later = evalAt(rate, starts, 50 * MINUTE, 20 * MINUTE).out;
    expectValues(later, Object.fromEntries(starts.map((s) => [s.labels.toString(), 0.6])));
  });

  it('notes, once, a metric whose name does not look like a counter', () => {
    const gauge = ['a', 'b'].map((room) => series({ __name__: 'temperature', room }, MINUTE, [1, 2, 3]));
    const { ctx } = evalAt(rate, gauge, 2 * MINUTE, 5 * MINUTE);
    expect(ctx.annotations.list()).toEqual([
      {
        severity: 'info',
        message:
          'PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "temperature"',
        range: { start: 5, end: 20 },
      },
    ]);
  });

  it('does not note counters, nameless series or series without a result', () => {
    const quiet = [
      series({ __name__: 'requests_total' }, MINUTE, [1, 2, 3]),
      series({ job: 'x' }, MINUTE, [1, 2, 3]),
      series({ __name__: 'temperature' }, MINUTE, [1]),
    ];
    const { out, ctx } = evalAt(rate, quiet, 2 * MINUTE, 5 * MINUTE);
    expect(out).toHaveLength(2);
    expect(ctx.annotations.list()).toEqual([]);
    const gauge = [series({ __name__: 'temperature' }, MINUTE, [1, 2, 3])];
    expect(evalAt(delta, gauge, 2 * MINUTE, 5 * MINUTE).ctx.annotations.list()).toEqual([]);
  });
});

describe('delta', () => {
  it('extrapolates gauges without reset handling', () => {
    const all = [
      series({ path: '/foo' }, 5 * MINUTE, [0, 50, 100, 150, 200]),
      series({ path: '/bar' }, 5 * MINUTE, [200, 150, 100, 50, 0]),
    ];
    expectValues(evalAt(delta, all, 20 * MINUTE, 20 * MINUTE).out, { '{path="/foo"}': 200, '{path="/bar"}': -200 });
  });
});

describe('irate and idelta', () => {
  const counters = [
    series({ path: '/foo' }, 5 * MINUTE, seq(0, 10, 10)),
    series({ path: '/bar' }, 5 * MINUTE, [...seq(0, 10, 5), ...seq(0, 10, 5)]),
  ];

  it('irate uses the last two samples, and the last value after a reset', () => {
    expectValues(evalAt(irate, counters, 50 * MINUTE, 50 * MINUTE).out, {
      '{path="/foo"}': 1 / 30,
      '{path="/bar"}': 1 / 30,
    });
    expectValues(evalAt(irate, counters, 30 * MINUTE, 50 * MINUTE).out, { '{path="/foo"}': 1 / 30, '{path="/bar"}': 0 });
  });

  it('propagates NaN and needs two samples', () => {
    const s = series({}, 5 * MINUTE, [1, NaN, NaN, 5, 11]);
    const at = (fn: FunctionImpl, m: number) => evalAt(fn, [s], m * MINUTE, 15 * MINUTE + 1000).out.map((x) => x.v);
    expect([0, 5, 10, 15, 20].map((m) => at(irate, m))).toEqual([[], [NaN], [NaN], [NaN], [0.02]]);
    expect([0, 5, 10, 15, 20].map((m) => at(idelta, m))).toEqual([[], [NaN], [NaN], [NaN], [6]]);
  });

  it('idelta is the plain difference of the last two samples', () => {
    const all = [
      series({ path: '/foo' }, 5 * MINUTE, [0, 50, 100, 150]),
      series({ path: '/bar' }, 5 * MINUTE, [0, 50, 100, 50]),
    ];
    expectValues(evalAt(idelta, all, 20 * MINUTE, 20 * MINUTE).out, { '{path="/foo"}': 50, '{path="/bar"}': -50 });
  });
});
