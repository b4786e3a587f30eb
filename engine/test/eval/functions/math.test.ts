import { describe, expect, it } from 'vitest';
import type { Value } from '../../../src/promql/eval/values.js';
import { context, expectClose, impl, scalar, vec } from './helpers.js';

const inputs = [2.5, 2, -2.5, -2, 0, -0, Infinity, -Infinity, NaN];

function apply(name: string, values: number[], ...extra: Value[]): number[] {
  const input = vec(...values.map((v, i): [Record<string, string>, number] => [{ i: String(i) }, v]));
  return impl(name)([input, ...extra], context(0)).map((s) => s.v);
}

describe('rounding', () => {
  it.each([
    ['abs', [2.5, 2, 2.5, 2, 0, 0, Infinity, Infinity, NaN]],
    ['ceil', [3, 2, -2, -2, 0, -0, Infinity, -Infinity, NaN]],
    ['floor', [2, 2, -3, -2, 0, -0, Infinity, -Infinity, NaN]],
    ['round', [3, 2, -2, -2, 0, 0, Infinity, -Infinity, NaN]],
  ])('%s', (name, expected) => {
    expect(apply(name, inputs)).toEqual(expected);
  });

  it('round rounds half up, also to a given multiple', () => {
    const x = [100, 200];
    const times = (k: number, plus = 0) => x.map((v) => plus + k * v);
    expect(apply('round', times(0.004))).toEqual([0, 1]);
    expect(apply('round', times(-0.004))).toEqual([0, -1]);
    expect(apply('round', times(0.005))).toEqual([1, 1]);
    expect(apply('round', times(-0.005))).toEqual([0, -1]);
    expect(apply('round', times(0.005, 1))).toEqual([2, 2]);
    expect(apply('round', times(-0.005, -1))).toEqual([-1, -2]);
    expect(apply('round', times(0.0005), scalar(0.1))).toEqual([0.1, 0.1]);
    expect(apply('round', times(0.0005, 2.1), scalar(0.1))).toEqual([2.2, 2.2]);
    expect(apply('round', times(0.0005, 5.2), scalar(0.1))).toEqual([5.3, 5.3]);
    expect(apply('round', times(-0.0005, -5.2), scalar(0.1))).toEqual([-5.2, -5.3]);
    expect(apply('round', times(0.025), scalar(5))).toEqual([5, 5]);
    expect(apply('round', times(0.045), scalar(5))).toEqual([5, 10]);
  });

  it('drops the metric name of every result', () => {
    const out = impl('round')([vec([{ __name__: 'm' }, 1.2])], context(7));
    expect(out).toEqual([{ labels: out[0]!.labels, t: 7, v: 1, dropName: true }]);
  });
});

describe('clamp', () => {
  const v = [-50, 0, 100];

  it('clamps to the bounds', () => {
    expect(apply('clamp_max', v, scalar(75))).toEqual([-50, 0, 75]);
    expect(apply('clamp_min', v, scalar(-25))).toEqual([-25, 0, 100]);
    expect(apply('clamp', v, scalar(-25), scalar(75))).toEqual([-25, 0, 75]);
  });

  it('returns NaN for a NaN bound and nothing when min > max', () => {
    expect(apply('clamp', v, scalar(0), scalar(NaN))).toEqual([NaN, NaN, NaN]);
    expect(apply('clamp', v, scalar(NaN), scalar(0))).toEqual([NaN, NaN, NaN]);
    expect(apply('clamp', v, scalar(5), scalar(-5))).toEqual([]);
  });
});

describe('sgn', () => {
  it('keeps zeros and NaN', () => {
    expect(apply('sgn', [-Infinity, Infinity, NaN, -50, 0, 100])).toEqual([-1, 1, NaN, -1, 0, 1]);
  });
});

// Go's and V8's math libraries may differ in the last bits, and some reference values are only
// good to about 1e-8 (upstream's sinh(10) is cosh(10)); promqltest compares within 1e-6 as here.
const TOLERANCE = 1e-6;

describe('exponentials and logarithms', () => {
  it.each([
    ['exp', [10, 20, 0, -10], [22026.465794806718, 485165195.4097903, 1, 4.5399929762484854e-5]],
    ['ln', [10, 20, 0, -10], [2.302585092994046, 2.995732273553991, -Infinity, NaN]],
    ['sqrt', [10, 20], [3.1622776601683795, 4.47213595499958]],
    ['log2', [10, 20, 0, -10], [3.3219280948873626, 4.321928094887363, -Infinity, NaN]],
    ['log10', [10, 20, 0, -10], [1, 1.301029995663981, -Infinity, NaN]],
  ])('%s', (name, input, expected) => {
    apply(name, input).forEach((v, i) => expectClose(v, expected[i]!, TOLERANCE));
  });
});

describe('trigonometry', () => {
  it.each([
    ['sin', [10, 20], [-0.5440211108893699, 0.9129452507276277]],
    ['cos', [10, 20], [-0.8390715290764524, 0.40808206181339196]],
    ['tan', [10, 20], [0.6483608274590867, 2.2371609442247427]],
    ['asin', [-0.1, 9.9], [-0.10016742116155944, NaN]],
    ['acos', [-0.1, 9.9], [1.670963747956456, NaN]],
    ['atan', [10, 20], [1.4711276743037345, 1.5208379310729538]],
    ['sinh', [10, 20], [11013.232920103324, 2.4258259770489514e8]],
    ['cosh', [10, 20], [11013.232920103324, 2.4258259770489514e8]],
    ['tanh', [10, 20], [0.9999999958776927, 1]],
    ['asinh', [10, 20], [2.99822295029797, 3.6895038689889055]],
    ['acosh', [10, 20], [2.993222846126381, 3.6882538673612966]],
    ['atanh', [-0.1, 9.9], [-0.10033534773107522, NaN]],
    ['rad', [10, 0, -10], [0.17453292519943295, 0, -0.17453292519943295]],
    ['deg', [10, 0, -10], [572.9577951308232, 0, -572.9577951308232]],
  ])('%s', (name, input, expected) => {
    apply(name, [...input, NaN]).forEach((v, i) => expectClose(v, i < expected.length ? expected[i]! : NaN, TOLERANCE));
  });

  it('pi is a scalar', () => {
    expect(impl('pi')([], context(0)).map((s) => [s.labels.size, s.v])).toEqual([[0, 3.141592653589793]]);
  });
});
