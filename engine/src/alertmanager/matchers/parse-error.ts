/** A matcher string that does not parse: upstream's message, and where in the text the problem is. */
import type { TextRange } from '../../promql/ast.js';

export class MatcherParseError extends Error {
  constructor(
    message: string,
    /** Offsets into the parsed text (UTF-16 indices). */
    readonly range: TextRange,
  ) {
    super(message);
    this.name = 'MatcherParseError';
  }

  get offset(): number {
    return this.range.start;
  }
}
