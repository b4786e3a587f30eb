/**
 * Deduplication against the notification log: a batch passes only when it tells the integration
 * something new, or when the repeat interval has elapsed (Alertmanager's DedupStage).
 */
import type { NotificationLogEntry, ReceiverRef, StoredAlert } from '../model.js';
import type { NotificationLogReader } from '../nflog/notification-log.js';
import { hashAlert } from '../nflog/hash-alert.js';
import { isResolvedAt } from './alert-status.js';
import type { NotifyReason } from './context.js';
import type { Stage } from './stage.js';

export interface DedupDecisionInput {
  /** The last notification for this group and integration, if any. */
  entry: NotificationLogEntry | undefined;
  firing: ReadonlySet<string>;
  resolved: ReadonlySet<string>;
  repeatInterval: number;
  sendResolved: boolean;
  now: number;
}

/** Why the batch must be sent, or `none`. */
export function needsUpdate({ entry, firing, resolved, repeatInterval, sendResolved, now }: DedupDecisionInput): NotifyReason {
  if (!entry) return firing.size > 0 ? 'first notification' : 'none';
  if (!isSubset(firing, entry.firingAlerts)) {
    // After a notification that resolved everything, new firing alerts start the group afresh.
    return entry.firingAlerts.length === 0 ? 'first notification' : 'new alerts added';
  }
  // Sent whatever send_resolved says, so that the log forgets the firing alerts; alerts that fired
  // and resolved between two flushes were never notified and need no resolution.
  if (firing.size === 0) return entry.firingAlerts.length > 0 ? 'all alerts resolved' : 'none';
  if (sendResolved && !isSubset(resolved, entry.resolvedAlerts)) return 'some alerts resolved';
  return entry.timestamp < now - repeatInterval ? 'repeat interval elapsed' : 'none';
}

function isSubset(subset: ReadonlySet<string>, of: readonly string[]): boolean {
  const set = new Set(of);
  for (const hash of subset) if (!set.has(hash)) return false;
  return true;
}

export interface DedupStageOptions {
  nflog: NotificationLogReader;
  receiver: ReceiverRef;
  sendResolved: boolean;
  /** The alert identity in the log; Alertmanager's hashAlert unless a test says otherwise. */
  hash?: (alert: StoredAlert) => string;
}

export function dedupStage({ nflog, receiver, sendResolved, hash = (a) => hashAlert(a.labels) }: DedupStageOptions): Stage {
  return {
    async exec(ctx, alerts) {
      const firingAlerts: string[] = [];
      const resolvedAlerts: string[] = [];
      for (const alert of alerts) (isResolvedAt(alert, ctx.now) ? resolvedAlerts : firingAlerts).push(hash(alert));
      const reason = needsUpdate({
        entry: nflog.query(ctx.groupKey, receiver),
        firing: new Set(firingAlerts),
        resolved: new Set(resolvedAlerts),
        repeatInterval: ctx.repeatInterval,
        sendResolved,
        now: ctx.now,
      });
      const next = { ...ctx, firingAlerts, resolvedAlerts, notificationReason: reason };
      return { ctx: next, alerts: reason === 'none' ? [] : alerts };
    },
  };
}
