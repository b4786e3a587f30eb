/** changes and resets: counting transitions between consecutive samples of a window. */
import type { WindowFunction } from './windows.js';

export const COUNTER_WINDOW_FUNCTIONS = {
  /** Value changes; NaN followed by NaN is not a change. */
  changes: {
    rangeArg: 0,
    value: ({ vs, from, to }) => {
      let count = 0;
      let prev = vs[from]!;
      for (let i = from + 1; i < to; i++) {
        const cur = vs[i]!;
        if (cur !== prev && !(cur !== cur && prev !== prev)) count++;
        prev = cur;
      }
      return count;
    },
  },
  /** Counter resets, i.e. decreases. */
  resets: {
    rangeArg: 0,
    value: ({ vs, from, to }) => {
      let count = 0;
      let prev = vs[from]!;
      for (let i = from + 1; i < to; i++) {
        const cur = vs[i]!;
        if (cur < prev) count++;
        prev = cur;
      }
      return count;
    },
  },
} satisfies Record<string, WindowFunction>;
