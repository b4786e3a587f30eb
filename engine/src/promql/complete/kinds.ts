/** What may come at the cursor: the kinds of things completion offers, with what each needs. */
import type { MatchType } from '../../labels/matcher.js';
import type { TextRange } from '../ast.js';

/** A label matcher as written in the selector, without compiling its regular expression. */
export interface MatcherLike {
  name: string;
  type: MatchType;
  value: string;
}

export type Keyword = 'bool' | 'on' | 'ignoring' | 'group_left' | 'group_right' | 'offset' | '@' | 'start()' | 'end()';

export type CompletionKind =
  | { kind: 'metricName' }
  | { kind: 'function' }
  | { kind: 'aggregation' }
  /** `by` / `without`. */
  | { kind: 'aggregationModifier' }
  | { kind: 'labelName'; metricName?: string; matchers?: MatcherLike[] }
  | { kind: 'labelValue'; labelName: string; metricName?: string; matchers?: MatcherLike[] }
  /** `=`, `!=`, `=~`, `!~` after a label name in braces. */
  | { kind: 'matchOperator' }
  | { kind: 'binaryOperator' }
  | { kind: 'keyword'; values: Keyword[] }
  | { kind: 'duration' }
  | { kind: 'number' };

export type CompletionKindName = CompletionKind['kind'];

export interface CompletionContext {
  /** What fits at the cursor, most specific first; empty when nothing can be offered. */
  kinds: CompletionKind[];
  /** The text already typed of what is being completed; inside a string, without the opening quote. */
  replaceRange: TextRange;
  /** Set when the cursor is inside a string literal (a quoted label name, label value or metric name). */
  quote?: { char: string; closed: boolean };
}

export const KEYWORD_ORDER: readonly Keyword[] = [
  'bool', 'on', 'ignoring', 'group_left', 'group_right', 'offset', '@', 'start()', 'end()',
];

/** Operands that start with a name or a number. */
export const OPERAND_KINDS: readonly CompletionKind[] = [
  { kind: 'metricName' },
  { kind: 'function' },
  { kind: 'aggregation' },
  { kind: 'number' },
];
