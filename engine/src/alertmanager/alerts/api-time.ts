/**
 * Times as Alertmanager's API v2 reads and writes them (go-openapi strfmt.DateTime). Reading
 * accepts every layout strfmt tries: RFC 3339 with or without a fraction, with `Z`, `±hh:mm` or
 * (after a 3- or 6-digit fraction) `±hhmm`; a local `2006-01-02T15:04:05`, `2006-01-02T15:04`,
 * `2006-01-02T15:04Z`; and `2006-01-02 15:04:05`, all in UTC when no zone is given. Writing is
 * RFC 3339 with milliseconds in UTC, e.g. `2026-11-27T05:00:00.000Z`.
 *
 * Go's zero time (`0001-01-01T00:00:00Z`, what amtool sends for an unset time) reads as 0, the
 * model's "unset". strfmt reads the empty string as the Unix epoch, which is 0 here as well.
 */
import { utf8Bytes } from '../../text/utf8.js';

/** Go's zero time, 0001-01-01T00:00:00Z, in milliseconds since the epoch. */
export const GO_ZERO_TIME_MS = -62_135_596_800_000;

const MS_PER_DAY = 86_400_000;

/** A time the API cannot read; the message is Go's time.Parse error for strfmt's last layout. */
export class ApiTimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiTimeError';
  }
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{1,2}):(\d{2})(?::(\d{2})([.,]\d+)?(Z|[+-]\d{2}:\d{2}|[+-]\d{4})?|(Z)?)| +(\d{1,2}):(\d{2}):(\d{2})([.,]\d+)?)$/;

/** Milliseconds since the epoch; 0 for Go's zero time and for the empty string. */
export function parseApiTime(text: string): number {
  if (text === '') return 0;
  const utc = parseUtcRfc3339(text);
  if (utc !== undefined) return utc;
  const m = DATE_TIME.exec(text);
  if (!m || !zoneFitsFraction(m[7], m[8])) throw new ApiTimeError(lastLayoutError(text));
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const spaced = m[10] !== undefined;
  const hour = Number(spaced ? m[10] : m[4]);
  const minute = Number(spaced ? m[11] : m[5]);
  const second = Number((spaced ? m[12] : m[6]) ?? '0');
  const fraction = spaced ? m[13] : m[7];
  if (!inRange(year, month, day, hour, minute, second)) throw new ApiTimeError(lastLayoutError(text));
  const ms =
    daysFromCivil(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    fractionMs(fraction) -
    zoneOffsetMs(spaced ? undefined : m[8]);
  return ms === GO_ZERO_TIME_MS ? 0 : ms;
}

/**
 * The common case without the regular expression: `2006-01-02T15:04:05Z`, with or without a
 * fraction (as clients and JavaScript's toISOString write it). Undefined for anything else,
 * including dates out of range, which parseApiTime then handles.
 */
function parseUtcRfc3339(text: string): number | undefined {
  const n = text.length;
  if (n < 20 || text.charCodeAt(n - 1) !== 0x5a /* Z */) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let fraction = 0;
  if (n > 20) {
    if (text[19] !== '.' || n > 30) return undefined;
    for (let i = 20; i < n - 1; i++) {
      const digit = text.charCodeAt(i) - 0x30;
      if (digit < 0 || digit > 9) return undefined;
      if (i < 23) fraction += digit * 10 ** (22 - i);
    }
    if (n === 21) return undefined;
  } else if (text[19] !== 'Z') return undefined;
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  if (!inRange(year, month, day, hour, minute, second)) return undefined;
  const ms = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + fraction;
  return ms === GO_ZERO_TIME_MS ? 0 : ms;
}

/** The number written by `count` ASCII digits at `start`; -1 if any is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** RFC 3339 with milliseconds in UTC; 0 prints as Go's zero time. */
export function formatApiTime(ms: number): string {
  return new Date(ms === 0 ? GO_ZERO_TIME_MS : ms).toISOString();
}

/** `±hhmm` zones come only from strfmt's layouts with a fixed 3- or 6-digit fraction. */
function zoneFitsFraction(fraction: string | undefined, zone: string | undefined): boolean {
  if (zone === undefined || zone === 'Z' || zone.includes(':')) return true;
  return fraction !== undefined && (fraction.length === 4 || fraction.length === 7);
}

function inRange(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  return month >= 1 && month <= 12 && hour <= 23 && minute <= 59 && second <= 59 && day >= 1 && day <= daysInMonth(year, month);
}

function fractionMs(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Number(fraction.slice(1, 4).padEnd(3, '0'));
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return (zone[0] === '-' ? -minutes : minutes) * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date, for any year. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const LAST_LAYOUT = '2006-01-02 15:04:05';

/**
 * The error Go's time.Parse gives for strfmt's last layout, `2006-01-02 15:04:05`, which is the
 * error strfmt reports when no layout fits.
 */
function lastLayoutError(value: string): string {
  const cannot = (rest: string, element: string) =>
    `parsing time ${goTimeQuote(value)} as ${goTimeQuote(LAST_LAYOUT)}: cannot parse ${goTimeQuote(rest)} as ${goTimeQuote(element)}`;
  const outOfRangeError = (what: string) => `parsing time ${goTimeQuote(value)}: ${what} out of range`;
  let rest = value;
  if (!/^\d{4}/.test(rest)) return cannot(rest, '2006');
  rest = rest.slice(4);
  const steps: [literal: string, element: string, check: (n: number) => string | undefined][] = [
    ['-', '01', (n) => (n < 1 || n > 12 ? 'month' : undefined)],
    ['-', '02', () => undefined],
    [' ', '15', (n) => (n > 23 ? 'hour' : undefined)],
    [':', '04', (n) => (n > 59 ? 'minute' : undefined)],
    [':', '05', (n) => (n > 59 ? 'second' : undefined)],
  ];
  for (const [literal, element, check] of steps) {
    if (literal === ' ') {
      if (rest !== '' && rest[0] !== ' ') return cannot(rest, literal);
      rest = rest.replace(/^ +/, '');
    } else if (rest[0] !== literal) return cannot(rest, literal);
    else rest = rest.slice(1);
    const digits = /^\d\d?/.exec(rest)?.[0];
    if (digits === undefined || (element !== '15' && digits.length < 2)) return cannot(rest, element);
    rest = rest.slice(digits.length);
    const range = check(Number(digits));
    if (range) return outOfRangeError(range);
  }
  rest = rest.replace(/^[.,]\d+/, '');
  if (rest !== '') return `parsing time ${goTimeQuote(value)}: extra text: ${goTimeQuote(rest)}`;
  // Only reached for a value this layout accepts but whose day does not exist.
  return outOfRangeError('day');
}

/** The time package's own quoting: ASCII as is (`"` and `\` escaped), every other byte as `\xNN`. */
export function goTimeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code < 0x80) out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
    else for (const byte of utf8Bytes(ch)) out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return out + '"';
}
