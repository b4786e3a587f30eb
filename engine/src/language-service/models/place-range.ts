/** The range to show for a problem reported at a line and column: the word there, or one character. */
import type { TextRange } from '../../promql/ast.js';
import type { SourceDocument } from '../documents/source-document.js';

export function placeRange(doc: SourceDocument, line: number, column: number): TextRange {
  const start = Math.min(doc.offsetOfPlace(line, column), doc.text.length);
  let end = start;
  while (end < doc.text.length && /[\w.-]/.test(doc.text[end]!)) end++;
  return { start, end: Math.max(end, Math.min(start + 1, doc.text.length)) };
}
