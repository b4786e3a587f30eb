/**
 * Text in another language inside a document: an expression, a series selector, a template or a
 * list of matchers in a YAML scalar (or on a line of a promqltest script). `offsets` maps each
 * character of the decoded value, and the end, to the document, in every scalar style.
 */
import type { TextRange } from '../../promql/ast.js';
import { scalarOffsets } from '../../yaml/scalar-offsets.js';
import type { ScalarSpan } from '../../rules/rule.js';
import type { YamlScalar } from '../../yaml/tree.js';
import type { ScalarStyle } from '../../yaml/scalar-decode.js';

export type EmbeddedLanguage = 'promql' | 'series' | 'template' | 'matchers';

export interface EmbeddedText {
  language: EmbeddedLanguage;
  /** The value, decoded. */
  text: string;
  /** The document offset of each character of `text`, and one for its end. */
  offsets: readonly number[];
  /** The scalar in the document, quotes and block header included. */
  range: TextRange;
  /** The document's text. */
  source: string;
  /** The YAML scalar style the text is written in; undefined for text outside YAML. */
  style?: ScalarStyle;
}

/** The embedded text of a scalar whose decoded value is `value`. */
export function embeddedScalar(language: EmbeddedLanguage, span: ScalarSpan, value: string, documentText: string): EmbeddedText {
  const offsets = scalarOffsets({ type: span.style, range: [span.range.start, span.range.end], value, source: value }, documentText);
  return { language, text: value, offsets, range: span.range, source: documentText, style: span.style };
}

export function embeddedNode(language: EmbeddedLanguage, node: YamlScalar, documentText: string): EmbeddedText {
  return embeddedScalar(language, { style: node.style, range: node.range }, node.text, documentText);
}

/** Text taken verbatim from a line (promqltest scripts). */
export function embeddedVerbatim(language: EmbeddedLanguage, text: string, start: number, documentText: string): EmbeddedText {
  const offsets = Array.from({ length: text.length + 1 }, (_, i) => start + i);
  return { language, text, offsets, range: { start, end: start + text.length }, source: documentText };
}

/** Whether a document offset lies within the value: from its first character to just after its last. */
export function containsOffset(embedded: EmbeddedText, offset: number): boolean {
  const { offsets } = embedded;
  return offsets[0]! <= offset && offset <= offsets[offsets.length - 1]!;
}

/** The index in the value of a document offset: before the first character at or after it. */
export function valueIndex(embedded: EmbeddedText, offset: number): number {
  const { offsets } = embedded;
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, embedded.text.length);
}

/** The document range of [start, end) of the value; an escape at the end is taken whole. */
export function documentRange(embedded: EmbeddedText, start: number, end: number): TextRange {
  const { offsets } = embedded;
  const at = (i: number) => offsets[Math.max(0, Math.min(i, offsets.length - 1))]!;
  const from = at(start);
  if (end <= start) return { start: from, end: from };
  const last = at(end - 1);
  return { start: from, end: Math.max(from + 1, last + sourceLength(embedded, last, at(end))) };
}

/** How many document characters the value character at `at` was written with (`\n`, `''`: two). */
function sourceLength(embedded: EmbeddedText, at: number, next: number): number {
  const ch = embedded.source[at];
  if ((ch !== '\\' && ch !== "'") || next - at <= 1 || next - at > 10) return 1;
  return embedded.source.slice(at, next).includes('\n') ? 1 : next - at;
}
