/** changes and resets: counting transitions between consecutive samples of a window. */
import type { SeriesWindow } from '../values.js';
import type { WindowFunction } from './windows.js';

/** How many consecutive pairs of the window's values `counts`. */
function countTransitions({ vs, from, to }: SeriesWindow, counts: (prev: number, cur: number) => boolean): number {
  let count = 0;
  for (let i = from + 1; i < to; i++) if (counts(vs[i - 1]!, vs[i]!)) count++;
  return count;
}

const isChange = (prev: number, cur: number) => cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev));
const isReset = (prev: number, cur: number) => cur < prev;

export const COUNTER_WINDOW_FUNCTIONS = {
  /** Value changes; NaN followed by NaN is not a change. */
  changes: { rangeArg: 0, value: (w) => countTransitions(w, isChange) },
  /** Counter resets, i.e. decreases. */
  resets: { rangeArg: 0, value: (w) => countTransitions(w, isReset) },
} satisfies Record<string, WindowFunction>;
