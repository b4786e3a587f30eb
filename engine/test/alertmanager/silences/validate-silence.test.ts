import { describe, expect, it } from 'vitest';
import type { SilenceMatcher } from '../../../src/alertmanager/model.js';
import {
  MAX_SILENCE_REGEX_BYTES,
  MAX_SILENCE_REGEX_INSTRUCTIONS,
  validateSilence,
  validateSilenceMatcher,
} from '../../../src/alertmanager/silences/validate-silence.js';
import { eq, ne, nre, re, T0 } from './silence-fixtures.js';

describe('validateSilenceMatcher', () => {
  it.each<[SilenceMatcher, string | undefined]>([
    [eq('a', 'b'), undefined],
    [ne('a', 'b'), undefined],
    [re('a', 'b'), undefined],
    [nre('a', 'b'), undefined],
    [eq('00', 'a'), 'invalid label name "00"'],
    [eq('', 'a'), 'invalid label name ""'],
    [eq('a-b', 'x'), 'invalid label name "a-b"'],
    [re('a', '(('), 'invalid regular expression "((": error parsing regexp: missing closing ): `((`'],
    [nre('a', '))'), 'invalid regular expression "))": error parsing regexp: unexpected ): `))`'],
    [re('a', '(?<=x)y'), 'invalid regular expression "(?<=x)y": error parsing regexp: invalid named capture: `(?<=x)y`'],
    [eq('a', '\udcff'), 'invalid label value "\\xff"'],
  ])('%o: %s', (matcher, problem) => {
    expect(validateSilenceMatcher(matcher)).toBe(problem);
  });

  it('refuses a regex longer than the limit without compiling it', () => {
    const long = 'é'.repeat(MAX_SILENCE_REGEX_BYTES / 2 + 1);
    expect(validateSilenceMatcher(re('a', long))).toBe(`regular expression too long: ${MAX_SILENCE_REGEX_BYTES + 2} bytes (limit: ${MAX_SILENCE_REGEX_BYTES} bytes)`);
    expect(validateSilenceMatcher(re('a', `(${long}`))).toMatch(/^regular expression too long: /);
    expect(validateSilenceMatcher(re('a', 'x'.repeat(MAX_SILENCE_REGEX_BYTES - 10)))).toBeUndefined();
  });

  it('refuses a short regex that compiles to a program over the limit', () => {
    const bomb = '(abcdefghijklmnopqrstuvwxy){1000}';
    expect(validateSilenceMatcher(re('a', bomb))).toMatch(
      new RegExp(`^regular expression too complex: it compiles to \\d+ instructions \\(limit: ${MAX_SILENCE_REGEX_INSTRUCTIONS}\\)$`),
    );
    expect(validateSilenceMatcher(nre('a', bomb))).toMatch(/^regular expression too complex: /);
    expect(validateSilenceMatcher(re('a', '(abcdefghijklmnopqrstuvwxy){300}'))).toBeUndefined();
    expect(validateSilenceMatcher(re('a', '[a-z]{1000}'))).toBeUndefined();
  });

  it('still reports a syntax error as upstream does when the regex is within the limits', () => {
    expect(validateSilenceMatcher(re('a', 'a{1001}'))).toBe('invalid regular expression "a{1001}": error parsing regexp: invalid repeat count: `{1001}`');
  });

  it('accepts UTF-8 names when asked to', () => {
    expect(validateSilenceMatcher(eq('service.name', 'x'), 'utf8')).toBeUndefined();
  });
});

describe('validateSilence', () => {
  const valid = { matchers: [eq('a', 'b')], startsAt: T0, endsAt: T0 };

  it.each<[string, Partial<typeof valid>, string | undefined]>([
    ['a valid silence', {}, undefined],
    ['no matchers', { matchers: [] }, 'at least one matcher required'],
    ['an invalid second matcher', { matchers: [eq('a', 'b'), eq('00', 'b')] }, 'invalid label matcher 1: invalid label name "00"'],
    ['only matchers that match the empty string', { matchers: [eq('a', ''), re('b', '.*')] }, 'at least one matcher must not match the empty string'],
    ['a regex that matches the empty string unanchored', { matchers: [re('b', 'x|')] }, 'at least one matcher must not match the empty string'],
    ['a negative matcher, which upstream never counts as matching empty', { matchers: [ne('a', 'b')] }, undefined],
    ['a negative regex', { matchers: [nre('a', '.+')] }, undefined],
    ['a regex that needs a character', { matchers: [re('a', '.+')] }, undefined],
    ['an end before the start', { endsAt: T0 - 1 }, 'end time must not be before start time'],
    ['no start', { startsAt: 0 }, 'invalid zero start timestamp'],
    ['no end', { endsAt: 0 }, 'invalid zero end timestamp'],
    [
      'a regex bomb in the second matcher',
      { matchers: [eq('a', 'b'), re('c', '(abcdefghijklmnopqrstuvwxyz0123){1000}')] },
      `invalid label matcher 1: regular expression too complex: it compiles to 32002 instructions (limit: ${MAX_SILENCE_REGEX_INSTRUCTIONS})`,
    ],
  ])('%s', (_name, change, problem) => {
    expect(validateSilence({ ...valid, ...change })).toBe(problem);
  });
});
