import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilTime } from '../../../src/promql/eval/functions/civil-time.js';
import { context, impl, instantOf, MINUTE, series, vec } from './helpers.js';

function fieldOf(name: string, seconds: number): number {
  return impl(name)([vec([{}, seconds])], context(0))[0]!.v;
}

describe('time', () => {
  it('is the evaluation time in seconds', () => {
    expect(impl('time')([], context(1)).map((s) => s.v)).toEqual([0.001]);
    expect(impl('time')([], context(50 * MINUTE)).map((s) => s.v)).toEqual([3000]);
  });
});

describe('timestamp', () => {
  it("returns each sample's own time and drops the metric name", () => {
    const metric = [series({ __name__: 'metric' }, 10_000, [1, 1])];
    const out = impl('timestamp')([instantOf(metric, 15_000)], context(15_000));
    expect(out.map((s) => [s.v, s.t, s.dropName])).toEqual([[10, 15_000, true]]);
  });
});

describe('calendar functions', () => {
  it('default to the evaluation time', () => {
    const at = (name: string, ms: number) => impl(name)([], context(ms))[0]!.v;
    expect([at('year', 0), at('month', 0), at('day_of_month', 0), at('day_of_year', 0)]).toEqual([1970, 1, 1, 1]);
    expect([at('day_of_week', 0), at('hour', 0), at('minute', 0), at('days_in_month', 0)]).toEqual([4, 0, 0, 31]);
    expect(at('minute', 1136239445_999)).toBe(4);
  });

  it.each([
    ['year', 1136239445, 2006],
    ['month', 1136239445, 1],
    ['day_of_month', 1136239445, 2],
    ['day_of_year', 1136239445, 2],
    ['day_of_week', 1136239445, 1],
    ['hour', 1136239445, 22],
    ['minute', 1136239445, 4],
    ['year', 1230767999, 2008],
    ['year', 1230768000, 2009],
    ['month', 1456790399, 2],
    ['day_of_month', 1456790399, 29],
    ['month', 1456790400, 3],
    ['day_of_month', 1456790400, 1],
    ['day_of_year', 1483191420, 366],
    ['day_of_year', 1672493820, 365],
    ['days_in_month', 1454284800, 29],
    ['days_in_month', 1485907200, 28],
    ['year', -1, 1969],
    ['hour', -1, 23],
    ['day_of_week', -1, 3],
    ['year', -0.9, 1970],
    ['minute', 59.9, 0],
  ])('%s(vector(%d)) = %d', (name, seconds, expected) => {
    expect(fieldOf(name, seconds)).toBe(expected);
  });

  it('give NaN where Go has no portable answer', () => {
    expect(fieldOf('year', NaN)).toBeNaN();
    expect(fieldOf('year', Infinity)).toBeNaN();
  });

  it('keep labels and drop the metric name', () => {
    const out = impl('hour')([vec([{ __name__: 'm', a: 'b' }, 3600])], context(0));
    expect(out.map((s) => [s.labels.toString(), s.v, s.dropName])).toEqual([['{__name__="m", a="b"}', 1, true]]);
  });

  it('agree with the JavaScript calendar on UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.6e12, max: 8.6e12 }), (seconds) => {
        const date = new Date(seconds * 1000);
        // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
        const startOfYear = new Date(0).setUTCFullYear(date.getUTCFullYear(), 0, 1);
        const c = civilTime(seconds);
        expect([c.year, c.month, c.day, c.weekday, c.hour, c.minute]).toEqual([
          date.getUTCFullYear(),
          date.getUTCMonth() + 1,
          date.getUTCDate(),
          date.getUTCDay(),
          date.getUTCHours(),
          date.getUTCMinutes(),
        ]);
        expect(c.dayOfYear).toBe(Math.floor((date.getTime() - startOfYear) / 86_400_000) + 1);
      }),
    );
  });
});
