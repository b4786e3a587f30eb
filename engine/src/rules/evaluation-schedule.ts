/**
 * The evaluations of a simulation in order: each group at `startMs`, then every interval up to
 * `endMs`; groups due at the same time in their file order (Prometheus runs groups concurrently,
 * so any order is one it could have taken).
 */
export interface ScheduledEvaluation {
  atMs: number;
  group: number;
}

export function* evaluationSchedule(intervalsMs: readonly number[], startMs: number, endMs: number): Generator<ScheduledEvaluation> {
  const heap: ScheduledEvaluation[] = [];
  intervalsMs.forEach((_, group) => push(heap, { atMs: startMs, group }));
  while (heap.length > 0 && heap[0]!.atMs <= endMs) {
    const next = heap[0]!;
    yield { atMs: next.atMs, group: next.group };
    next.atMs += intervalsMs[next.group]!;
    siftDown(heap, 0);
  }
}

function before(a: ScheduledEvaluation, b: ScheduledEvaluation): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.group < b.group);
}

function push(heap: ScheduledEvaluation[], item: ScheduledEvaluation): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function siftDown(heap: ScheduledEvaluation[], i: number): void {
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
    if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
    if (smallest === i) return;
    [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
    i = smallest;
  }
}
