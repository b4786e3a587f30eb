import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiTimeError, formatApiTime, goTimeQuote, parseApiTime } from '../../../src/alertmanager/alerts/api-time.js';

const utc = (...parts: [number, number, number, number?, number?, number?, number?]) =>
  Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0, parts[6] ?? 0);

describe('parseApiTime', () => {
  it.each([
    ['2026-11-27T05:00:00Z', utc(2026, 11, 27, 5)],
    ['2026-11-27T05:00:00.123Z', utc(2026, 11, 27, 5, 0, 0, 123)],
    ['2026-11-27T05:00:00.123456789+02:00', utc(2026, 11, 27, 3, 0, 0, 123)],
    ['2026-11-27T05:00:00,5-01:30', utc(2026, 11, 27, 6, 30, 0, 500)],
    ['2026-11-27T05:00:00.123+0200', utc(2026, 11, 27, 3, 0, 0, 123)],
    ['2026-11-27T05:00:00.123456-0200', utc(2026, 11, 27, 7, 0, 0, 123)],
    ['2026-11-27T05:00:00', utc(2026, 11, 27, 5)],
    ['2026-11-27T5:07:09Z', utc(2026, 11, 27, 5, 7, 9)],
    ['2026-11-27T05:07', utc(2026, 11, 27, 5, 7)],
    ['2026-11-27T05:07Z', utc(2026, 11, 27, 5, 7)],
    ['2026-11-27 05:00:00', utc(2026, 11, 27, 5)],
    ['2026-11-27   05:00:00.25', utc(2026, 11, 27, 5, 0, 0, 250)],
    ['2024-02-29T00:00:00Z', utc(2024, 2, 29)],
    ['1969-12-31T23:59:59.999Z', -1],
    ['0050-06-01T00:00:00Z', Date.parse('0050-06-01T00:00:00.000Z')],
  ])('reads %s', (text, ms) => {
    expect(parseApiTime(text)).toBe(ms);
  });

  it("reads Go's zero time, which amtool sends for an unset time, and the empty string as unset", () => {
    expect(parseApiTime('0001-01-01T00:00:00Z')).toBe(0);
    expect(parseApiTime('0001-01-01T00:00:00.000Z')).toBe(0);
    expect(parseApiTime('')).toBe(0);
  });

  // Messages as Alertmanager 0.25 answers them (strfmt reports the error of its last layout).
  it.each([
    ['nope', 'parsing time "nope" as "2006-01-02 15:04:05": cannot parse "nope" as "2006"'],
    ['2024-01-01', 'parsing time "2024-01-01" as "2006-01-02 15:04:05": cannot parse "" as "15"'],
    ['2024-13-01T00:00:00Z', 'parsing time "2024-13-01T00:00:00Z": month out of range'],
    ['2024-01-01T25:00:00Z', 'parsing time "2024-01-01T25:00:00Z" as "2006-01-02 15:04:05": cannot parse "T25:00:00Z" as " "'],
    ['2024-01-01 25:00:00', 'parsing time "2024-01-01 25:00:00": hour out of range'],
    ['2024-01-01 10:60:00', 'parsing time "2024-01-01 10:60:00": minute out of range'],
    ['2023-02-29 10:00:00', 'parsing time "2023-02-29 10:00:00": day out of range'],
    ['2024-01-01 00:00:00Z', 'parsing time "2024-01-01 00:00:00Z": extra text: "Z"'],
    ['2024/01/01', 'parsing time "2024/01/01" as "2006-01-02 15:04:05": cannot parse "/01/01" as "-"'],
    ['2024-1-01', 'parsing time "2024-1-01" as "2006-01-02 15:04:05": cannot parse "1-01" as "01"'],
    ['2026-11-27T05:00:00+0200', 'parsing time "2026-11-27T05:00:00+0200" as "2006-01-02 15:04:05": cannot parse "T05:00:00+0200" as " "'],
    ['2026-11-27T05:00:00.1234+0200', 'parsing time "2026-11-27T05:00:00.1234+0200" as "2006-01-02 15:04:05": cannot parse "T05:00:00.1234+0200" as " "'],
    ['2026-11-27T05:00:00.Z', 'parsing time "2026-11-27T05:00:00.Z" as "2006-01-02 15:04:05": cannot parse "T05:00:00.Z" as " "'],
    ['2026-11-27T05:00:60Z', 'parsing time "2026-11-27T05:00:60Z" as "2006-01-02 15:04:05": cannot parse "T05:00:60Z" as " "'],
    ['2026-02-30T05:00:00Z', 'parsing time "2026-02-30T05:00:00Z" as "2006-01-02 15:04:05": cannot parse "T05:00:00Z" as " "'],
    ['é', 'parsing time "\\xc3\\xa9" as "2006-01-02 15:04:05": cannot parse "\\xc3\\xa9" as "2006"'],
  ])('refuses %s with Go\'s message', (text, message) => {
    expect(() => parseApiTime(text)).toThrow(new ApiTimeError(message));
  });
});

describe('parseApiTime on UTC times', () => {
  const outcome = (text: string) => {
    try {
      return parseApiTime(text);
    } catch (e) {
      if (e instanceof ApiTimeError) return 'error';
      throw e;
    }
  };

  it('reads `...Z` as the same instant written with a +00:00 zone, or refuses both', () => {
    // Ranges one past each field's limit, so that most times are valid and some are not.
    const field = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        field(13),
        field(32),
        field(24),
        field(60),
        field(60),
        fc.option(fc.stringMatching(/^[0-9]{0,10}$/), { nil: undefined }),
        (year, month, day, hour, minute, second, fraction) => {
          const local = `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction === undefined ? '' : `.${fraction}`}`;
          expect(outcome(`${local}Z`)).toBe(outcome(`${local}+00:00`));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('formatApiTime', () => {
  it('prints RFC 3339 with milliseconds in UTC, and 0 as Go zero time', () => {
    expect(formatApiTime(utc(2026, 11, 27, 5))).toBe('2026-11-27T05:00:00.000Z');
    expect(formatApiTime(utc(2026, 11, 27, 5, 0, 0, 123))).toBe('2026-11-27T05:00:00.123Z');
    expect(formatApiTime(0)).toBe('0001-01-01T00:00:00.000Z');
  });

  it('reads back what it prints', () => {
    fc.assert(
      fc.property(fc.integer({ min: utc(1, 1, 2), max: utc(9999, 12, 31) }), (ms) => {
        const printed = formatApiTime(ms);
        expect(parseApiTime(printed)).toBe(ms === 0 ? 0 : ms);
      }),
    );
  });
});

describe('goTimeQuote', () => {
  it("quotes as Go's time package does", () => {
    expect(goTimeQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goTimeQuote('\n')).toBe('"\\x0a"');
  });
});
