/** A duration in words: `1h30m` → `1 hour 30 minutes (5400 seconds)`. */
import { tryParseDuration } from '../../promql/duration.js';

const UNITS: [string, number][] = [
  ['year', 365 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
  ['millisecond', 1],
];

export function describeDuration(text: string): string | undefined {
  const parsed = tryParseDuration(text);
  if (parsed.error !== undefined) return undefined;
  let rest = parsed.ms;
  const parts: string[] = [];
  for (const [unit, ms] of UNITS) {
    const count = Math.floor(rest / ms);
    if (count === 0) continue;
    parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
    rest -= count * ms;
  }
  if (parts.length === 0) return `\`${text}\`: no time at all`;
  const seconds = parsed.ms / 1000;
  return `\`${text}\`: ${parts.join(' ')}${parsed.ms >= 60_000 ? ` (${seconds} seconds)` : ''}`;
}
