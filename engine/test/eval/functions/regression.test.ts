import { describe, expect, it } from 'vitest';
import { argAt, context, expectClose, impl, MINUTE, rangeOf, seq, series, type TestSeries } from './helpers.js';

const resetMiddle = [series({}, 5 * MINUTE, [...seq(0, 10, 4), ...seq(0, 10, 5)])];
const canary = [series({ job: 'app-server' }, 5 * MINUTE, seq(0, 80, 10))];

function deriv(all: TestSeries[], atMs: number, rangeMs: number) {
  return impl('deriv')([rangeOf(all, atMs, rangeMs)], context(atMs)).map((s) => s.v);
}

/** predict_linear evaluated at `evalMs` over a window ending at `windowEndMs` (as `@` would place it). */
function predict(all: TestSeries[], evalMs: number, windowEndMs: number, rangeMs: number, seconds: number) {
  const args = [rangeOf(all, windowEndMs, rangeMs), { type: 'scalar' as const, t: 0, v: seconds }];
  return impl('predict_linear')(args, context(evalMs, [argAt(0, 1), argAt(2, 3)])).map((s) => s.v);
}

describe('deriv', () => {
  it('equals the rate for a steady counter', () => {
    expectClose(deriv(canary, 50 * MINUTE, 50 * MINUTE)[0], 0.26666666666666666);
  });

  it('fits a least-squares line', () => {
    expectClose(deriv(resetMiddle, 50 * MINUTE, 100 * MINUTE)[0], 0.010606060606060607);
  });

  it('needs two samples, and is NaN with infinite values', () => {
    expect(deriv(resetMiddle, 50 * MINUTE, 5 * MINUTE)).toEqual([]);
    const inf = [series({}, 5 * MINUTE, [-Infinity, ...seq(0, 80, 10), Infinity])];
    expect(deriv(inf, 100 * MINUTE, 100 * MINUTE)).toEqual([NaN]);
  });

  it('is 0 for a constant series, and NaN for a constant infinity', () => {
    expect(deriv([series({}, MINUTE, [3, 3, 3])], 2 * MINUTE, 5 * MINUTE)).toEqual([0]);
    expect(deriv([series({}, MINUTE, [Infinity, Infinity])], MINUTE, 5 * MINUTE)).toEqual([NaN]);
  });
});

describe('predict_linear', () => {
  it('extrapolates from the evaluation time', () => {
    expectClose(predict(resetMiddle, 50 * MINUTE, 50 * MINUTE, 50 * MINUTE, 3600)[0], 70);
  });

  it('takes the intercept at the evaluation time even when the window is pinned elsewhere', () => {
    const at3000 = (evalMinutes: number) => predict(resetMiddle, evalMinutes * MINUTE, 3000_000, 55 * MINUTE, 3600)[0];
    expectClose(at3000(50), 76.81818181818181);
    expectClose(at3000(10), 51.36363636363637);
    expectClose(at3000(70), 89.54545454545455);
  });

  it('matches value plus deriv times duration when the last sample is on the line', () => {
    const [predicted] = predict(canary, 50 * MINUTE, 50 * MINUTE, 50 * MINUTE, 3600);
    expectClose(predicted, 800 + deriv(canary, 50 * MINUTE, 50 * MINUTE)[0]! * 3600);
  });

  it('is NaN with infinite values', () => {
    const inf = [series({}, 5 * MINUTE, [-Infinity, ...seq(0, 80, 10), Infinity])];
    expect(predict(inf, 100 * MINUTE, 100 * MINUTE, 100 * MINUTE, 6000)).toEqual([NaN]);
  });
});
