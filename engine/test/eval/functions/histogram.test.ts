import { describe, expect, it } from 'vitest';
import type { Value } from '../../../src/promql/eval/values.js';
import { argAt, context, expectValues, impl, scalar, vec } from './helpers.js';

/** Classic buckets of one histogram: `le` -> cumulative count. */
function buckets(labels: Record<string, string>, counts: Record<string, number>): [Record<string, string>, number][] {
  return Object.entries(counts).map(([le, count]) => [{ ...labels, le }, count]);
}

const testhistogram = vec(
  ...buckets({ __name__: 'testhistogram_bucket', start: 'positive' }, { '0.1': 50, '.2': 70, '1e0': 110, '+Inf': 120 }),
  ...buckets({ __name__: 'testhistogram_bucket', start: 'negative' }, { '-.2': 10, '-0.1': 20, '0.3': 20, '+Inf': 30 }),
);
const testhistogram3 = vec(
  ...buckets({ __name__: 'testhistogram3_bucket', start: 'positive' }, { '0': 0, '0.1': 50, '.2': 70, '1e0': 110, '+Inf': 110 }),
  ...buckets({ __name__: 'testhistogram3_bucket', start: 'negative' }, { '-.25': 0, '-.2': 10, '-0.1': 20, '0.3': 20, '+Inf': 20 }),
);
const testhistogram2 = (scale: number) =>
  vec(...buckets({ __name__: 'testhistogram2_bucket' }, { '0': 0, '2': scale, '4': 2 * scale, '6': 3 * scale, '+Inf': 3 * scale }));

const POSITIVE = '{__name__="testhistogram_bucket", start="positive"}';
const NEGATIVE = '{__name__="testhistogram_bucket", start="negative"}';
const POSITIVE3 = '{__name__="testhistogram3_bucket", start="positive"}';
const NEGATIVE3 = '{__name__="testhistogram3_bucket", start="negative"}';

function quantile(q: number, input: Value) {
  const ctx = context(0, [argAt(19, 22), argAt(24, 40)]);
  return { out: impl('histogram_quantile')([scalar(q), input], ctx), ctx };
}

function fraction(lower: number, upper: number, input: Value) {
  return impl('histogram_fraction')([scalar(lower), scalar(upper), input], context(0, [argAt(0, 1), argAt(2, 3), argAt(4, 5)]));
}

describe('histogram_quantile', () => {
  it.each([
    [0, 0, -0.2],
    [0.2, 0.048, -0.2],
    [0.5, 0.15, -0.15],
    [0.8, 0.72, 0.3],
    [1, 1, 0.3],
  ])('q=%d interpolates inside buckets, from 0 for a positive lowest bucket', (q, positive, negative) => {
    const { out, ctx } = quantile(q, testhistogram);
    expectValues(out, { [POSITIVE]: positive, [NEGATIVE]: negative });
    expect(out.every((s) => s.dropName === true && !s.labels.has('le'))).toBe(true);
    expect(ctx.annotations.list()).toEqual([]);
  });

  it.each([
    [0, 0, -0.25],
    [0.25, 0.055, -0.225],
    [0.5, 0.125, -0.2],
    [0.75, 0.45, -0.15],
    [1, 1, -0.1],
  ])('q=%d with empty lowest and +Inf buckets', (q, positive, negative) => {
    expectValues(quantile(q, testhistogram3).out, { [POSITIVE3]: positive, [NEGATIVE3]: negative });
  });

  it.each([
    [1 / 6, 1],
    [0.5, 3],
    [5 / 6, 5],
  ])('q=%d in the middle of a bucket', (q, expected) => {
    expectValues(quantile(q, testhistogram2(1)).out, { '{__name__="testhistogram2_bucket"}': expected });
  });

  it.each([
    [-0.1, -Infinity, '-0.1'],
    [1.01, Infinity, '1.01'],
    [NaN, NaN, 'NaN'],
  ])('q=%d is out of range: %d and a warning at the quantile', (q, expected, text) => {
    const { out, ctx } = quantile(q, testhistogram);
    expect(out.map((s) => s.v)).toEqual([expected, expected]);
    expect(ctx.annotations.list()).toEqual([
      {
        severity: 'warning',
        message: `PromQL warning: quantile value should be between 0 and 1, got ${text}`,
        range: { start: 19, end: 22 },
      },
    ]);
  });

  it('fixes non-monotonic buckets and says so', () => {
    const nonmonotonic = vec(
      ...buckets({ __name__: 'nonmonotonic_bucket' }, { '0.1': 20, '1': 10, '10': 50, '100': 40, '1000': 90, '+Inf': 80 }),
    );
    for (const [q, expected] of [
      [0.01, 0.0045],
      [0.5, 8.5],
      [0.99, 979.75],
    ] as const) {
      const { out, ctx } = quantile(q, nonmonotonic);
      expectValues(out, { '{__name__="nonmonotonic_bucket"}': expected });
      expect(ctx.annotations.list()).toEqual([
        {
          severity: 'info',
          message:
            'PromQL info: input to histogram_quantile needed to be fixed for monotonicity ' +
            '(see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) ' +
            'for metric name "nonmonotonic_bucket"',
          range: { start: 24, end: 40 },
        },
      ]);
    }
  });

  it('silently ignores relative differences below 1e-12', () => {
    const noisy = vec(...buckets({}, { '1': 10, '2': 10 * (1 + 1e-13), '3': 10, '+Inf': 20 }));
    const { out, ctx } = quantile(0.5, noisy);
    expect(out.map((s) => s.v)).toEqual([1]);
    expect(ctx.annotations.list()).toEqual([]);
  });

  it('merges buckets whose bounds are spelled differently', () => {
    const mixed = vec(
      ...buckets({ instance: 'ins1' }, { '0.1': 1, '0.2': 1, '2e-1': 1, '2.0e-1': 1, '+Inf': 4 }),
      ...buckets({ instance: 'ins2' }, { '+inf': 0, '+Inf': 0 }),
    );
    const [ins1, ins2] = quantile(0.5, mixed).out;
    expect(ins1!.v).toBeCloseTo(0.15, 12);
    expect(ins2!.v).toBeNaN();
    expect(quantile(0.75, mixed).out[0]!.v).toBeCloseTo(0.2, 12);
  });

  it('is NaN without observations, without a +Inf bucket or with only one bucket', () => {
    expect(quantile(0.2, vec(...buckets({}, { '0.1': 0, '0.2': 0, '+Inf': 0 }))).out[0]!.v).toBeNaN();
    expect(quantile(0.2, vec(...buckets({}, { '0.1': 1, '0.2': 2 }))).out[0]!.v).toBeNaN();
    expect(quantile(0.2, vec(...buckets({}, { '+Inf': 2 }))).out[0]!.v).toBeNaN();
  });

  it('returns the second-highest bound for a quantile in the +Inf bucket', () => {
    expect(quantile(0.9, vec(...buckets({}, { '1': 1, '2': 2, '+Inf': 10 }))).out[0]!.v).toBe(2);
  });

  it('keeps histograms of different metric names apart', () => {
    const two = vec(
      ...buckets({ __name__: 'a_bucket', job: 'x' }, { '1': 1, '+Inf': 2 }),
      ...buckets({ __name__: 'b_bucket', job: 'x' }, { '1': 1, '+Inf': 2 }),
    );
    expect(quantile(0.5, two).out.map((s) => s.labels.toString())).toEqual([
      '{__name__="a_bucket", job="x"}',
      '{__name__="b_bucket", job="x"}',
    ]);
  });

  it('skips samples whose le is missing or malformed, with a warning', () => {
    const input = vec(
      [{ __name__: 'x_bucket', le: 'foo' }, 1],
      [{ __name__: 'x_bucket' }, 1],
      ...buckets({ __name__: 'y_bucket' }, { '1': 1, '+Inf': 2 }),
    );
    const { out, ctx } = quantile(0.5, input);
    expect(out.map((s) => s.labels.toString())).toEqual(['{__name__="y_bucket"}']);
    const warning = (le: string) =>
      `PromQL warning: bucket label "le" is missing or has a malformed value of "${le}" for metric name "x_bucket"`;
    expect(ctx.annotations.list('warning')).toEqual([
      { severity: 'warning', message: warning('foo'), range: { start: 24, end: 40 } },
      { severity: 'warning', message: warning(''), range: { start: 24, end: 40 } },
    ]);
  });
});

describe('histogram_fraction', () => {
  it('interpolates linearly inside buckets', () => {
    expectValues(fraction(0, 4, testhistogram2(10)), { '{__name__="testhistogram2_bucket"}': 0.6666666666666666 });
    expectValues(fraction(0, 6, testhistogram2(10)), { '{__name__="testhistogram2_bucket"}': 1 });
    expectValues(fraction(0, 3.5, testhistogram2(10)), { '{__name__="testhistogram2_bucket"}': 0.5833333333333334 });
    expectValues(fraction(0, 0.2, testhistogram3), { [POSITIVE3]: 0.6363636363636364, [NEGATIVE3]: 0 });
  });

  it('covers everything from -Inf to +Inf, nothing for an empty interval, NaN for NaN bounds', () => {
    expect(fraction(-Infinity, Infinity, testhistogram).map((s) => s.v)).toEqual([1, 1]);
    expect(fraction(1, 1, testhistogram).map((s) => s.v)).toEqual([0, 0]);
    expect(fraction(NaN, 1, testhistogram).map((s) => s.v)).toEqual([NaN, NaN]);
  });
});

describe('functions of native histograms', () => {
  const nativeOnly = ['histogram_count', 'histogram_sum', 'histogram_avg', 'histogram_stddev', 'histogram_stdvar'];
  it.each(nativeOnly)('%s finds nothing in floats', (name) => {
    expect(impl(name)([testhistogram3], context(0))).toEqual([]);
  });
});
