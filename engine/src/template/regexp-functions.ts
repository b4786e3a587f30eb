/** `match` and `reReplaceAll`: Go's regexp.MatchString and Regexp.ReplaceAllString, unanchored, with RE2 syntax. */
import { RE2JS } from 're2js';
import { expandTemplate } from '../promql/eval/functions/regexp-expand.js';
import { canBackquote, goQuote } from '../text/go-quote.js';

const cache = new Map<string, RE2JS>();
const CACHE_LIMIT = 1000;

/** Compiles an unanchored RE2 pattern; throws an Error with RE2's message (`error parsing regexp: ...`). */
function compile(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (re) return re;
  re = RE2JS.compile(pattern);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, re);
  return re;
}

export function regexpMatch(pattern: string, text: string): boolean {
  return compile(pattern).matcher(text).find();
}

/** regexp.MustCompile's panic text for a bad pattern. */
function mustCompile(pattern: string): RE2JS {
  try {
    return compile(pattern);
  } catch (e) {
    const quoted = canBackquote(pattern) ? '`' + pattern + '`' : goQuote(pattern);
    throw new Error(`regexp: Compile(${quoted}): ${(e as Error).message}`);
  }
}

/**
 * Replaces every match with `replacement` expanded by Go's `$1`/`${name}` rules. As in Go, an
 * empty match right after the previous match is not replaced, and the search always moves on by
 * at least one character.
 */
export function regexpReplaceAll(pattern: string, replacement: string, text: string): string {
  const re = mustCompile(pattern);
  const named = re.namedGroups();
  const matcher = re.matcher(text);
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= text.length && matcher.find(searchPos)) {
    const start = matcher.start();
    const end = matcher.end();
    out += text.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += expandTemplate(replacement, matcher, named);
    lastMatchEnd = end;
    const width = searchPos < text.length ? (text.codePointAt(searchPos)! > 0xffff ? 2 : 1) : 0;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + text.slice(lastMatchEnd);
}
