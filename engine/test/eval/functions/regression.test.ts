import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Labels } from '../../../src/labels/labels.js';
import { KahanSum } from '../../../src/promql/eval/functions/kahan.js';
import { linearRegression } from '../../../src/promql/eval/functions/regression.js';
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

describe('linearRegression over consecutive windows', () => {
  /** The fit as a single pass with four compensated sums computes it. */
  function reference(ts: number[], vs: number[], from: number, to: number, interceptMs: number) {
    const sums = [new KahanSum(), new KahanSum(), new KahanSum(), new KahanSum()];
    let constY = true;
    for (let i = from; i < to; i++) {
      if (i > from && vs[i] !== vs[from]) constY = false;
      const x = (ts[i]! - interceptMs) / 1e3;
      [x, vs[i]!, x * vs[i]!, x * x].forEach((v, j) => sums[j]!.add(v));
    }
    const first = vs[from]!;
    if (constY) return Number.isFinite(first) ? { slope: 0, intercept: first } : { slope: NaN, intercept: NaN };
    const [x, y, xy, x2] = sums.map((s) => s.sum + s.c) as [number, number, number, number];
    const n = to - from;
    const slope = (xy - (x * y) / n) / (x2 - (x * x) / n);
    return { slope, intercept: y / n - (slope * x) / n };
  }

  const timesArb = fc.oneof(
    // Evenly spaced, as scraped series mostly are, sometimes from an odd start.
    fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.constantFrom(15_000, 60_000, 1)).map(([start, step]) => (i: number) => start + i * step),
    // Jittered or huge times, where spacing differs from window to window.
    fc.integer({ min: 0, max: 2 ** 31 }).map((seed) => (i: number) => i * 60_000 + ((seed * (i + 1)) % 997)),
    fc.constant((i: number) => 2 ** 53 - 1e6 + i * 3),
  );
  const valueArb = fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -5, max: 5 }), fc.constantFrom(1e300, -1e300, Infinity));

  it('gives exactly the single-pass fit, window after window', () => {
    fc.assert(
      fc.property(timesArb, fc.array(valueArb, { minLength: 2, maxLength: 60 }), fc.integer({ min: 2, max: 20 }), fc.integer({ min: -120_000, max: 120_000 }), (timeAt, vs, width, lead) => {
        const ts = vs.map((_, i) => timeAt(i));
        for (let to = 2; to <= vs.length; to++) {
          const from = Math.max(0, to - width);
          if (to - from < 2) continue;
          for (const interceptMs of [ts[to - 1]! + lead, ts[from]!]) {
            const got = linearRegression({ labels: Labels.EMPTY, ts, vs, from, to }, interceptMs);
            const want = reference(ts, vs, from, to, interceptMs);
            expect([got.slope, got.intercept]).toEqual([want.slope, want.intercept]);
          }
        }
      }),
      { seed: 77, numRuns: 400 },
    );
  });
});
