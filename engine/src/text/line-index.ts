/** Converts offsets in a text to zero-based line and column (UTF-16 units), and back. */
export interface Position {
  line: number;
  column: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    if (starts) this.starts = starts;
    else for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  /**
   * The index of `text`, made from `previous` by replacing [start, oldEnd) of its text with
   * [start, newEnd) of `text`: only the replaced part is scanned, the other line starts move.
   */
  static afterEdit(previous: LineIndex, text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
    const old = previous.starts;
    const starts: number[] = [];
    let i = 0;
    for (; i < old.length && old[i]! <= start; i++) starts.push(old[i]!);
    for (let at = text.indexOf('\n', start); at >= 0 && at < newEnd; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    while (i < old.length && old[i]! <= oldEnd) i++;
    const delta = newEnd - oldEnd;
    for (; i < old.length; i++) starts.push(old[i]! + delta);
    return new LineIndex(text, starts);
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: clamped - this.starts[lo]! };
  }

  offset(position: Position): number {
    const start = this.starts[Math.max(0, Math.min(position.line, this.starts.length - 1))]!;
    return Math.min(start + position.column, this.text.length);
  }
}
