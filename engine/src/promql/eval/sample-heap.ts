/**
 * Binary heaps of samples ordered by value, laid out exactly as Go's container/heap lays them
 * out, so that topk/bottomk/limitk return ties in Prometheus's order.
 */
import type { Sample } from './values.js';

/** Heap order: NaN sorts before every value. */
export type SampleLess = (a: Sample, b: Sample) => boolean;

/** Smallest value on top (topk keeps the k largest). */
export const ascending: SampleLess = (a, b) => Number.isNaN(a.v) || a.v < b.v;
/** Largest value on top (bottomk keeps the k smallest). */
export const descending: SampleLess = (a, b) => Number.isNaN(a.v) || a.v > b.v;

export function heapPush(heap: Sample[], s: Sample, less: SampleLess): void {
  heap.push(s);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(heap[i]!, heap[parent]!)) break;
    swap(heap, i, parent);
    i = parent;
  }
}

/** Restores the heap after its top was replaced. */
export function heapFixTop(heap: Sample[], less: SampleLess): void {
  const n = heap.length;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= n) return;
    let child = left;
    if (left + 1 < n && less(heap[left + 1]!, heap[left]!)) child = left + 1;
    if (!less(heap[child]!, heap[i]!)) return;
    swap(heap, i, child);
    i = child;
  }
}

/**
 * Sorts a heap so that the top comes last (Go's sort.Sort(sort.Reverse(heap))): insertion sort
 * for short heaps, which is what Go's sort does for them, so ties keep their heap order.
 */
export function sortHeapReversed(heap: Sample[], less: SampleLess): void {
  const before = (a: Sample, b: Sample): boolean => less(b, a);
  if (heap.length <= 12) {
    for (let i = 1; i < heap.length; i++) {
      for (let j = i; j > 0 && before(heap[j]!, heap[j - 1]!); j--) swap(heap, j, j - 1);
    }
    return;
  }
  heap.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}

function swap(heap: Sample[], i: number, j: number): void {
  const tmp = heap[i]!;
  heap[i] = heap[j]!;
  heap[j] = tmp;
}
