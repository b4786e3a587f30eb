/**
 * The filters of GET /api/v2/alerts and /api/v2/alerts/groups, as pure functions the server
 * calls: `active`, `silenced`, `inhibited`, `unprocessed` (alerts) and `muted` (groups) booleans,
 * `filter` label matchers, and the `receiver` regex. Alerts that ended before now are never
 * listed. /alerts is sorted by fingerprint.
 *
 * Upstream accepts `unprocessed` but ignores it; here `unprocessed=false` drops alerts whose
 * status is unprocessed, which changes nothing when statuses are computed at query time.
 */
import { RE2JS } from 're2js';
import type { Matcher } from '../../labels/matcher.js';
import type { AlertStatus, StoredAlert } from '../model.js';
import { ApiRequestError } from './api-errors.js';

export interface AlertsFilter {
  active: boolean;
  silenced: boolean;
  inhibited: boolean;
  unprocessed: boolean;
  /** The `filter` query parameters, parsed; every one must match. */
  matchers: readonly Matcher[];
}

export const DEFAULT_ALERTS_FILTER: AlertsFilter = { active: true, silenced: true, inhibited: true, unprocessed: true, matchers: [] };

const TRUE_WORDS = new Set(['true', '1', 'yes', 'ok', 'y', 'on', 'selected', 'checked', 't', 'enabled']);

/** A boolean query parameter as go-openapi reads it: absent or empty is the default, and every word it does not know is false. */
export function parseApiBool(raw: string | null | undefined, fallback = true): boolean {
  if (raw === null || raw === undefined || raw === '') return fallback;
  return TRUE_WORDS.has(raw.toLowerCase());
}

/** The `receiver` parameter: a regex anchored as `^(?:re)$`. */
export class ReceiverFilter {
  private constructor(private readonly re: RE2JS) {}

  /** Throws ApiRequestError (400) with upstream's message when the regex does not compile. */
  static compile(pattern: string): ReceiverFilter {
    try {
      return new ReceiverFilter(RE2JS.compile(`^(?:${pattern})$`));
    } catch (e) {
      throw new ApiRequestError(400, `failed to parse receiver param: ${(e as Error).message}`);
    }
  }

  matches(receiver: string): boolean {
    return this.re.matches(receiver);
  }

  matchesAny(receivers: readonly string[]): boolean {
    return receivers.some((r) => this.re.matches(r));
  }
}

/** Whether an alert's labels satisfy every matcher; a missing label reads as the empty string. */
export function matchesAll(matchers: readonly Matcher[], labels: StoredAlert['labels']): boolean {
  return matchers.every((m) => m.matches(labels.get(m.name)));
}

/**
 * The per-alert test shared by /alerts and /alerts/groups. `statusOf` is asked only for alerts
 * that are still active and match the label filter.
 */
export function alertFilter(filter: AlertsFilter, now: number, statusOf: (alert: StoredAlert) => AlertStatus): (alert: StoredAlert) => boolean {
  return (alert) => {
    if (alert.endsAt !== 0 && alert.endsAt < now) return false;
    if (!matchesAll(filter.matchers, alert.labels)) return false;
    const status = statusOf(alert);
    if (!filter.active && status.state === 'active') return false;
    if (!filter.unprocessed && status.state === 'unprocessed') return false;
    if (!filter.silenced && status.silencedBy.length > 0) return false;
    if (!filter.inhibited && status.inhibitedBy.length > 0) return false;
    return true;
  };
}

export interface AlertView {
  alert: StoredAlert;
  status: AlertStatus;
  receivers: string[];
}

export interface SelectAlertsOptions {
  filter: AlertsFilter;
  receiver?: ReceiverFilter;
  now: number;
  /** The receivers the routing tree gives the alert's labels, in route order. */
  receiversOf: (alert: StoredAlert) => string[];
  statusOf: (alert: StoredAlert) => AlertStatus;
}

/** GET /api/v2/alerts: the alerts that pass, with status and receivers, by fingerprint. */
export function selectAlerts(alerts: Iterable<StoredAlert>, options: SelectAlertsOptions): AlertView[] {
  const statuses = new Map<string, AlertStatus>();
  const statusOf = (alert: StoredAlert) => {
    const status = options.statusOf(alert);
    statuses.set(alert.fingerprint, status);
    return status;
  };
  const passes = alertFilter(options.filter, options.now, statusOf);
  const views: AlertView[] = [];
  for (const alert of alerts) {
    const receivers = options.receiversOf(alert);
    if (options.receiver && !options.receiver.matchesAny(receivers)) continue;
    if (!passes(alert)) continue;
    views.push({ alert, status: statuses.get(alert.fingerprint)!, receivers });
  }
  return views.sort((a, b) => (a.alert.fingerprint < b.alert.fingerprint ? -1 : a.alert.fingerprint > b.alert.fingerprint ? 1 : 0));
}

/** The `muted` parameter of /alerts/groups: `false` drops groups that time intervals mute. */
export function keepGroup(muted: boolean, groupMutedBy: readonly string[]): boolean {
  return muted || groupMutedBy.length === 0;
}
