/** Element-wise math on instant vectors: abs, ceil, exp, ..., trigonometry, round, clamp, sgn, pi. */
import type { FunctionContext, FunctionImpl, InstantVector, Value } from '../values.js';
import { computed, scalarArg, unlabelled, vectorArg } from './args.js';

/** Applies `f` to every sample of the first argument; the results drop their metric name. */
function mapValues(args: Value[], ctx: FunctionContext, f: (v: number) => number): InstantVector {
  const t = ctx.evalTimeMs;
  return vectorArg(args, 0).map((s) => computed(s.labels, t, f(s.v)));
}

const elementWise =
  (f: (v: number) => number): FunctionImpl =>
  (args, ctx) =>
    mapValues(args, ctx, f);

export const abs = elementWise(Math.abs);
export const ceil = elementWise(Math.ceil);
export const floor = elementWise(Math.floor);
export const exp = elementWise(Math.exp);
export const sqrt = elementWise(Math.sqrt);
export const ln = elementWise(Math.log);
export const log2 = elementWise(Math.log2);
export const log10 = elementWise(Math.log10);
export const sin = elementWise(Math.sin);
export const cos = elementWise(Math.cos);
export const tan = elementWise(Math.tan);
export const asin = elementWise(Math.asin);
export const acos = elementWise(Math.acos);
export const atan = elementWise(Math.atan);
export const sinh = elementWise(Math.sinh);
export const cosh = elementWise(Math.cosh);
export const tanh = elementWise(Math.tanh);
export const asinh = elementWise(Math.asinh);
export const acosh = elementWise(Math.acosh);
export const atanh = elementWise(Math.atanh);
export const rad = elementWise((v) => (v * Math.PI) / 180);
export const deg = elementWise((v) => (v * 180) / Math.PI);

/** -1, 0 or 1 by sign; zeros and NaN are returned as they are. */
export const sgn = elementWise((v) => (v < 0 ? -1 : v > 0 ? 1 : v));

/** Rounds to the nearest multiple of the optional second argument (default 1); ties round up. */
export const round: FunctionImpl = (args, ctx) => {
  // Dividing by the inverse causes fewer floating point surprises than multiplying.
  const inverse = 1 / (args.length > 1 ? scalarArg(args, 1) : 1);
  return mapValues(args, ctx, (v) => Math.floor(v * inverse + 0.5) / inverse);
};

function clampTo(args: Value[], ctx: FunctionContext, min: number, max: number): InstantVector {
  if (max < min) return [];
  return mapValues(args, ctx, (v) => Math.max(min, Math.min(max, v)));
}

export const clamp: FunctionImpl = (args, ctx) => clampTo(args, ctx, scalarArg(args, 1), scalarArg(args, 2));
export const clampMin: FunctionImpl = (args, ctx) => clampTo(args, ctx, scalarArg(args, 1), Infinity);
export const clampMax: FunctionImpl = (args, ctx) => clampTo(args, ctx, -Infinity, scalarArg(args, 1));

export const pi: FunctionImpl = (_args, ctx) => unlabelled(ctx.evalTimeMs, Math.PI);
