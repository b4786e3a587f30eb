/**
 * File globs as Go's filepath.Glob matches them, which is how promtool expands `rule_files`:
 * `*` any run of characters but `/`, `?` one such character, `[...]` a class (`^` negates,
 * `a-z` ranges), `\` escapes; no `**`. Matches come sorted per directory; a pattern without
 * meta characters matches the file if it exists. A malformed pattern is an error.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export class GlobPatternError extends Error {
  constructor(pattern: string) {
    super(`syntax error in pattern ${JSON.stringify(pattern)}`);
    this.name = 'GlobPatternError';
  }
}

export function glob(pattern: string): string[] {
  for (const segment of pattern.split('/')) compileSegment(segment, pattern);
  if (!hasMeta(pattern)) return exists(pattern) ? [pattern] : [];
  const dir = dirname(pattern);
  const file = basename(pattern);
  const dirs = hasMeta(dir) && dir !== pattern ? glob(dir) : [dir];
  const matcher = compileSegment(file, pattern);
  const matches: string[] = [];
  for (const d of dirs) {
    let names: string[];
    try {
      if (!lstatSync(d).isDirectory()) continue;
      names = readdirSync(d);
    } catch {
      continue;
    }
    names.sort();
    for (const name of names) if (matcher.test(name)) matches.push(join(d, name));
  }
  return matches;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function hasMeta(path: string): boolean {
  return /[*?[\\]/.test(path);
}

/** A regular expression for one path segment's pattern. */
function compileSegment(segment: string, whole: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '\\') {
      if (i + 1 >= segment.length) throw new GlobPatternError(whole);
      source += escapeRegex(segment[++i]!, false);
    } else if (ch === '[') {
      const { regex, end } = characterClass(segment, i + 1, whole);
      source += regex;
      i = end;
    } else source += escapeRegex(ch, false);
  }
  return new RegExp(`^${source}$`, 'u');
}

/** Reads a class starting after `[`; returns its regex and the index of its closing `]`. */
function characterClass(segment: string, start: number, whole: string): { regex: string; end: number } {
  let i = start;
  let negate = false;
  if (segment[i] === '^') {
    negate = true;
    i++;
  }
  const ranges: string[] = [];
  const readChar = (): string => {
    let ch = segment[i];
    if (ch === '-' || ch === ']') throw new GlobPatternError(whole);
    if (ch === '\\') ch = segment[++i];
    if (ch === undefined) throw new GlobPatternError(whole);
    i++;
    return ch;
  };
  for (let first = true; ; first = false) {
    if (segment[i] === ']' && !first) break;
    const lo = readChar();
    let hi = lo;
    if (segment[i] === '-') {
      i++;
      hi = readChar();
      if (hi < lo) throw new GlobPatternError(whole);
    }
    ranges.push(lo === hi ? escapeRegex(lo, true) : `${escapeRegex(lo, true)}-${escapeRegex(hi, true)}`);
  }
  const body = ranges.join('');
  return { regex: negate ? `[^/${body}]` : `[${body}]`, end: i };
}

/** Escapes a literal character for a `u` regular expression, outside or inside a class. */
function escapeRegex(ch: string, inClass: boolean): string {
  const special = inClass ? /[\\^\]\-[]/ : /[\\^$.*+?()[\]{}|/]/;
  return special.test(ch) ? `\\${ch}` : ch;
}
