import { describe, expect, it } from 'vitest';
import type { TimeIntervalSpec } from '../../../src/alertmanager/config/types.js';
import { intervalContains } from '../../../src/alertmanager/time-intervals/contains-time.js';
import { daysInMonth, wallClockAt } from '../../../src/alertmanager/time-intervals/wall-clock.js';

const range = (begin: number, end = begin) => ({ begin, end });
const at = (iso: string) => Date.parse(iso);

/** Upstream's ContainsTime cases (timeinterval_test.go), instants rewritten as ISO 8601. */
const CASES: { name: string; spec: TimeIntervalSpec; inside: string[]; outside: string[] }[] = [
  {
    name: 'an empty interval contains every instant',
    spec: {},
    inside: ['2006-01-02T15:04:00Z', '2007-01-03T10:04:00Z', '2006-01-04T09:04:00Z'],
    outside: [],
  },
  {
    name: '9am to 5pm, monday to friday',
    spec: { times: [{ startMinute: 540, endMinute: 1020 }], weekdays: [range(1, 5)] },
    inside: ['2020-05-04T15:04:00Z', '2020-05-05T10:04:00Z', '2020-06-09T09:04:00Z', '2020-05-04T09:00:00Z', '2020-05-04T16:59:59Z'],
    outside: ['2020-05-03T15:04:00Z', '2020-05-04T08:59:00Z', '2020-05-05T05:00:00Z', '2020-05-04T17:00:00Z'],
  },
  {
    name: 'Easter 2020',
    spec: { daysOfMonth: [range(4, 6)], months: [range(4)], years: [range(2020)] },
    inside: ['2020-04-04T15:04:00Z', '2020-04-05T00:00:00Z', '2020-04-06T23:05:00Z'],
    outside: ['2018-05-03T15:04:00Z', '2020-04-03T23:59:00Z', '2020-06-04T23:59:00Z', '2019-04-06T23:59:00Z', '2020-04-07T00:00:00Z'],
  },
  {
    name: 'the last three days of each month',
    spec: { daysOfMonth: [range(-3, -1)] },
    inside: ['2020-01-31T15:04:00Z', '2020-01-30T15:04:00Z', '2020-01-29T15:04:00Z', '2020-06-30T00:00:00Z', '2020-02-29T23:05:00Z'],
    outside: [
      '2018-05-03T15:04:00Z',
      '2020-01-27T15:04:00Z',
      '2020-04-03T23:59:00Z',
      '2020-06-04T23:59:00Z',
      '2019-04-06T23:59:00Z',
      '2020-04-07T00:00:00Z',
      '2020-03-01T00:00:00Z',
    ],
  },
  {
    name: 'days beyond the month are clamped to its bounds',
    spec: { months: [range(6)], daysOfMonth: [range(-31, 31)] },
    inside: ['2020-06-30T00:00:00Z', '2020-06-01T00:00:00Z'],
    outside: ['2020-05-31T00:00:00Z', '2020-07-01T00:00:00Z'],
  },
  {
    name: 'a range starting after the end of a short month does not apply to it',
    spec: { daysOfMonth: [range(30, 31)] },
    inside: ['2021-01-30T12:00:00Z', '2021-04-30T12:00:00Z'],
    outside: ['2021-02-28T12:00:00Z', '2021-03-29T12:00:00Z'],
  },
  {
    name: 'a negative range in February',
    spec: { daysOfMonth: [range(-31, -28)] },
    inside: ['2021-02-01T00:00:00Z'],
    outside: ['2021-02-02T00:00:00Z'],
  },
  {
    name: 'AEST 9am to 5pm, monday to friday',
    spec: { times: [{ startMinute: 540, endMinute: 1020 }], weekdays: [range(1, 5)], location: 'Australia/Sydney' },
    inside: ['2021-04-06T13:00:00+10:00'],
    outside: ['2021-04-06T13:00:00Z'],
  },
  {
    name: 'Sydney in daylight-saving time',
    spec: { times: [{ startMinute: 540, endMinute: 1020 }], weekdays: [range(1, 5)], months: [range(11)], location: 'Australia/Sydney' },
    inside: ['2021-11-01T09:00:00+11:00', '2021-10-31T22:00:00Z'],
    outside: ['2021-10-31T21:00:00Z'],
  },
  {
    name: 'the last day of a spring-forward month stays the last day',
    spec: { daysOfMonth: [range(-1)], location: 'America/New_York' },
    inside: ['2021-03-31T12:00:00-04:00'],
    outside: ['2021-03-30T12:00:00-04:00'],
  },
  {
    name: 'the hour skipped at spring-forward in Berlin',
    spec: { times: [{ startMinute: 120, endMinute: 180 }], location: 'Europe/Berlin' },
    inside: ['2021-03-27T02:30:00+01:00'],
    outside: ['2021-03-28T00:59:00Z', '2021-03-28T01:00:00Z', '2021-03-28T01:30:00Z'],
  },
  {
    name: 'the hour repeated at fall-back in Berlin is covered twice',
    spec: { times: [{ startMinute: 120, endMinute: 180 }], location: 'Europe/Berlin' },
    inside: ['2021-10-31T02:30:00+02:00', '2021-10-31T02:30:00+01:00'],
    outside: ['2021-10-31T01:59:00+02:00', '2021-10-31T03:00:00+01:00'],
  },
  {
    name: 'the weekday and date follow the zone across midnight',
    spec: { weekdays: [range(6, 6)], daysOfMonth: [range(1)], location: 'Pacific/Auckland' },
    inside: ['2022-01-01T00:30:00+13:00', '2021-12-31T11:30:00Z'],
    outside: ['2021-12-31T10:59:00Z'],
  },
  {
    name: 'Kathmandu is 5:45 ahead',
    spec: { times: [{ startMinute: 0, endMinute: 1 }], location: 'Asia/Kathmandu' },
    inside: ['2023-06-01T18:15:00Z', '2023-06-01T18:15:59Z'],
    outside: ['2023-06-01T18:14:59Z', '2023-06-01T18:16:00Z'],
  },
  {
    name: 'months and years in a zone',
    spec: { months: [range(1, 3)], years: [range(2020, 2025), range(2030, 2035)], location: 'America/Los_Angeles' },
    inside: ['2025-01-01T08:00:00Z', '2031-02-01T00:00:00Z', '2020-04-01T06:59:00Z'],
    outside: ['2025-01-01T07:59:00Z', '2026-01-01T08:00:00Z', '2020-04-01T07:00:00Z'],
  },
];

describe('intervalContains', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      it.each(c.inside)('contains %s', (instant) => expect(intervalContains(c.spec, at(instant))).toBe(true));
      it.each(c.outside)('excludes %s', (instant) => expect(intervalContains(c.spec, at(instant))).toBe(false));
    });
  }

  it('Local is the machine\'s zone', () => {
    const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    const instant = at('2021-07-01T12:34:00Z');
    expect(wallClockAt(instant, 'Local')).toEqual(wallClockAt(instant, zone));
  });
});

describe('wallClockAt', () => {
  const instant = at('2021-07-01T23:34:00Z');

  it('reads the zone\'s daylight-saving offset', () => {
    expect(wallClockAt(instant, 'Europe/Berlin')).toEqual({ year: 2021, month: 7, day: 2, hour: 1, minute: 34, weekday: 5 });
    expect(wallClockAt(instant, 'UTC')).toEqual({ year: 2021, month: 7, day: 1, hour: 23, minute: 34, weekday: 4 });
    expect(wallClockAt(instant)).toEqual(wallClockAt(instant, 'UTC'));
  });

  it('reads the zoneinfo files Go loads besides the zones', () => {
    expect(wallClockAt(instant, 'posix/Europe/Berlin')).toEqual(wallClockAt(instant, 'Europe/Berlin'));
    expect(wallClockAt(instant, 'right/Asia/Tokyo')).toEqual(wallClockAt(instant, 'Asia/Tokyo'));
    expect(wallClockAt(instant, 'Factory')).toEqual(wallClockAt(instant, 'UTC'));
    expect(wallClockAt(instant, 'posixrules')).toEqual(wallClockAt(instant, 'America/New_York'));
  });
});

describe('daysInMonth', () => {
  it.each([
    [2021, 2, 28],
    [2020, 2, 29],
    [1900, 2, 28],
    [2000, 2, 29],
    [2021, 4, 30],
    [2021, 12, 31],
    [21, 2, 28],
  ])('%i-%i has %i days', (year, month, days) => expect(daysInMonth(year, month)).toBe(days));
});
