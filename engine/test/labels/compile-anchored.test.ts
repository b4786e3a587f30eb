import { describe, expect, it } from 'vitest';
import { CACHED_PROGRAM_SIZE_LIMIT, compileAnchored, RegexSyntaxError } from '../../src/labels/matcher.js';

describe('compileAnchored', () => {
  it('anchors the whole pattern', () => {
    const re = compileAnchored('a|b', { dotAll: false });
    expect(re.matches('a')).toBe(true);
    expect(re.matches('ab')).toBe(false);
  });

  it('keeps a small program and hands the same one out again', () => {
    expect(compileAnchored('job-[0-9]+', { dotAll: false })).toBe(compileAnchored('job-[0-9]+', { dotAll: false }));
  });

  it('compiles a large program each time instead of keeping it', () => {
    const pattern = '(abcdefghijklmnopqrstuvwxyz0123){1000}';
    const first = compileAnchored(pattern, { dotAll: false });
    expect(first.programSize()).toBeGreaterThan(CACHED_PROGRAM_SIZE_LIMIT);
    expect(compileAnchored(pattern, { dotAll: false })).not.toBe(first);
    expect(first.matches('abcdefghijklmnopqrstuvwxyz0123'.repeat(1000))).toBe(true);
  });

  it('reports bad syntax with the pattern as written', () => {
    expect(() => compileAnchored('a(', { dotAll: false })).toThrow(RegexSyntaxError);
    expect(() => compileAnchored('a(')).toThrow(/missing closing \)/);
  });
});
