import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMatchers } from '../../../src/alertmanager/matchers/format-matchers.js';
import { parseMatchers, type MatcherParseMode } from '../../../src/alertmanager/matchers/parse.js';
import { Matcher, type MatchType } from '../../../src/labels/matcher.js';

const classicName = fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,8}$/);
const anyName = fc.string({ minLength: 1, maxLength: 8, unit: 'binary' });
const anyValue = fc.string({ maxLength: 12, unit: 'binary' });
const regexValue = fc.constantFrom('', '.*', 'a|b', '[a-z]+', 'x\\d{2}', '(?i)prod', 'a\\.b', 'team-(a|b)', '"q"', 'new\nline');

function matcher(name: fc.Arbitrary<string>): fc.Arbitrary<Matcher> {
  const equality = fc.tuple(name, fc.constantFrom<MatchType>('=', '!='), anyValue);
  const regex = fc.tuple(name, fc.constantFrom<MatchType>('=~', '!~'), regexValue);
  return fc.oneof(equality, regex).map(([n, t, v]) => new Matcher(n, t, v, { dotAll: false }));
}

function plain(matchers: readonly Matcher[]) {
  return matchers.map((m) => [m.name, m.type, m.value]);
}

function roundTrips(mode: MatcherParseMode, name: fc.Arbitrary<string>) {
  fc.assert(
    fc.property(fc.array(matcher(name), { maxLength: 5 }), (matchers) => {
      const text = formatMatchers(matchers);
      const parsed = parseMatchers(text, mode);
      expect(plain(parsed)).toEqual(plain(matchers));
      expect(formatMatchers(parsed)).toBe(text);
    }),
    { numRuns: 400 },
  );
}

describe('parse ∘ format', () => {
  it('is the identity in the UTF-8 syntax, for any names and values', () => roundTrips('utf8', anyName));
  it('is the identity in the classic syntax, for classic names', () => roundTrips('classic', classicName));
  it('is the identity in fallback mode', () => roundTrips('fallback', fc.oneof(classicName, anyName)));

  it('format ∘ parse is stable on whatever the UTF-8 parser accepts', () => {
    const alphabet = fc.constantFrom('a', 'b', '=', '!', '~', ',', '{', '}', '"', '\\', ' ', 'n', '😀', 'é');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 16 }).map((cs) => cs.join('')), (text) => {
        let parsed: Matcher[];
        try {
          parsed = parseMatchers(text, 'utf8');
        } catch {
          return;
        }
        const printed = formatMatchers(parsed);
        expect(formatMatchers(parseMatchers(printed, 'utf8'))).toBe(printed);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatMatchers', () => {
  it('prints as Alertmanager does: no spaces, OpenMetrics escaping, quoted names only when reserved', () => {
    const ms = [
      new Matcher('a', '=', 'x"y\\z\nw\t', { dotAll: false }),
      new Matcher('b', '=~', '^(?:team-(B|C))$', { dotAll: false }),
      new Matcher('service name', '!=', 'tab\there', { dotAll: false }),
      new Matcher('ünï', '!~', 'é', { dotAll: false }),
    ];
    expect(formatMatchers(ms)).toBe('{a="x\\"y\\\\z\\nw\t",b=~"^(?:team-(B|C))$","service name"!="tab\\there",ünï!~"é"}');
    expect(formatMatchers([])).toBe('{}');
  });
});
