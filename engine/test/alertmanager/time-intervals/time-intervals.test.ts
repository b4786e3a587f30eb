import { describe, expect, it } from 'vitest';
import type { TimeIntervalConfig, TimeIntervalSpec } from '../../../src/alertmanager/config/types.js';
import { TimeIntervals } from '../../../src/alertmanager/time-intervals/time-intervals.js';

const NO_RANGE = { start: 0, end: 0 };
const named = (name: string, intervals: TimeIntervalSpec[], deprecatedKey = false): TimeIntervalConfig => ({
  name: { value: name, range: NO_RANGE },
  intervals,
  deprecatedKey,
  range: NO_RANGE,
});

const SYDNEY = 'Australia/Sydney';
const intervals = new TimeIntervals([
  named('evenings', [{ times: [{ startMinute: 0, endMinute: 540 }, { startMinute: 1020, endMinute: 1440 }], location: SYDNEY }]),
  named('weekends', [{ weekdays: [{ begin: 6, end: 6 }, { begin: 0, end: 0 }], location: SYDNEY }], true),
]);

/** Upstream's TestIntervener_Mutes: evenings and weekends in Sydney (UTC+11 in January). */
describe('TimeIntervals', () => {
  it.each([
    ['2024-01-01T00:00:00+11:00', ['evenings']],
    ['2024-01-01T09:00:00+11:00', []],
    ['2024-01-06T10:00:00+11:00', ['weekends']],
    ['2024-01-06T17:00:00+11:00', ['evenings', 'weekends']],
    ['2024-01-01T10:00:00Z', ['evenings']],
    ['2024-01-06T10:00:00Z', ['evenings', 'weekends']],
  ])('at %s the intervals containing it are %j', (instant, expected) => {
    const at = Date.parse(instant);
    expect(intervals.containing(['evenings', 'weekends'], at)).toEqual(expected);
    expect(intervals.isMuted(['evenings', 'weekends'], at)).toBe(expected.length > 0);
    expect(intervals.isActive(['evenings', 'weekends'], at)).toBe(expected.length > 0);
  });

  it('a route without mute intervals is never muted; without active intervals always active', () => {
    const at = Date.parse('2024-01-06T17:00:00+11:00');
    expect(intervals.isMuted([], at)).toBe(false);
    expect(intervals.isActive([], at)).toBe(true);
  });

  it('is active while one of several active intervals contains the instant', () => {
    const workday = Date.parse('2024-01-02T10:00:00+11:00');
    expect(intervals.isActive(['weekends'], workday)).toBe(false);
    expect(intervals.isActive(['weekends', 'evenings'], workday)).toBe(false);
    expect(intervals.isActive(['weekends', 'evenings'], Date.parse('2024-01-02T18:00:00+11:00'))).toBe(true);
  });

  it('an interval with several entries contains what any entry contains', () => {
    const either = new TimeIntervals([named('either', [{ months: [{ begin: 1, end: 1 }] }, { months: [{ begin: 3, end: 3 }] }])]);
    expect(either.contains('either', Date.parse('2024-03-15T00:00:00Z'))).toBe(true);
    expect(either.contains('either', Date.parse('2024-02-15T00:00:00Z'))).toBe(false);
  });

  it('time_intervals wins over mute_time_intervals of the same name', () => {
    const clash = new TimeIntervals([named('x', [{ years: [{ begin: 2000, end: 2000 }] }]), named('x', [{ years: [{ begin: 1990, end: 1990 }] }], true)]);
    expect(clash.contains('x', Date.parse('2000-06-01T00:00:00Z'))).toBe(true);
    expect(clash.contains('x', Date.parse('1990-06-01T00:00:00Z'))).toBe(false);
  });

  it('rejects a name the config does not define', () => {
    expect(intervals.has('holidays')).toBe(false);
    expect(() => intervals.isMuted(['holidays'], 0)).toThrow("time interval holidays doesn't exist in config");
  });
});
