/**
 * The calendar date and time of day an instant shows on a clock in a time zone, computed with
 * Intl so that every IANA zone and its daylight-saving rules are known.
 */

export interface WallClock {
  year: number;
  /** 1-12. */
  month: number;
  /** 1-31. */
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
}

/** `Local` is the machine's zone, as Go's time.Local; absent or `UTC` is UTC. */
export function wallClockAt(ms: number, location?: string): WallClock {
  if (location === undefined || location === 'UTC') return utcWallClock(ms);
  const parts = formatterFor(location).formatToParts(ms);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const year = field('year');
  const month = field('month');
  const day = field('day');
  return { year, month, day, hour: field('hour'), minute: field('minute'), weekday: weekdayOf(year, month, day) };
}

/** The number of days of a month in the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function utcWallClock(ms: number): WallClock {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

function weekdayOf(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCDay();
}

/**
 * The Intl zone for a location that Go's zoneinfo reader loads. Zoneinfo's `posix/` and `right/`
 * copies are read as the plain zone (`right/` zones would count leap seconds, some 27 seconds
 * today); its non-zone files as what they hold on Debian.
 */
function intlZone(location: string): string | undefined {
  const zone = location.replace(/^(posix|right)\//, '');
  if (zone === 'Local' || zone === 'localtime') return undefined;
  if (zone === 'Factory') return 'UTC';
  if (zone === 'posixrules') return 'America/New_York';
  return zone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(location: string): Intl.DateTimeFormat {
  let formatter = formatters.get(location);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: intlZone(location),
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(location, formatter);
  }
  return formatter;
}
