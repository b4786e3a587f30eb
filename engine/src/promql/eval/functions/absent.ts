/** absent and absent_over_time: a sample with labels taken from the selector when nothing matched. */
import { Labels } from '../../../labels/labels.js';
import type { Expr } from '../../ast.js';
import type { FunctionContext, FunctionImpl, InstantVector } from '../values.js';
import { matrixArg, METRIC_NAME, unwrapParens, vectorArg } from './args.js';

/**
 * The labels that the argument's selector pins with equality matchers, walking the matchers in
 * order as Prometheus does: the first equality matcher of a name pins it, any other matcher of
 * that name unpins it. Anything but a selector yields no labels.
 */
export function absentLabels(arg: Expr | undefined): Labels {
  if (!arg) return Labels.EMPTY;
  const e = unwrapParens(arg);
  const selector = e.kind === 'VectorSelector' ? e : e.kind === 'MatrixSelector' ? e.selector : undefined;
  if (!selector) return Labels.EMPTY;
  const pinned = new Map<string, string>();
  const seen = new Set<string>();
  for (const m of selector.matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === '=' && !seen.has(m.name)) {
      seen.add(m.name);
      pinned.set(m.name, m.value);
    } else {
      pinned.delete(m.name);
    }
  }
  return Labels.from(pinned);
}

function absentSample(ctx: FunctionContext): InstantVector {
  return [{ labels: absentLabels(ctx.call.args[0]), t: ctx.evalTimeMs, v: 1, dropName: false }];
}

export const absent: FunctionImpl = (args, ctx) => (vectorArg(args, 0).length > 0 ? [] : absentSample(ctx));

export const absentOverTime: FunctionImpl = (args, ctx) =>
  matrixArg(args, 0).series.some((w) => w.to > w.from) ? [] : absentSample(ctx);
