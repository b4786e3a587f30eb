/** Calendar fields of a Unix time in UTC on the proleptic Gregorian calendar (Go's time.Time in UTC). */

export interface CivilTime {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  /** 1-366 */
  dayOfYear: number;
  /** 0 = Sunday */
  weekday: number;
  hour: number;
  minute: number;
}

const SECONDS_PER_DAY = 86400;
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Fields for a whole number of seconds since the epoch (exact up to 2^53 seconds either way). */
export function civilTime(unixSeconds: number): CivilTime {
  const days = Math.floor(unixSeconds / SECONDS_PER_DAY);
  const secondOfDay = unixSeconds - days * SECONDS_PER_DAY;
  // Days since 0000-03-01, so that the leap day ends each 400-year era.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfMarchYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfMarchYear + 2) / 153);
  const day = dayOfMarchYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const dayOfYear = DAYS_BEFORE_MONTH[month - 1]! + day + (month > 2 && isLeapYear(year) ? 1 : 0);
  return {
    year,
    month,
    day,
    dayOfYear,
    weekday: (((days + 4) % 7) + 7) % 7,
    hour: Math.floor(secondOfDay / 3600),
    minute: Math.floor((secondOfDay % 3600) / 60),
  };
}
