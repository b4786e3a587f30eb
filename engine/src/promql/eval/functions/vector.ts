/** vector() and scalar(): conversions between scalars and one-element vectors. */
import type { FunctionImpl } from '../values.js';
import { scalarArg, unlabelled, vectorArg } from './args.js';

export const vector: FunctionImpl = (args, ctx) => unlabelled(ctx.evalTimeMs, scalarArg(args, 0));

/** The value of a one-element vector; NaN for any other size. */
export const scalar: FunctionImpl = (args, ctx) => {
  const samples = vectorArg(args, 0);
  return unlabelled(ctx.evalTimeMs, samples.length === 1 ? samples[0]!.v : NaN);
};
