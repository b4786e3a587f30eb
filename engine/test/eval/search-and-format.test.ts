import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPlainFloat } from '../../src/promql/eval/plain-float.js';
import { firstAfter } from '../../src/promql/eval/time-search.js';

describe('firstAfter', () => {
  it('finds the first timestamp after the target from any hint', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { maxLength: 200 }),
        fc.integer({ min: -1100, max: 1100 }),
        fc.nat(250),
        (values, target, hint) => {
          const ts = Float64Array.from(values.sort((a, b) => a - b));
          const expected = ts.findIndex((t) => t > target);
          expect(firstAfter(ts, ts.length, target, hint)).toBe(expected < 0 ? ts.length : expected);
        },
      ),
    );
  });

  it('only looks at the first n entries', () => {
    const ts = Float64Array.from([1, 2, 3, 4, 5]);
    expect(firstAfter(ts, 3, 10, 0)).toBe(3);
  });
});

describe('formatPlainFloat', () => {
  it('formats like strconv.FormatFloat(v, \'f\', -1, 64)', () => {
    expect(formatPlainFloat(6)).toBe('6');
    expect(formatPlainFloat(0.1)).toBe('0.1');
    expect(formatPlainFloat(-2.5)).toBe('-2.5');
    expect(formatPlainFloat(1e21)).toBe('1000000000000000000000');
    expect(formatPlainFloat(1.5e22)).toBe('15000000000000000000000');
    expect(formatPlainFloat(1e-7)).toBe('0.0000001');
    expect(formatPlainFloat(-1.25e-8)).toBe('-0.0000000125');
    expect(formatPlainFloat(-0)).toBe('-0');
    expect(formatPlainFloat(NaN)).toBe('NaN');
    expect(formatPlainFloat(Infinity)).toBe('+Inf');
    expect(formatPlainFloat(-Infinity)).toBe('-Inf');
  });

  it('round-trips every finite value', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => Object.is(Number(formatPlainFloat(v)), v)));
  });
});
