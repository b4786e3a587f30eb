/** Sample values and timestamps written as text, as Prometheus's HTTP API reads and writes them. */

const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;
const UNIX_SECONDS = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** A decimal float, `Inf`/`+Inf`/`-Inf` or `NaN` in any case (Go's ParseFloat without hexadecimal); undefined otherwise. */
export function parseSampleValue(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text);
  const special = SPECIAL.exec(text);
  if (!special) return undefined;
  if (special[2]!.toLowerCase() === 'nan') return NaN;
  return special[1] === '-' ? -Infinity : Infinity;
}

/** Unix seconds (decimals allowed, rounded to the millisecond) or an RFC 3339 date, in ms; undefined otherwise. */
export function parseTimestamp(text: string): number | undefined {
  if (UNIX_SECONDS.test(text)) return Math.round(Number(text) * 1000);
  if (!RFC3339.test(text)) return undefined;
  const ms = Date.parse(text.toUpperCase());
  return Number.isNaN(ms) ? undefined : ms;
}

/** Milliseconds as Unix seconds for the API, e.g. `1704067200.5`. */
export function formatUnixSeconds(ms: number): string {
  return String(ms / 1000);
}

/** Milliseconds as an RFC 3339 UTC date, without fractional seconds when they are zero. */
export function formatRfc3339(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
