/** Converts offsets in a text to zero-based line and column (UTF-16 units), and back. */
export interface Position {
  line: number;
  column: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
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
