/**
 * Label matchers with RE2 semantics: the one implementation that selectors, routing, silences,
 * inhibition, API filters and the editor share. Regular expressions are fully anchored.
 */
import { RE2JS } from 're2js';
import { goQuote } from './labels.js';

export type MatchType = '=' | '!=' | '=~' | '!~';

export interface MatcherOptions {
  /** Prometheus compiles `^(?s:re)$` (dot matches newline); Alertmanager `^(?:re)$`. */
  dotAll?: boolean;
}

/** A regular expression that RE2 rejects; `message` is RE2's own text. */
export class RegexSyntaxError extends Error {
  constructor(readonly pattern: string, message: string) {
    super(message);
    this.name = 'RegexSyntaxError';
  }
}

/** Compiled regexes by pattern, one map for each anchoring, so that a cached one is found without building its source. */
const dotAllCache = new Map<string, RE2JS>();
const plainCache = new Map<string, RE2JS>();
const REGEX_CACHE_LIMIT = 10_000;
/**
 * Larger programs are compiled each time instead of kept: a short pattern such as `(…){1000}` can
 * compile to megabytes, and a cache full of them (from API filters, say) would hold gigabytes.
 */
export const CACHED_PROGRAM_SIZE_LIMIT = 10_000;

/** Compiles an anchored RE2 regex; throws RegexSyntaxError with RE2's message on bad syntax. */
export function compileAnchored(pattern: string, options?: MatcherOptions): RE2JS {
  const dotAll = options?.dotAll !== false;
  const cache = dotAll ? dotAllCache : plainCache;
  let re = cache.get(pattern);
  if (re) return re;
  const source = dotAll ? `^(?s:${pattern})$` : `^(?:${pattern})$`;
  try {
    // Validate the bare pattern first, so that errors quote what the user wrote.
    RE2JS.compile(pattern);
    re = RE2JS.compile(source);
  } catch (e) {
    throw new RegexSyntaxError(pattern, (e as Error).message);
  }
  if (re.programSize() > CACHED_PROGRAM_SIZE_LIMIT) return re;
  if (dotAllCache.size + plainCache.size >= REGEX_CACHE_LIMIT) {
    dotAllCache.clear();
    plainCache.clear();
  }
  cache.set(pattern, re);
  return re;
}

export class Matcher {
  private readonly re: RE2JS | undefined;

  constructor(
    readonly name: string,
    readonly type: MatchType,
    readonly value: string,
    options?: MatcherOptions,
  ) {
    if (type === '=~' || type === '!~') this.re = compileAnchored(value, options);
  }

  matches(value: string): boolean {
    switch (this.type) {
      case '=':
        return value === this.value;
      case '!=':
        return value !== this.value;
      case '=~':
        return this.re!.matches(value);
      case '!~':
        return !this.re!.matches(value);
    }
  }

  /** True when this matcher accepts the empty string, i.e. also matches series without the label. */
  matchesEmpty(): boolean {
    return this.matches('');
  }

  toString(): string {
    return `${this.name}${this.type}${goQuote(this.value)}`;
  }
}
