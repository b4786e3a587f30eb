/** How a name or value is written where the cursor is: bare, in a new string, or inside an open one. */
import { quoteString } from '../string-literal.js';
import type { CompletionContext } from './kinds.js';

const LEGACY_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LEGACY_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export type Quote = NonNullable<CompletionContext['quote']>;

/** The text to insert inside an open string; undefined when that quote cannot hold the text. */
export function insideString(text: string, quote: Quote): string | undefined {
  const body = escapedFor(text, quote.char);
  if (body === undefined) return undefined;
  return quote.closed ? body : body + quote.char;
}

function escapedFor(text: string, quote: string): string | undefined {
  if (quote === '`') return text.includes('`') ? undefined : text;
  const doubleQuoted = quoteString(text).slice(1, -1);
  if (quote === '"') return doubleQuoted;
  return doubleQuoted.replace(/\\"/g, '"').replace(/'/g, "\\'");
}

/** A metric name where an expression starts: names that are not identifiers go in braces. */
export function metricNameText(name: string): string {
  return LEGACY_METRIC_NAME.test(name) ? name : `{${quoteString(name)}}`;
}

/** A label name in braces or a label list: names that are not identifiers are quoted. */
export function labelNameText(name: string): string {
  return LEGACY_LABEL_NAME.test(name) ? name : quoteString(name);
}

export function labelValueText(value: string): string {
  return quoteString(value);
}
