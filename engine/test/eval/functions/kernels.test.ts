import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketQuantile } from '../../../src/promql/eval/functions/buckets.js';
import { almostEqual } from '../../../src/numbers/almost-equal.js';
import { formatGoFixed, formatGoFloat, parseGoFloat } from '../../../src/promql/eval/functions/go-float.js';
import { KahanSum } from '../../../src/promql/eval/functions/kahan.js';
import { quantile } from '../../../src/promql/eval/functions/quantile.js';
import { durationSeconds } from '../../../src/promql/eval/functions/rate.js';

describe('quantile', () => {
  it('interpolates between ranks of the sorted values', () => {
    expect(quantile(0.5, [3, 1, 2])).toBe(2);
    expect(quantile(0.75, Float64Array.from([4, 0, 1]))).toBe(2.5);
    expect(quantile(0, [5])).toBe(5);
  });

  it('handles edge quantiles and empty input as Prometheus does', () => {
    expect(quantile(0.5, [])).toBeNaN();
    expect(quantile(NaN, [1])).toBeNaN();
    expect(quantile(-0.1, [1])).toBe(-Infinity);
    expect(quantile(1.1, [1])).toBe(Infinity);
  });

  it('sorts NaN below every number', () => {
    expect(quantile(0, [1, NaN, 2])).toBeNaN();
    expect(quantile(1, Float64Array.from([1, NaN, 2]))).toBe(2);
    expect(quantile(0.5, Float64Array.from([NaN, 3, NaN, 1, 2]))).toBe(1);
  });

  it('gives the same answer for arrays and typed arrays', () => {
    fc.assert(
      fc.property(fc.array(fc.double()), fc.double({ min: 0, max: 1 }), (values, q) => {
        expect(quantile(q, Float64Array.from(values))).toBe(quantile(q, [...values]));
      }),
    );
  });
});

describe('KahanSum', () => {
  it('keeps the small terms that plain summation loses', () => {
    const acc = new KahanSum();
    for (const v of [1, 1e100, 1, -1e100]) acc.add(v);
    expect(acc.value()).toBe(2);
  });

  it('returns an overflowed sum as it is', () => {
    const acc = new KahanSum();
    acc.add(Number.MAX_VALUE);
    acc.add(Number.MAX_VALUE);
    expect(acc.value()).toBe(Infinity);
    expect(acc.c).toBe(0);
  });
});

describe('Go float text', () => {
  it.each([
    [1, '1'],
    [-0.1, '-0.1'],
    [1.01, '1.01'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [123456, '123456'],
    [1e6, '1e+06'],
    [1234567, '1.234567e+06'],
    [1e21, '1e+21'],
    [1.5e-300, '1.5e-300'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [-0, '-0'],
  ])('%%g of %d is %s', (v, text) => {
    expect(formatGoFloat(v)).toBe(text);
  });

  it.each([
    [0, '0.000000'],
    [1.5, '1.500000'],
    [-2, '-2.000000'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
  ])('%%f of %d is %s', (v, text) => {
    expect(formatGoFixed(v)).toBe(text);
  });

  it.each([
    ['0.1', 0.1],
    ['.2', 0.2],
    ['1e0', 1],
    ['2.0e-1', 0.2],
    ['1.', 1],
    ['+Inf', Infinity],
    ['+inf', Infinity],
    ['-Infinity', -Infinity],
    ['inf', Infinity],
    ['NaN', NaN],
    ['nan', NaN],
    ['0x1p-2', 0.25],
    ['0x1.8p1', 3],
    ['-0X_1FFp0', -511],
  ])('parses %s', (text, v) => {
    expect(parseGoFloat(text)).toBe(v);
  });

  it.each(['', ' 1', '1 ', 'foo', '+nan', '1e', '.', '1_000', '0x1', '1e400', 'infinit', '0x', '1,5'])('rejects %j', (text) => {
    expect(parseGoFloat(text)).toBeUndefined();
  });
});

describe('almostEqual', () => {
  it('compares relative to magnitude, with NaN equal to NaN', () => {
    expect(almostEqual(1, 1 + 1e-13, 1e-12)).toBe(true);
    expect(almostEqual(1, 1 + 1e-11, 1e-12)).toBe(false);
    expect(almostEqual(NaN, NaN, 1e-12)).toBe(true);
    expect(almostEqual(0, 1e-320, 1e-12)).toBe(true);
    expect(almostEqual(0, 1e-300, 1e-12)).toBe(false);
  });
});

describe('bucketQuantile', () => {
  it('does not modify the buckets it is given', () => {
    const input = [
      { upperBound: Infinity, count: 4 },
      { upperBound: 1, count: 5 },
    ];
    expect(bucketQuantile(0.5, input)).toEqual({ value: 0.5, forcedMonotonicity: true });
    expect(input).toEqual([
      { upperBound: Infinity, count: 4 },
      { upperBound: 1, count: 5 },
    ]);
  });
});

describe('durationSeconds', () => {
  it('splits whole and fractional seconds as Go does', () => {
    expect(durationSeconds(300_000)).toBe(300);
    expect(durationSeconds(1_001)).toBe(1 + 0.001);
    expect(durationSeconds(-1_500)).toBe(-1.5);
  });
});
