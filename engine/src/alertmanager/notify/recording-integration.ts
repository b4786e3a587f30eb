/**
 * An integration that records what it would send instead of sending it: the last step of the
 * notification pipeline, for simulations. Every stage before it (inhibition, time intervals,
 * silences, deduplication, send_resolved, the notification log) runs as for a real send, and the
 * send always succeeds.
 */
import type { Labels } from '../../labels/labels.js';
import type { IntegrationConfig, IntegrationType } from '../config/types.js';
import type { StoredAlert } from '../model.js';
import { isResolvedAt } from './alert-status.js';
import type { NotifyContext, NotifyReason } from './context.js';
import type { Integration, NotifyOutcome } from './integration.js';

/** One notification an integration would have sent. */
export interface RecordedNotification {
  /** When the aggregation group flushed. */
  atMs: number;
  receiver: string;
  integration: IntegrationType;
  /** Position among the receiver's integrations of that type. */
  index: number;
  groupKey: string;
  groupLabels: Labels;
  /** The labels of the alerts sent as firing, and as resolved, in the order sent. */
  firing: Labels[];
  resolved: Labels[];
  reason: NotifyReason;
}

export class RecordingIntegration implements Integration {
  readonly type: IntegrationType;
  readonly index: number;
  readonly sendResolved: boolean;

  constructor(
    config: IntegrationConfig,
    private readonly record: (notification: RecordedNotification) => void,
  ) {
    this.type = config.type;
    this.index = config.index;
    this.sendResolved = config.sendResolved;
  }

  async notify(ctx: NotifyContext, alerts: readonly StoredAlert[]): Promise<NotifyOutcome> {
    const firing: Labels[] = [];
    const resolved: Labels[] = [];
    for (const alert of alerts) (isResolvedAt(alert, ctx.now) ? resolved : firing).push(alert.labels);
    this.record({
      atMs: ctx.now,
      receiver: ctx.receiver,
      integration: this.type,
      index: this.index,
      groupKey: ctx.groupKey,
      groupLabels: ctx.groupLabels,
      firing,
      resolved,
      reason: ctx.notificationReason ?? 'unknown',
    });
    return { retry: false };
  }
}
