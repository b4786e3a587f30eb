/** Alertmanager's Alert.ResolvedAt: an alert is resolved once its end time is set and has come. */
import type { Alert } from '../model.js';

export function isResolvedAt(alert: Pick<Alert, 'endsAt'>, at: number): boolean {
  return alert.endsAt !== 0 && alert.endsAt <= at;
}
