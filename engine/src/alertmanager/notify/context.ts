/**
 * What a notification pipeline run knows about the flush that started it (the values Alertmanager
 * carries in its context.Context), and the reasons the dedup stage gives for notifying.
 */
import type { Labels } from '../../labels/labels.js';

/** Why a notification is sent, as Alertmanager 0.33+ names it in the webhook's `notification_reason`. */
export type NotifyReason =
  | 'none'
  | 'first notification'
  | 'new alerts added'
  | 'some alerts resolved'
  | 'all alerts resolved'
  | 'repeat interval elapsed'
  | 'unknown';

export interface NotifyContext {
  /** When the group's timer fired: the time every stage judges by. */
  readonly now: number;
  readonly groupKey: string;
  readonly groupLabels: Labels;
  /** The receiver's name. */
  readonly receiver: string;
  readonly repeatInterval: number;
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
  /** Aborted when the flush's deadline passes or the dispatcher stops: retries end and requests are cancelled. */
  readonly signal: AbortSignal;
  /** Set by the dedup stage: the notification-log hashes of the firing and resolved alerts. */
  readonly firingAlerts?: readonly string[];
  readonly resolvedAlerts?: readonly string[];
  readonly notificationReason?: NotifyReason;
}
