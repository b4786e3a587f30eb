/**
 * Go's time.Time (always in UTC here) and time.Duration as template values: their String()
 * forms, Time.Format with Go's reference layout, and the methods templates commonly call.
 */
import { GoFunc, GoStruct, STRING } from './go-values.js';

const NS_PER_SECOND = 1_000_000_000n;
const EMPTY_FIELDS: ReadonlyMap<string, unknown> = new Map();

export class GoTime extends GoStruct {
  /** Nanoseconds since the Unix epoch. */
  readonly ns: bigint;

  constructor(ns: bigint, pointer = false) {
    super('time.Time', EMPTY_FIELDS, {
      pointer,
      methods: timeMethods(ns),
      stringer: () => formatGoTime(ns, '2006-01-02 15:04:05.999999999 -0700 MST'),
    });
    this.ns = ns;
  }

  override withPointer(pointer: boolean): GoStruct {
    return new GoTime(this.ns, pointer);
  }
}

export class GoDuration extends GoStruct {
  /** Nanoseconds, as Go's int64 time.Duration. */
  readonly ns: bigint;

  constructor(ns: bigint, pointer = false) {
    super('time.Duration', EMPTY_FIELDS, {
      pointer,
      methods: durationMethods(ns),
      stringer: () => formatGoDuration(ns),
    });
    this.ns = ns;
  }

  override withPointer(pointer: boolean): GoStruct {
    return new GoDuration(this.ns, pointer);
  }
}

export function timeFromDate(d: Date): GoTime {
  return new GoTime(BigInt(d.getTime()) * 1_000_000n);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function timeMethods(ns: bigint): Record<string, GoFunc> {
  const seconds = floorDiv(ns, NS_PER_SECOND);
  const date = new Date(Number(seconds) * 1000);
  const nanos = Number(ns - seconds * NS_PER_SECOND);
  const num = (f: () => bigint | number) => new GoFunc([], () => BigInt(f()), { typeName: 'func() int' });
  return {
    Unix: num(() => seconds),
    UnixMilli: num(() => floorDiv(ns, 1_000_000n)),
    UnixMicro: num(() => floorDiv(ns, 1_000n)),
    UnixNano: num(() => ns),
    Year: num(() => date.getUTCFullYear()),
    Day: num(() => date.getUTCDate()),
    Hour: num(() => date.getUTCHours()),
    Minute: num(() => date.getUTCMinutes()),
    Second: num(() => date.getUTCSeconds()),
    Nanosecond: num(() => nanos),
    YearDay: num(() => dayOfYear(date)),
    IsZero: new GoFunc([], () => ns === GO_ZERO_TIME_NS, { typeName: 'func() bool' }),
    UTC: new GoFunc([], () => new GoTime(ns), { typeName: 'func() time.Time' }),
    Local: new GoFunc([], () => new GoTime(ns), { typeName: 'func() time.Time' }),
    String: new GoFunc([], () => formatGoTime(ns, '2006-01-02 15:04:05.999999999 -0700 MST'), { typeName: 'func() string' }),
    Format: new GoFunc([STRING], ([layout]) => formatGoTime(ns, layout as string), { typeName: 'func(string) string' }),
  };
}

/** Go's zero time, January 1, year 1, 00:00:00 UTC, in nanoseconds since the Unix epoch. */
const GO_ZERO_TIME_NS = -62135596800n * NS_PER_SECOND;

function durationMethods(ns: bigint): Record<string, GoFunc> {
  const float = (unit: number) => new GoFunc([], () => Number(ns) / unit, { typeName: 'func() float64' });
  return {
    Seconds: float(1e9),
    Minutes: float(60e9),
    Hours: float(3600e9),
    Milliseconds: new GoFunc([], () => ns / 1_000_000n, { typeName: 'func() int64' }),
    Nanoseconds: new GoFunc([], () => ns, { typeName: 'func() int64' }),
    String: new GoFunc([], () => formatGoDuration(ns), { typeName: 'func() string' }),
  };
}

function dayOfYear(d: Date): number {
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.floor((d.getTime() - start) / 86_400_000) + 1;
}

/** time.Duration.String: `1h2m3.5s`, `1.5µs`, `0s`. */
export function formatGoDuration(ns: bigint): string {
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < NS_PER_SECOND) {
    if (u === 0n) return '0s';
    let unit: string;
    let prec: number;
    if (u < 1000n) [unit, prec] = ['ns', 0];
    else if (u < 1_000_000n) [unit, prec] = ['µs', 3];
    else [unit, prec] = ['ms', 6];
    const { whole, fraction } = splitFraction(u, prec);
    out = `${whole}${fraction}${unit}`;
  } else {
    const { whole, fraction } = splitFraction(u, 9);
    u = whole;
    out = `${u % 60n}${fraction}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? '-' + out : out;
}

/** `v / 10^prec` as a whole part and a `.ddd` fraction without trailing zeros. */
function splitFraction(v: bigint, prec: number): { whole: bigint; fraction: string } {
  const scale = 10n ** BigInt(prec);
  const digits = (v % scale).toString().padStart(prec, '0').replace(/0+$/, '');
  return { whole: v / scale, fraction: digits === '' ? '' : '.' + digits };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Layout elements of Go's reference time, longest first where one is a prefix of another. */
const LAYOUT_TOKENS = [
  'January', 'Jan', 'Monday', 'Mon', 'MST',
  '2006', '002', '01', '02', '03', '04', '05', '06',
  '15', '1', '_2', '__2', '2', '3', '4', '5', 'PM', 'pm',
  '-07:00:00', '-070000', '-07:00', '-0700', '-07',
  'Z07:00:00', 'Z070000', 'Z07:00', 'Z0700', 'Z07',
];

/** time.Time.Format in UTC. */
export function formatGoTime(ns: bigint, layout: string): string {
  const seconds = floorDiv(ns, NS_PER_SECOND);
  const nanos = Number(ns - seconds * NS_PER_SECOND);
  const d = new Date(Number(seconds) * 1000);
  const year = d.getUTCFullYear();
  const hour = d.getUTCHours();
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const fraction = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (fraction) {
      out += formatFraction(nanos, fraction[0]!);
      i += fraction[0]!.length;
      continue;
    }
    const token = matchToken(layout, i);
    if (token === undefined) {
      out += layout[i];
      i++;
      continue;
    }
    i += token.length;
    switch (token) {
      case 'January': out += MONTHS[d.getUTCMonth()]; break;
      case 'Jan': out += MONTHS[d.getUTCMonth()]!.slice(0, 3); break;
      case 'Monday': out += DAYS[d.getUTCDay()]; break;
      case 'Mon': out += DAYS[d.getUTCDay()]!.slice(0, 3); break;
      case 'MST': out += 'UTC'; break;
      case '2006': out += year < 0 ? '-' + pad(-year, 4) : pad(year, 4); break;
      case '06': out += pad(((year % 100) + 100) % 100, 2); break;
      case '01': out += pad(d.getUTCMonth() + 1, 2); break;
      case '1': out += String(d.getUTCMonth() + 1); break;
      case '02': out += pad(d.getUTCDate(), 2); break;
      case '_2': out += String(d.getUTCDate()).padStart(2, ' '); break;
      case '2': out += String(d.getUTCDate()); break;
      case '002': out += pad(dayOfYear(d), 3); break;
      case '__2': out += String(dayOfYear(d)).padStart(3, ' '); break;
      case '15': out += pad(hour, 2); break;
      case '03': out += pad(hour % 12 === 0 ? 12 : hour % 12, 2); break;
      case '3': out += String(hour % 12 === 0 ? 12 : hour % 12); break;
      case '04': out += pad(d.getUTCMinutes(), 2); break;
      case '4': out += String(d.getUTCMinutes()); break;
      case '05': out += pad(d.getUTCSeconds(), 2); break;
      case '5': out += String(d.getUTCSeconds()); break;
      case 'PM': out += hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += hour >= 12 ? 'pm' : 'am'; break;
      default:
        out += token.startsWith('Z') ? 'Z' : utcOffset(token);
    }
  }
  return out;
}

function matchToken(layout: string, i: number): string | undefined {
  const rest = layout.slice(i);
  // "Jan" inside "January" and "Mon" inside "Monday" are handled by order; "_2006" is "_" then a year.
  if (rest.startsWith('_2006')) return undefined;
  return LAYOUT_TOKENS.find((t) => rest.startsWith(t));
}

/** A zero UTC offset in the shape of the layout element (`-0700` → `+0000`). */
function utcOffset(token: string): string {
  return '+' + token.slice(1).replace(/[0-9]/g, '0');
}

/** `.000` keeps every digit; `.999` drops trailing zeros and the point when nothing is left. */
function formatFraction(nanos: number, element: string): string {
  const digits = element.length - 1;
  const text = String(nanos).padStart(9, '0').slice(0, digits);
  if (element[1] === '0') return element[0] + text;
  const trimmed = text.replace(/0+$/, '');
  return trimmed === '' ? '' : element[0] + trimmed;
}
