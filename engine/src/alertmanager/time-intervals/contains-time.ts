/**
 * Whether one entry of a time interval covers an instant (Alertmanager's TimeInterval.ContainsTime):
 * every field that is set must hold on the wall clock of the entry's location.
 */
import type { InclusiveRange, TimeIntervalSpec } from '../config/types.js';
import { daysInMonth, wallClockAt } from './wall-clock.js';

export function intervalContains(spec: TimeIntervalSpec, at: number): boolean {
  const t = wallClockAt(at, spec.location);
  const minuteOfDay = t.hour * 60 + t.minute;
  if (spec.times && !spec.times.some((r) => minuteOfDay >= r.startMinute && minuteOfDay < r.endMinute)) return false;
  if (spec.daysOfMonth && !spec.daysOfMonth.some((r) => dayOfMonthInRange(r, t.day, daysInMonth(t.year, t.month)))) return false;
  if (spec.months && !spec.months.some((r) => inRange(r, t.month))) return false;
  if (spec.weekdays && !spec.weekdays.some((r) => inRange(r, t.weekday))) return false;
  if (spec.years && !spec.years.some((r) => inRange(r, t.year))) return false;
  return true;
}

function inRange(range: InclusiveRange, n: number): boolean {
  return n >= range.begin && n <= range.end;
}

/**
 * Negative days count from the month's end (-1 is its last day). A range that starts after the
 * month's last day does not apply to the month; one that ends after it stops at it.
 */
function dayOfMonthInRange(range: InclusiveRange, day: number, monthLength: number): boolean {
  const fromEnd = (d: number) => (d < 0 ? monthLength + d + 1 : d);
  const begin = fromEnd(range.begin);
  if (begin > monthLength) return false;
  const end = Math.min(fromEnd(range.end), monthLength);
  return day >= begin && day <= end;
}
