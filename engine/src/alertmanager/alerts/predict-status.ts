/**
 * An alert's status computed at query time from the silences and inhibitions in force now, as
 * the API shows it, without touching the markers. Time-interval muting belongs to aggregation
 * groups and is added by whoever formats a group's alerts.
 */
import type { Labels } from '../../labels/labels.js';
import type { AlertStatus } from '../model.js';

export interface StatusSources {
  /** IDs of the active silences that silence the labels (the Silencer). */
  silencer?: { silencedBy(labels: Labels): string[] };
  /** Fingerprints of the alerts that inhibit the labels (the Inhibitor). */
  inhibitor?: { inhibitedBy(labels: Labels): string[] };
}

export function predictAlertStatus(labels: Labels, sources: StatusSources): AlertStatus {
  const inhibitedBy = sources.inhibitor?.inhibitedBy(labels) ?? [];
  const silencedBy = sources.silencer?.silencedBy(labels) ?? [];
  const state = silencedBy.length > 0 || inhibitedBy.length > 0 ? 'suppressed' : 'active';
  return { state, silencedBy, inhibitedBy, mutedBy: [] };
}
