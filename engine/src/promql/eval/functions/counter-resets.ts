/**
 * Where a counter reset, for the windows of one series at consecutive steps: they overlap almost
 * entirely, so the series is scanned once rather than once per window. The series must not
 * change while this is in use.
 */
export class CounterResets {
  /** Ascending indices i whose value is below the value at i - 1, for scanned i. */
  private positions: number[] = [];
  /** Every index from the start of the current run of windows up to this one is scanned. */
  private scanned = -1;
  /** Where the positions inside the previous window started. */
  private cursor = 0;
  private previousFrom = -1;

  /** `change` plus the value before each reset inside `vs[from..to)`, added in order, as a scan of the window adds them. */
  corrected(vs: ArrayLike<number>, from: number, to: number, change: number): number {
    if (from < this.previousFrom) this.restart();
    this.previousFrom = from;
    this.scanUpTo(vs, from, to);
    const positions = this.positions;
    let p = this.cursor;
    while (p < positions.length && positions[p]! <= from) p++;
    this.cursor = p;
    for (; p < positions.length && positions[p]! < to; p++) change += vs[positions[p]! - 1]!;
    return change;
  }

  private restart(): void {
    this.positions = [];
    this.scanned = -1;
    this.cursor = 0;
  }

  private scanUpTo(vs: ArrayLike<number>, from: number, to: number): void {
    let i = this.scanned < from + 1 ? from + 1 : this.scanned;
    if (i >= to) return;
    let prev = vs[i - 1]!;
    for (; i < to; i++) {
      const cur = vs[i]!;
      if (cur < prev) this.positions.push(i);
      prev = cur;
    }
    this.scanned = to;
  }
}
