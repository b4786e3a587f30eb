/**
 * How a re-sent alert combines with the stored one of the same fingerprint (Alertmanager's
 * provider/mem Put and types.Alert.Merge): only when their activity ranges overlap; otherwise
 * the new one replaces the old (a re-activation).
 */
import type { Alert } from '../model.js';
import { isResolvedAt } from '../notify/alert-status.js';

/** Whether `incoming` starts or ends strictly inside the stored alert's range. */
export function overlaps(stored: Alert, incoming: Alert): boolean {
  return (
    (incoming.endsAt > stored.startsAt && incoming.endsAt < stored.endsAt) ||
    (incoming.startsAt > stored.startsAt && incoming.startsAt < stored.endsAt)
  );
}

/**
 * Merges two versions of one alert. The more recently received one (by updatedAt; `b` on a tie)
 * supplies labels, annotations and the rest; the earliest start wins; of two resolved versions
 * the later end wins; for a firing result an older explicit end wins over a later-arriving one
 * only if it is later and not a timeout.
 */
export function mergeAlerts<T extends Alert>(a: T, b: T, now: number): T {
  const [older, younger] = b.updatedAt < a.updatedAt ? [b, a] : [a, b];
  const merged = { ...younger };
  if (older.startsAt < younger.startsAt) merged.startsAt = older.startsAt;
  if (isResolvedAt(younger, now)) {
    if (isResolvedAt(older, now) && older.endsAt > younger.endsAt) merged.endsAt = older.endsAt;
  } else if (older.endsAt > younger.endsAt && !older.timeout) {
    merged.endsAt = older.endsAt;
  }
  return merged;
}
