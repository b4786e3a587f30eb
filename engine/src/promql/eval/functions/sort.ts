/** sort, sort_desc (by value, NaN last) and sort_by_label, sort_by_label_desc (natural order). */
import { compareLabels, type Labels } from '../../../labels/labels.js';
import type { FunctionContext, FunctionImpl, InstantVector, Sample, Value } from '../values.js';
import { stringArg, vectorArg } from './args.js';
import { naturalLess } from './natural-order.js';


/** The input samples, re-stamped at the evaluation time, in the given order. */
function sorted(args: Value[], ctx: FunctionContext, compare: (a: Sample, b: Sample) => number): InstantVector {
  const t = ctx.evalTimeMs;
  return vectorArg(args, 0)
    .map((s) => ({ labels: s.labels, t, v: s.v, dropName: s.dropName === true }))
    .sort(compare);
}

function byValue(a: Sample, b: Sample, direction: 1 | -1): number {
  const aNaN = Number.isNaN(a.v);
  const bNaN = Number.isNaN(b.v);
  if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
  return a.v < b.v ? -direction : a.v > b.v ? direction : 0;
}

export const sort: FunctionImpl = (args, ctx) => sorted(args, ctx, (a, b) => byValue(a, b, 1));
export const sortDesc: FunctionImpl = (args, ctx) => sorted(args, ctx, (a, b) => byValue(a, b, -1));

function byLabels(args: Value[], ctx: FunctionContext, direction: 1 | -1): InstantVector {
  const names = args.slice(1).map((_, i) => stringArg(args, i + 1));
  return sorted(args, ctx, (a, b) => {
    for (const name of names) {
      const av = a.labels.get(name);
      const bv = b.labels.get(name);
      if (av === bv) continue;
      return naturalLess(av, bv) ? -direction : direction;
    }
    return direction * compareLabels(a.labels, b.labels);
  });
}

export const sortByLabel: FunctionImpl = (args, ctx) => byLabels(args, ctx, 1);
export const sortByLabelDesc: FunctionImpl = (args, ctx) => byLabels(args, ctx, -1);
