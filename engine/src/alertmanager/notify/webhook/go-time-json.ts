/** A time as Go's time.Time marshals to JSON (RFC 3339 with trailing zeros of the fraction cut), in UTC. */
import { formatGoTime } from '../../../template/go-time.js';

const RFC3339_NANO = '2006-01-02T15:04:05.999999999Z07:00';

/** 0 stands for Go's zero time. */
export function goTimeJson(ms: number): string {
  if (ms === 0) return '0001-01-01T00:00:00Z';
  return formatGoTime(BigInt(ms) * 1_000_000n, RFC3339_NANO);
}
