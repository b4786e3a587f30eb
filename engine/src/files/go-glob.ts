/**
 * Go's path/filepath Match and Glob on a Unix file system: `*` and `?` stop at `/`, `[...]`
 * classes with ranges and `^`, backslash escapes. promtool expands a unit test's `rule_files`
 * and amtool check-config a config's `templates` with them.
 */
import { readdirSync, lstatSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
  }
}

/** filepath.Match; throws BadPatternError for a malformed pattern (as far as Go looks). */
export function globMatch(pattern: string, name: string): boolean {
  let rest = [...pattern];
  let subject = [...name];
  pattern: while (rest.length > 0) {
    const { star, chunk, after } = scanChunk(rest);
    rest = after;
    if (star && chunk.length === 0) return !subject.includes('/');
    const direct = matchChunk(chunk, subject);
    if (direct !== undefined && (direct.length === 0 || rest.length > 0)) {
      subject = direct;
      continue;
    }
    if (star) {
      for (let i = 0; i < subject.length && subject[i] !== '/'; i++) {
        const t = matchChunk(chunk, subject.slice(i + 1));
        if (t === undefined) continue;
        if (rest.length === 0 && t.length > 0) continue;
        subject = t;
        continue pattern;
      }
    }
    // Go checks that the rest of the pattern is well formed before answering no.
    while (rest.length > 0) {
      const next = scanChunk(rest);
      rest = next.after;
      matchChunk(next.chunk, []);
    }
    return false;
  }
  return subject.length === 0;
}

/** Go's error for a malformed pattern, or undefined. */
export function globError(pattern: string): string | undefined {
  try {
    globMatch(pattern, '');
    return undefined;
  } catch (e) {
    if (e instanceof BadPatternError) return e.message;
    throw e;
  }
}

/** filepath.Glob: the existing paths that match, sorted per directory; throws BadPatternError. */
export function glob(pattern: string): string[] {
  globMatch(pattern, '');
  if (!hasMeta(pattern)) return exists(pattern) ? [pattern] : [];
  const slash = pattern.lastIndexOf('/');
  const dir = slash < 0 ? '.' : slash === 0 ? '/' : pattern.slice(0, slash);
  const file = pattern.slice(slash + 1);
  const dirs = hasMeta(dir) ? glob(dir) : [dir];
  return dirs.flatMap((d) => matchesIn(d, file));
}

function matchesIn(dir: string, pattern: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) return [];
    return readdirSync(dir)
      .sort()
      .filter((name) => globMatch(pattern, name))
      .map((name) => (dir === '.' ? name : join(dir, name)));
  } catch {
    return [];
  }
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

/** Leading stars, then everything up to the next star outside a class. */
function scanChunk(pattern: string[]): { star: boolean; chunk: string[]; after: string[] } {
  let start = 0;
  while (pattern[start] === '*') start++;
  let inClass = false;
  let i = start;
  for (; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '*' && !inClass) break;
  }
  return { star: start > 0, chunk: pattern.slice(start, i), after: pattern.slice(i) };
}

/** The rest of `s` after `chunk` matched its start, or undefined; the whole chunk is always syntax-checked. */
function matchChunk(chunk: string[], s: string[]): string[] | undefined {
  let failed = false;
  let at = 0;
  let i = 0;
  while (i < chunk.length) {
    if (!failed && at >= s.length) failed = true;
    const ch = chunk[i]!;
    if (ch === '[') {
      const r = failed ? '' : s[at++]!;
      i++;
      const negated = chunk[i] === '^';
      if (negated) i++;
      let matched = false;
      for (let ranges = 0; ; ranges++) {
        if (chunk[i] === ']' && ranges > 0) {
          i++;
          break;
        }
        const lo = classChar(chunk, i);
        let hi = lo;
        i = lo.next;
        if (chunk[i] === '-') {
          hi = classChar(chunk, i + 1);
          i = hi.next;
        }
        if (!failed && lo.cp <= r.codePointAt(0)! && r.codePointAt(0)! <= hi.cp) matched = true;
      }
      if (matched === negated) failed = true;
    } else if (ch === '?') {
      if (!failed && s[at++] === '/') failed = true;
      i++;
    } else {
      if (ch === '\\') {
        i++;
        if (i >= chunk.length) throw new BadPatternError();
      }
      if (!failed && chunk[i] !== s[at++]) failed = true;
      i++;
    }
  }
  return failed ? undefined : s.slice(at);
}

/** One member of a class, possibly escaped; the class must go on after it. */
function classChar(chunk: string[], i: number): { cp: number; next: number } {
  let ch = chunk[i];
  if (ch === undefined || ch === '-' || ch === ']') throw new BadPatternError();
  if (ch === '\\') {
    i++;
    ch = chunk[i];
    if (ch === undefined) throw new BadPatternError();
  }
  if (i + 1 >= chunk.length) throw new BadPatternError();
  return { cp: ch.codePointAt(0)!, next: i + 1 };
}
