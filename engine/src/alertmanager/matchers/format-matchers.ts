/**
 * Alertmanager's printed form of matchers (`Matchers.String()`): `{a="x",b=~"y"}`, no spaces,
 * values escaped as OpenMetrics does. A name that holds a character the UTF-8 matcher syntax
 * reserves is Go-quoted, and then so is its value. Route keys and group keys are built from it.
 */
import type { Matcher } from '../../labels/matcher.js';
import { goQuote } from '../../text/go-quote.js';
import { isGoSpace } from './go-space.js';

const RESERVED = new Set('{}!=~,\\"\'`');

export function formatMatchers(matchers: readonly Matcher[]): string {
  return `{${matchers.map(formatMatcher).join(',')}}`;
}

export function formatMatcher(matcher: Matcher): string {
  if (hasReservedCharacter(matcher.name)) return `${goQuote(matcher.name)}${matcher.type}${goQuote(matcher.value)}`;
  return `${matcher.name}${matcher.type}"${openMetricsEscape(matcher.value)}"`;
}

/** Only backslash, line feed and double quote are escaped. */
export function openMetricsEscape(value: string): string {
  return value.replace(/[\\\n"]/g, (ch) => (ch === '\n' ? '\\n' : `\\${ch}`));
}

/** Whether the UTF-8 matcher syntax needs `name` quoted: it holds white space or one of {}!=~,\"'`. */
export function hasReservedCharacter(name: string): boolean {
  for (const ch of name) if (RESERVED.has(ch) || isGoSpace(ch.codePointAt(0)!)) return true;
  return false;
}
