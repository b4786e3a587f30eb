/**
 * The classic matcher syntax of Alertmanager 0.25 (pkg/labels): a lenient, regex-driven reading
 * in which values may go unquoted, stray backslashes are literal and names are classic label
 * names (colons allowed). Lists split on commas outside double quotes; braces are optional.
 */
import { Matcher, RegexSyntaxError, type MatchType } from '../../labels/matcher.js';
import type { TextRange } from '../../promql/ast.js';
import { trimGoSpace } from './go-space.js';
import { MatcherParseError } from './parse-error.js';

// Go's \s is ASCII white space without \v; `$` is the end of the text.
const MATCHER = /^[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*([\s\S]*?)[\t\n\f\r ]*$/d;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Parses a comma-separated list; `offset` is where `text` starts in the caller's text. */
export function parseClassicMatchers(text: string, offset = 0): Matcher[] {
  let body = text;
  let bodyStart = 0;
  if (body.startsWith('{')) {
    body = body.slice(1);
    bodyStart = 1;
  }
  if (body.endsWith('}')) body = body.slice(0, -1);
  return splitOutsideQuotes(body).map((token, i, all) => {
    const start = offset + bodyStart + token.start;
    if (i < all.length - 1) return parseClassicMatcher(token.text, start);
    const trimmed = trimGoSpace(token.text);
    return parseClassicMatcher(trimmed, start + token.text.indexOf(trimmed));
  });
}

/** Parses one matcher such as `foo=~"ba[rz]"` or `foo = bar`. */
export function parseClassicMatcher(text: string, offset = 0): Matcher {
  const match = MATCHER.exec(text);
  const whole: TextRange = { start: offset, end: offset + Math.max(text.length, 1) };
  if (!match) throw new MatcherParseError(`bad matcher format: ${text}`, whole);
  const [, name, op, raw] = match as unknown as [string, string, MatchType, string];
  const [rawStart, rawEnd] = match.indices![3]!;
  const rawRange: TextRange = { start: offset + rawStart, end: offset + Math.max(rawEnd, rawStart + 1) };
  if (LONE_SURROGATE.test(raw)) throw new MatcherParseError(`matcher value not valid UTF-8: ${raw}`, rawRange);
  const value = unescapeValue(raw);
  if (value === undefined) throw new MatcherParseError(`matcher value contains unescaped double quote: ${raw}`, rawRange);
  try {
    return new Matcher(name, op, value, { dotAll: false });
  } catch (e) {
    if (e instanceof RegexSyntaxError) throw new MatcherParseError(e.message, rawRange);
    throw e;
  }
}

/** Splits on commas outside double quotes, as upstream does; a blank last part is dropped. */
function splitOutsideQuotes(s: string): { text: string; start: number }[] {
  const tokens: { text: string; start: number }[] = [];
  let insideQuotes = false;
  let escaped = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === ',') {
      // A comma inside quotes leaves a pending escape pending, as upstream's loop does.
      if (!insideQuotes) {
        tokens.push({ text: s.slice(start, i), start });
        start = i + 1;
      }
    } else if (ch === '"') {
      if (escaped) escaped = false;
      else insideQuotes = !insideQuotes;
    } else if (ch === '\\') {
      escaped = !escaped;
    } else {
      escaped = false;
    }
  }
  const last = s.slice(start);
  if (trimGoSpace(last) !== '') tokens.push({ text: last, start });
  return tokens;
}

/**
 * OpenMetrics unescaping with upstream's tolerance: `\n`, `\"` and `\\` are escapes, any other
 * backslash is literal. An optional pair of surrounding quotes is removed. Undefined when an
 * unescaped quote appears elsewhere, or an opening quote has no closing one.
 */
function unescapeValue(raw: string): string | undefined {
  let rest = raw;
  let expectClosingQuote = false;
  if (rest.startsWith('"')) {
    rest = rest.slice(1);
    expectClosingQuote = true;
  }
  let value = '';
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i]!;
    if (ch === '\\' && i < rest.length - 1) {
      const next = rest[++i]!;
      value += next === 'n' ? '\n' : next === '"' || next === '\\' ? next : `\\${next}`;
    } else if (ch === '"') {
      if (!expectClosingQuote || i < rest.length - 1) return undefined;
      expectClosingQuote = false;
    } else {
      value += ch;
    }
  }
  return expectClosingQuote ? undefined : value;
}
