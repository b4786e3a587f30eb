/**
 * Prometheus durations (`1h30m`, `5m`, `90d`): parsing with the rules of model.ParseDuration and
 * formatting as model.Duration.String. Values are in milliseconds, the finest unit Prometheus has.
 */
import { KlaxonError, problem } from '../errors.js';

/** Units from the largest to the smallest; a duration must list them in this order. */
const UNITS: ReadonlyArray<readonly [unit: string, ms: number]> = [
  ['y', 365 * 24 * 60 * 60 * 1000],
  ['w', 7 * 24 * 60 * 60 * 1000],
  ['d', 24 * 60 * 60 * 1000],
  ['h', 60 * 60 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

const UNIT_RANK = new Map(UNITS.map(([unit, ms], rank) => [unit, { rank, ms }]));

/** Go's time.Duration is int64 nanoseconds; longer durations are out of range. */
const MAX_DURATION_NS = 2n ** 63n - 1n;
/** Below this many milliseconds no duration can overflow, so plain numbers are exact enough. */
const SAFE_DURATION_MS = 9e12;

export type DurationParse = { ms: number; error?: undefined } | { ms?: undefined; error: string };

/** Parses a duration such as `1h30m`; reports the problem instead of throwing. */
export function tryParseDuration(text: string): DurationParse {
  const parsed = durationMsOrError(text);
  return typeof parsed === 'number' ? { ms: parsed } : { error: parsed };
}

/** The milliseconds of a duration such as `1h30m`, or what is wrong with it; makes no record, for the parser. */
export function durationMsOrError(text: string): number | string {
  if (text === '0') return 0;
  if (text === '') return 'empty duration string';
  let pos = 0;
  let lastRank = -1;
  let totalMs = 0;
  let exact = true;
  while (pos < text.length) {
    const digitsStart = pos;
    while (pos < text.length && isDigit(text.charCodeAt(pos))) pos++;
    if (pos === digitsStart) return invalidDuration(text);
    const digitsEnd = pos;
    while (pos < text.length && !isDigit(text.charCodeAt(pos))) pos++;
    if (pos === digitsEnd) return invalidDuration(text);
    const unit = text.slice(digitsEnd, pos);
    const known = UNIT_RANK.get(unit);
    if (!known) return `unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(text)}`;
    if (known.rank <= lastRank) return invalidDuration(text);
    lastRank = known.rank;
    if (digitsEnd - digitsStart > 15) exact = false;
    totalMs += Number(text.slice(digitsStart, digitsEnd)) * known.ms;
  }
  if ((!exact || totalMs > SAFE_DURATION_MS) && exceedsMaxDuration(text)) return 'duration out of range';
  return totalMs;
}

function invalidDuration(text: string): string {
  return `not a valid duration string: ${JSON.stringify(text)}`;
}

/** Whether a well-formed duration is out of Go's range, counted exactly in nanoseconds. */
function exceedsMaxDuration(text: string): boolean {
  let totalNs = 0n;
  for (const [, digits, unit] of text.matchAll(/([0-9]+)([^0-9]+)/g)) {
    const unitNs = BigInt(UNIT_RANK.get(unit!)!.ms) * 1_000_000n;
    const value = BigInt(digits!);
    if (value > 2n ** 63n / unitNs) return true;
    totalNs += value * unitNs;
    if (totalNs > MAX_DURATION_NS) return true;
  }
  return false;
}

/** Parses a duration such as `1h30m` into milliseconds; throws a KlaxonError when it is not one. */
export function parseDurationMs(text: string): number {
  const parsed = tryParseDuration(text);
  if (parsed.error !== undefined) {
    throw new KlaxonError(problem(parsed.error, { start: 0, end: text.length }, 'parse'));
  }
  return parsed.ms;
}

/**
 * Formats milliseconds the way Prometheus prints durations: `1h30m`, `90d`, `0s`. Years and weeks
 * are used only when they divide the duration exactly. Negative durations get a leading `-`.
 */
export function formatDurationMs(ms: number): string {
  if (ms < 0) return `-${formatDurationMs(-ms)}`;
  let rest = Math.trunc(ms);
  if (rest === 0) return '0s';
  let out = '';
  for (const [unit, unitMs] of UNITS) {
    const onlyWhenExact = unit === 'y' || unit === 'w';
    if (onlyWhenExact && rest % unitMs !== 0) continue;
    const count = Math.floor(rest / unitMs);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * unitMs;
    }
  }
  return out;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
