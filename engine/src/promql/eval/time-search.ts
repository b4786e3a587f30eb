/**
 * Finding positions in sorted timestamp arrays. Successive evaluation steps mostly move forward
 * by a few samples, so the search starts at the previous answer: a short linear scan, then
 * galloping; a move backwards falls back to binary search.
 */

/** How far to scan linearly before galloping. */
const SCAN = 8;

/** The first index in `ts[0..n)` whose timestamp is greater than `target`, searched from `hint`. */
export function firstAfter(ts: ArrayLike<number>, n: number, target: number, hint: number): number {
  let lo: number;
  let hi: number;
  if (hint > n) hint = n;
  if (hint > 0 && ts[hint - 1]! > target) {
    lo = 0;
    hi = hint - 1;
  } else {
    const scanEnd = hint + SCAN < n ? hint + SCAN : n;
    let i = hint;
    while (i < scanEnd && ts[i]! <= target) i++;
    if (i < scanEnd || i === n) return i;
    lo = i;
    let probe = i;
    let stride = 1;
    while (probe < n && ts[probe]! <= target) {
      lo = probe + 1;
      probe = lo + stride;
      stride *= 2;
    }
    hi = probe < n ? probe : n;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
