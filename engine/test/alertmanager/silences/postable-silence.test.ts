import { describe, expect, it } from 'vitest';
import { ApiPayloadError, ApiRequestError } from '../../../src/alertmanager/alerts/api-errors.js';
import { checkPostedTimes, parsePostableSilence } from '../../../src/alertmanager/silences/postable-silence.js';
import { eq, HOUR, T0 } from './silence-fixtures.js';

const valid = {
  matchers: [{ name: 'a', value: 'b', isRegex: false }],
  startsAt: '2026-11-27T05:00:00Z',
  endsAt: '2026-11-27T06:00:00Z',
  createdBy: 'me',
  comment: 'c',
};
const failed = (reason: string) => `parsing silence body from "" failed, because ${reason}`;

function payloadError(body: unknown): ApiPayloadError {
  try {
    parsePostableSilence(body);
  } catch (e) {
    if (e instanceof ApiPayloadError) return e;
    throw e;
  }
  throw new Error('expected an ApiPayloadError');
}

describe('parsePostableSilence', () => {
  it('decodes a silence, with isEqual true by default', () => {
    expect(parsePostableSilence(valid)).toEqual({ matchers: [eq('a', 'b')], startsAt: T0, endsAt: T0 + HOUR, createdBy: 'me', comment: 'c' });
  });

  it('keeps the ID of an update, drops an empty one, and reads 0.34 annotations', () => {
    expect(parsePostableSilence({ ...valid, id: 'abc' }).id).toBe('abc');
    expect(parsePostableSilence({ ...valid, id: '' })).not.toHaveProperty('id');
    expect(parsePostableSilence({ ...valid, annotations: { ticket: 'T-1' } }).annotations).toEqual({ ticket: 'T-1' });
  });

  it('reads the matcher flags and accepts empty strings for createdBy and comment', () => {
    const parsed = parsePostableSilence({ ...valid, createdBy: '', comment: '', matchers: [{ name: 'a', value: 'x', isRegex: true, isEqual: false }] });
    expect(parsed).toMatchObject({ createdBy: '', comment: '', matchers: [{ name: 'a', value: 'x', isRegex: true, isEqual: false }] });
  });

  // Statuses and messages as Alertmanager 0.25 answers them.
  it.each<[string, unknown, 400 | 422, number, string]>([
    ['an array body', [], 400, 400, failed('json: cannot unmarshal array into Go value of type struct { ID string "json:\\"id,omitempty\\"" }')],
    ['a null body', null, 422, 602, 'comment in body is required'],
    ['a number ID', { ...valid, id: 5 }, 400, 400, failed('json: cannot unmarshal number into Go struct field .id of type string')],
    ['a number comment', { ...valid, comment: 5 }, 400, 400, failed('json: cannot unmarshal number into Go struct field Silence.comment of type string')],
    ['a number createdBy', { ...valid, createdBy: 5 }, 400, 400, failed('json: cannot unmarshal number into Go struct field Silence.createdBy of type string')],
    ['object matchers', { ...valid, matchers: {} }, 400, 400, failed('json: cannot unmarshal object into Go struct field Silence.matchers of type models.Matchers')],
    ['a number matcher', { ...valid, matchers: [5] }, 400, 400, failed('json: cannot unmarshal number into Go struct field Silence.matchers of type models.Matcher')],
    ['a number matcher name', { ...valid, matchers: [{ name: 5, value: 'x', isRegex: false }] }, 400, 400, failed('json: cannot unmarshal number into Go struct field Matcher.matchers.name of type string')],
    ['a number matcher value', { ...valid, matchers: [{ name: 'a', value: 5, isRegex: false }] }, 400, 400, failed('json: cannot unmarshal number into Go struct field Matcher.matchers.value of type string')],
    ['a string isRegex', { ...valid, matchers: [{ name: 'a', value: 'x', isRegex: 'no' }] }, 400, 400, failed('json: cannot unmarshal string into Go struct field Matcher.matchers.isRegex of type bool')],
    ['a string isEqual', { ...valid, matchers: [{ name: 'a', value: 'x', isRegex: false, isEqual: 'y' }] }, 400, 400, failed('json: cannot unmarshal string into Go struct field Matcher.matchers.isEqual of type bool')],
    ['a number startsAt', { ...valid, startsAt: 5 }, 400, 400, failed('json: cannot unmarshal number into Go struct field Silence.startsAt of type string')],
    ['a bad startsAt', { ...valid, startsAt: 'bad' }, 400, 400, failed('parsing time "bad" as "2006-01-02 15:04:05": cannot parse "bad" as "2006"')],
    ['no matchers', { ...valid, matchers: undefined }, 422, 602, 'matchers in body is required'],
    ['null matchers', { ...valid, matchers: null }, 422, 602, 'matchers in body is required'],
    ['empty matchers', { ...valid, matchers: [] }, 422, 612, 'matchers in body should have at least 1 items'],
    ['no createdBy', { ...valid, createdBy: undefined }, 422, 602, 'createdBy in body is required'],
    ['a null comment', { ...valid, comment: null }, 422, 602, 'comment in body is required'],
    ['no startsAt', { ...valid, startsAt: undefined }, 422, 602, 'startsAt in body is required'],
    ['a null startsAt', { ...valid, startsAt: null }, 422, 602, 'startsAt in body is required'],
    ['no endsAt', { ...valid, endsAt: undefined }, 422, 602, 'endsAt in body is required'],
    ['a matcher without isRegex', { ...valid, matchers: [{ name: 'a', value: 'x' }] }, 422, 602, 'matchers.0.isRegex in body is required'],
    ['a matcher without name', { ...valid, matchers: [{ value: 'x', isRegex: false }] }, 422, 602, 'matchers.0.name in body is required'],
    ['a matcher with a null name', { ...valid, matchers: [{ name: null, value: 'x', isRegex: false }] }, 422, 602, 'matchers.0.name in body is required'],
    ['a matcher without value', { ...valid, matchers: [{ name: 'a', isRegex: false }] }, 422, 602, 'matchers.0.value in body is required'],
    ['an empty matcher with other fields missing', { matchers: [{}], createdBy: 'me' }, 422, 602, 'comment in body is required'],
    ['a null matcher', { ...valid, matchers: [null] }, 422, 602, 'matchers.0.isRegex in body is required'],
  ])('refuses %s', (_name, body, status, code, message) => {
    const error = payloadError(body);
    expect([error.status, error.code, error.message]).toEqual([status, code, message]);
  });

  it('reports a bad ID before anything else, and a bad time before an earlier type mismatch', () => {
    expect(payloadError({ ...valid, id: 5, startsAt: 'bad' }).message).toBe(failed('json: cannot unmarshal number into Go struct field .id of type string'));
    expect(payloadError({ ...valid, comment: 5, startsAt: 'bad' }).message).toBe(
      failed('parsing time "bad" as "2006-01-02 15:04:05": cannot parse "bad" as "2006"'),
    );
  });

  it('points at where the problem is', () => {
    expect(payloadError({ ...valid, matchers: [{ name: 'a', value: 'x', isRegex: false }, { name: 'b', value: 1, isRegex: false }] }).path).toBe(
      '$.matchers[1].value',
    );
  });

  it("reads Go's zero time and the empty string, which upstream accepts, as unset", () => {
    expect(parsePostableSilence({ ...valid, startsAt: '0001-01-01T00:00:00Z' }).startsAt).toBe(0);
    expect(parsePostableSilence({ ...valid, startsAt: '' }).startsAt).toBe(0);
  });
});

describe('checkPostedTimes', () => {
  it.each<[string, number, number, string | undefined]>([
    ['a valid range', T0, T0 + HOUR, undefined],
    ['a start after the end', T0 + HOUR, T0, 'Failed to create silence: start time must be before end time'],
    ['a start at the end', T0, T0, 'Failed to create silence: start time must be before end time'],
    ['an end in the past', T0 - 2 * HOUR, T0 - HOUR, "Failed to create silence: end time can't be in the past"],
    ['an unset start', 0, T0 + HOUR, undefined],
  ])('%s', (_name, startsAt, endsAt, message) => {
    const check = () => checkPostedTimes({ startsAt, endsAt }, T0);
    if (message) expect(check).toThrow(new ApiRequestError(400, message));
    else expect(check).not.toThrow();
  });
});
