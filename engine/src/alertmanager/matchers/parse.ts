/**
 * Matcher parsing as Alertmanager does it, in its three modes: `utf8` (the 0.27+ parser),
 * `classic` (0.25's pkg/labels parser, which 0.25's config files use) and `fallback` (the default
 * of 0.27+: UTF-8 first, classic when the UTF-8 parser rejects the input or reads it differently).
 * Matchers are built with { dotAll: false }: Alertmanager anchors regexes as ^(?:re)$.
 */
import type { Matcher } from '../../labels/matcher.js';
import { parseClassicMatcher, parseClassicMatchers } from './classic-parser.js';
import { formatMatcher } from './format-matchers.js';
import { MatcherParseError } from './parse-error.js';
import { parseUtf8Matcher, parseUtf8Matchers } from './utf8-parser.js';

export { MatcherParseError } from './parse-error.js';

export type MatcherParseMode = 'fallback' | 'utf8' | 'classic';

/** What the fallback mode noticed about an input that it parsed with the classic parser. */
export type FallbackNote =
  | { kind: 'incompatible'; utf8Error: MatcherParseError; suggestion: string }
  | { kind: 'disagreement' };

export interface ParsedMatchers {
  matchers: Matcher[];
  note?: FallbackNote;
}

/** Parses `{a="x", b=~"y"}`, `a=x,b!~"y"` or one matcher; throws MatcherParseError. */
export function parseMatchers(text: string, mode: MatcherParseMode = 'fallback'): Matcher[] {
  return parseMatchersWithNote(text, mode).matchers;
}

/** Parses exactly one matcher (no braces in the UTF-8 syntax); throws MatcherParseError. */
export function parseMatcher(text: string, mode: MatcherParseMode = 'fallback'): Matcher {
  if (mode === 'classic') return parseClassicMatcher(text);
  if (mode === 'utf8') return parseUtf8Matcher(text);
  if (text.startsWith('{') || text.endsWith('}')) return parseUtf8Matcher(text);
  const result = withFallback(
    () => [parseUtf8Matcher(text)],
    () => [parseClassicMatcher(text)],
  );
  return result.matchers[0]!;
}

/** Like parseMatchers, and says when the fallback mode had to use the classic parser. */
export function parseMatchersWithNote(text: string, mode: MatcherParseMode = 'fallback'): ParsedMatchers {
  if (mode === 'classic') return { matchers: parseClassicMatchers(text) };
  if (mode === 'utf8') return { matchers: parseUtf8Matchers(text) };
  return withFallback(
    () => parseUtf8Matchers(text),
    () => parseClassicMatchers(text),
  );
}

function withFallback(utf8: () => Matcher[], classic: () => Matcher[]): ParsedMatchers {
  const fromUtf8 = attempt(utf8);
  const fromClassic = attempt(classic);
  if (fromUtf8 instanceof MatcherParseError) {
    if (fromClassic instanceof MatcherParseError) throw fromClassic;
    const suggestion = fromClassic.map(formatMatcher).join(',');
    return { matchers: fromClassic, note: { kind: 'incompatible', utf8Error: fromUtf8, suggestion } };
  }
  if (!(fromClassic instanceof MatcherParseError) && !sameMatchers(fromUtf8, fromClassic)) {
    return { matchers: fromClassic, note: { kind: 'disagreement' } };
  }
  return { matchers: fromUtf8 };
}

function attempt(parse: () => Matcher[]): Matcher[] | MatcherParseError {
  try {
    return parse();
  } catch (e) {
    if (e instanceof MatcherParseError) return e;
    throw e;
  }
}

function sameMatchers(a: readonly Matcher[], b: readonly Matcher[]): boolean {
  return a.length === b.length && a.every((m, i) => m.name === b[i]!.name && m.type === b[i]!.type && m.value === b[i]!.value);
}
