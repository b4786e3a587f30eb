/** changes and resets: counting transitions between consecutive samples of a window. */
import type { FunctionImpl } from '../values.js';
import { matrixArg } from './args.js';
import { mapWindows } from './windows.js';

/** Value changes; NaN followed by NaN is not a change. */
export const changes: FunctionImpl = (args, ctx) =>
  mapWindows(matrixArg(args, 0), ctx, ({ vs, from, to }) => {
    let count = 0;
    let prev = vs[from]!;
    for (let i = from + 1; i < to; i++) {
      const cur = vs[i]!;
      if (cur !== prev && !(cur !== cur && prev !== prev)) count++;
      prev = cur;
    }
    return count;
  });

/** Counter resets, i.e. decreases. */
export const resets: FunctionImpl = (args, ctx) =>
  mapWindows(matrixArg(args, 0), ctx, ({ vs, from, to }) => {
    let count = 0;
    let prev = vs[from]!;
    for (let i = from + 1; i < to; i++) {
      const cur = vs[i]!;
      if (cur < prev) count++;
      prev = cur;
    }
    return count;
  });
