/**
 * An alert as GET /api/v2/alerts and /alerts/groups print it (gettableAlert): fields in
 * upstream's order, maps with sorted keys, times as RFC 3339 with milliseconds, `generatorURL`
 * left out when empty. `status.mutedBy` is 0.34's addition (0.25 clients ignore it); a muted
 * alert shows as suppressed.
 */
import { compareGoStrings } from '../../text/utf8.js';
import type { AlertStatus, Annotations, StoredAlert } from '../model.js';
import { formatApiTime } from './api-time.js';

export interface GettableAlert {
  annotations: Record<string, string>;
  endsAt: string;
  fingerprint: string;
  receivers: { name: string }[];
  startsAt: string;
  status: { inhibitedBy: string[]; mutedBy: string[]; silencedBy: string[]; state: AlertStatus['state'] };
  updatedAt: string;
  generatorURL?: string;
  labels: Record<string, string>;
}

/** `mutedBy` overrides the status's: the time intervals muting the group the alert is shown in. */
export function formatGettableAlert(
  alert: StoredAlert,
  status: AlertStatus,
  receivers: readonly string[],
  mutedBy: readonly string[] = status.mutedBy,
): GettableAlert {
  const gettable: GettableAlert = {
    annotations: sortedRecord(Object.entries(alert.annotations as Annotations)),
    endsAt: formatApiTime(alert.endsAt),
    fingerprint: alert.fingerprint,
    receivers: receivers.map((name) => ({ name })),
    startsAt: formatApiTime(alert.startsAt),
    status: {
      inhibitedBy: [...status.inhibitedBy],
      mutedBy: [...mutedBy],
      silencedBy: [...status.silencedBy],
      state: mutedBy.length > 0 ? 'suppressed' : status.state,
    },
    updatedAt: formatApiTime(alert.updatedAt),
    // Not Labels.toObject(), which loses a label named __proto__ (a valid name).
    labels: Object.fromEntries(alert.labels),
  };
  if (alert.generatorURL !== '') {
    const { labels, ...rest } = gettable;
    return { ...rest, generatorURL: alert.generatorURL, labels };
  }
  return gettable;
}

function sortedRecord(entries: [string, string][]): Record<string, string> {
  return Object.fromEntries(entries.sort(([a], [b]) => compareGoStrings(a, b)));
}
