/** time, timestamp and the calendar functions (UTC), which default to vector(time()). */
import type { FunctionImpl } from '../values.js';
import { computed, unlabelled, vectorArg } from './args.js';
import { civilTime, daysInMonth, type CivilTime } from './civil-time.js';

export const time: FunctionImpl = (_args, ctx) => unlabelled(ctx.evalTimeMs, ctx.evalTimeMs / 1000);

/** The time of each sample, in seconds. */
export const timestamp: FunctionImpl = (args, ctx) =>
  vectorArg(args, 0).map((s) => computed(s.labels, ctx.evalTimeMs, s.t / 1000));

function calendarFunction(field: (c: CivilTime) => number): FunctionImpl {
  return (args, ctx) => {
    const t = ctx.evalTimeMs;
    if (args.length === 0) return unlabelled(t, field(civilTime(Math.trunc(t / 1000))));
    // Go truncates the value to whole seconds; values outside int64 (and NaN) convert in a
    // platform-dependent way there, and yield NaN here.
    return vectorArg(args, 0).map((s) =>
      computed(s.labels, t, Math.abs(s.v) < 2 ** 63 ? field(civilTime(Math.trunc(s.v))) : NaN),
    );
  };
}

export const year = calendarFunction((c) => c.year);
export const month = calendarFunction((c) => c.month);
export const dayOfMonth = calendarFunction((c) => c.day);
export const dayOfYear = calendarFunction((c) => c.dayOfYear);
export const dayOfWeek = calendarFunction((c) => c.weekday);
export const hour = calendarFunction((c) => c.hour);
export const minute = calendarFunction((c) => c.minute);
export const daysInMonthFn = calendarFunction((c) => daysInMonth(c.year, c.month));
