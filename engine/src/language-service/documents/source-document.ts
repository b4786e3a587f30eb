/**
 * One version of a document's text. Made from the version before, it knows the region that
 * changed, and its line index is that version's, moved, rather than a scan of the whole text.
 */
import { LineIndex, type Position } from '../../text/line-index.js';
import { changedRegion, type ChangedRegion } from './text-diff.js';

export class SourceDocument {
  private index: LineIndex | undefined;
  private previous: SourceDocument | undefined;
  /** How this text differs from the version it was made from; undefined when equal or made from none. */
  readonly change: ChangedRegion | undefined;
  private readonly baseText: string | undefined;

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: string,
    previous?: SourceDocument,
  ) {
    if (previous) {
      this.change = changedRegion(previous.text, text);
      this.baseText = previous.text;
      // Only the latest version is kept for its successor; no chain of old texts builds up.
      previous.previous = undefined;
      this.previous = previous;
    }
  }

  get lines(): LineIndex {
    if (!this.index) {
      const before = this.previous?.index;
      const change = this.change;
      if (before && change) this.index = LineIndex.afterEdit(before, this.text, change.start, change.oldEnd, change.newEnd);
      else this.index = before && before.text === this.text ? before : new LineIndex(this.text);
      this.previous = undefined;
    }
    return this.index;
  }

  /** The region in which this text differs from `other`'s; undefined when they are equal. */
  changeFrom(other: SourceDocument): ChangedRegion | undefined {
    return this.baseText !== undefined && this.baseText === other.text ? this.change : changedRegion(other.text, this.text);
  }

  positionAt(offset: number): Position {
    return this.lines.position(offset);
  }

  offsetAt(position: Position): number {
    return this.lines.offset(position);
  }

  /** The offset of a one-based line and column, as test files and scripts report places. */
  offsetOfPlace(line: number, column: number): number {
    return this.lines.offset({ line: line - 1, column: column - 1 });
  }
}
