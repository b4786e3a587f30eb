/**
 * Random and hostile bodies for POST /api/v2/silences, regex bombs among them, run through the
 * decoder, the handler's time checks and Silences.set: every outcome is a silence ID or a typed
 * error, a refused silence leaves the silences as they were, and matching stays linear.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiPayloadError, ApiRequestError } from '../../../src/alertmanager/alerts/api-errors.js';
import type { Silence } from '../../../src/alertmanager/model.js';
import { checkPostedTimes, parsePostableSilence } from '../../../src/alertmanager/silences/postable-silence.js';
import { Silencer } from '../../../src/alertmanager/silences/silencer.js';
import type { Silences } from '../../../src/alertmanager/silences/silences.js';
import { Labels } from '../../../src/labels/labels.js';
import { HOUR, setup } from './silence-fixtures.js';

const REGEX_BOMBS = [
  '(a*)*$',
  '(a|aa)*b',
  '(x+x+)+y',
  '(a{999}){999}',
  '((a{100}){100}){100}',
  '(?:a?){500}a{500}',
  '.*.*.*.*.*.*=.*',
  '(?<=a)b',
  '\\1',
  '[',
  '(?i)' + 'a|'.repeat(2000) + 'b',
  'a'.repeat(50_000),
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom('a', '_', '.', '*', '(', '|', '\\', '{', '}')), maxLength: 8 }),
  fc.constantFrom(...REGEX_BOMBS, '', 'alertname', '2026-11-27T06:00:00Z', '2030-01-01T00:00:00Z', '2020-01-01T00:00:00Z', '0001-01-01T00:00:00Z'),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });
const value = fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: anyJson }, { weight: 1, arbitrary: fc.boolean() });
const matcher = fc.dictionary(fc.constantFrom('name', 'value', 'isRegex', 'isEqual', 'IsRegex', 'other'), value, { maxKeys: 5 });
const goodMatcher = fc.record({ name: fc.constantFrom('a', 'job', 'bad-name'), value: hostileString, isRegex: fc.boolean(), isEqual: fc.boolean() });
const silenceLike = fc.record(
  {
    id: fc.oneof(fc.constantFrom('', 'id-1', 'unknown'), anyJson),
    matchers: fc.oneof({ weight: 4, arbitrary: fc.array(fc.oneof(goodMatcher, matcher), { maxLength: 4 }) }, { weight: 1, arbitrary: anyJson }),
    startsAt: fc.oneof(hostileString, anyJson),
    endsAt: fc.oneof(fc.constantFrom('2026-11-27T06:00:00Z', '2030-01-01T00:00:00Z'), hostileString, anyJson),
    createdBy: value,
    comment: value,
  },
  { requiredKeys: [] },
);
const body = fc.oneof({ weight: 5, arbitrary: silenceLike }, { weight: 1, arbitrary: anyJson });

const snapshot = (silences: Silences): Silence[] => silences.query();

/** The server's POST /api/v2/silences: an ID, or a typed error and no change. */
function post(payload: unknown, silences: Silences, now: number): string | ApiRequestError | ApiPayloadError {
  const before = snapshot(silences);
  try {
    const input = parsePostableSilence(payload);
    checkPostedTimes(input, now);
    return silences.set(input).id;
  } catch (e) {
    if (!(e instanceof ApiPayloadError || e instanceof ApiRequestError)) throw e;
    expect(snapshot(silences)).toEqual(before);
    return e;
  }
}

describe('POST /api/v2/silences bodies, fuzzed', () => {
  it('answers every random body with a silence ID or a typed error, changing nothing on error', () => {
    const { silences, clock } = setup();
    silences.set({ matchers: [{ name: 'a', value: 'b', isRegex: false, isEqual: true }], startsAt: clock.now(), endsAt: clock.now() + HOUR, createdBy: '', comment: '' });
    fc.assert(
      fc.property(body, (payload) => {
        const outcome = post(payload, silences, clock.now());
        if (typeof outcome === 'string') expect(silences.get(outcome)).toBeDefined();
      }),
      { numRuns: 500 },
    );
  });

  const shortName = (pattern: string) => (pattern.length > 40 ? `${pattern.slice(0, 20)}… (${pattern.length} characters)` : pattern);
  it.each(REGEX_BOMBS.map((pattern) => [shortName(pattern), pattern]))('takes or refuses the regex %s, and matches long values with it', (_name, pattern) => {
    const { silences, clock } = setup();
    const outcome = post(
      { matchers: [{ name: 'a', value: pattern, isRegex: true }, { name: 'b', value: 'x', isRegex: false }], startsAt: '2026-11-27T05:00:00Z', endsAt: '2030-01-01T00:00:00Z', createdBy: 'me', comment: '' },
      silences,
      clock.now(),
    );
    if (typeof outcome !== 'string') {
      expect(outcome.message).toMatch(/^silence invalid: invalid label matcher 0: (invalid regular expression |regular expression too (long|complex): )/);
      return;
    }
    const silencer = new Silencer(silences);
    for (const long of ['a'.repeat(2_000) + '!', 'x'.repeat(2_000), 'a'.repeat(1_000) + 'b']) {
      expect(silencer.silencedBy(Labels.from({ a: long, b: 'x' }))).toBeInstanceOf(Array);
    }
  });
});
