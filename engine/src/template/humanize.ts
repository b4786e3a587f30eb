/**
 * Prometheus's number and time formatting functions for templates (template/template.go and
 * prometheus/common's helpers/templates): humanize, humanize1024, humanizePercentage,
 * humanizeDuration, humanizeTimestamp, toTime, toDuration.
 */
import { sprintf } from './go-format.js';
import { parseFloatMessage, parseGoFloatText } from './go-number.js';
import { GoDuration, GoTime } from './go-time.js';
import { typeName, type GoValue } from './go-values.js';

const NAN_OR_INF = 'value is NaN or Inf';

/** common/helpers/templates.ConvertToFloat. */
function convertToFloat(v: GoValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const parsed = parseGoFloatText(v);
    if (parsed.error) throw new Error(parseFloatMessage(v, parsed.error));
    return parsed.value;
  }
  if (v instanceof GoDuration) return Number(v.ns) / 1e9;
  throw new Error(`can't convert ${v === null || v === undefined ? '<nil>' : typeName(v)} to float`);
}

const g4 = (v: number, suffix = '') => sprintf('%.4g', [v]) + suffix;

function isSpecial(v: number): boolean {
  return !Number.isFinite(v);
}

export function humanize(input: GoValue): string {
  let v = convertToFloat(input);
  if (v === 0 || isSpecial(v)) return g4(v);
  let prefix = '';
  if (Math.abs(v) >= 1) {
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return g4(v, prefix);
  }
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return g4(v, prefix);
}

export function humanize1024(input: GoValue): string {
  let v = convertToFloat(input);
  if (Math.abs(v) <= 1 || isSpecial(v)) return g4(v);
  let prefix = '';
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return g4(v, prefix);
}

export function humanizePercentage(input: GoValue): string {
  return g4(convertToFloat(input) * 100, '%');
}

export function humanizeDuration(input: GoValue): string {
  let v = convertToFloat(input);
  if (isSpecial(v)) return g4(v);
  if (v === 0) return g4(v, 's');
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    v = Math.abs(v);
    const duration = BigInt(Math.trunc(v));
    const seconds = duration % 60n;
    const minutes = (duration / 60n) % 60n;
    const hours = (duration / 3600n) % 24n;
    const days = duration / 86400n;
    if (days !== 0n) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0n) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0n) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${g4(v)}s`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return g4(v, prefix + 's');
}

/** Seconds since the epoch as Go's time.Time, truncated to milliseconds as Prometheus does. */
function floatToTime(v: number): GoTime {
  if (isSpecial(v)) throw new Error(NAN_OR_INF);
  const ns = v * 1e9;
  if (ns > 2 ** 63 || ns < -(2 ** 63)) {
    throw new Error(`${sprintf('%v', [v])} cannot be represented as a nanoseconds timestamp since it overflows int64`);
  }
  const ms = BigInt(Math.trunc(ns)) / 1_000_000n;
  return new GoTime(ms * 1_000_000n, true);
}

export function humanizeTimestamp(input: GoValue): string {
  const v = convertToFloat(input);
  if (isSpecial(v)) return g4(v);
  return sprintf('%v', [floatToTime(v)]);
}

export function toTime(input: GoValue): GoTime {
  return floatToTime(convertToFloat(input));
}

/** Seconds as a *time.Duration. */
export function toDuration(input: GoValue): GoDuration {
  const v = convertToFloat(input);
  if (isSpecial(v)) throw new Error(NAN_OR_INF);
  const ns = v * 1e9;
  if (ns >= 2 ** 63 || ns < -(2 ** 63)) throw new Error(`${sprintf('%v', [v])} cannot be represented as a duration since it overflows int64`);
  return new GoDuration(BigInt(Math.trunc(ns)), true);
}
