/**
 * The notifications part of `klaxon simulate`'s readable output: a table of the notifications the
 * alert manager would have sent, and a count per receiver for the summary.
 */
import { integrationName } from '../alertmanager/notify/integration.js';
import type { NotificationSimulationResult } from '../simulate/notification-simulation.js';
import { alignColumns } from './text-table.js';

/** The "Notifications" section: a heading, one row a notification, and refused alerts. */
export function notificationLines(result: NotificationSimulationResult, at: (ms: number) => string): string[] {
  const lines = ['Notifications the alert manager would send (recorded, none sent):'];
  const rows = [['TIME', 'RECEIVER', 'INTEGRATION', 'FIRING', 'RESOLVED', 'GROUP', 'REASON']];
  for (const n of result.notifications) {
    rows.push([at(n.atMs), n.receiver, integrationName({ type: n.integration, index: n.index }), String(n.firing.length), String(n.resolved.length), n.groupLabels.toString(), n.reason]);
  }
  if (rows.length === 1) lines.push('(no notification would go out)');
  else lines.push(...alignColumns(rows));
  if (result.rejected.length > 0) {
    const first = result.rejected[0]!;
    lines.push(`warning: the alert manager refused ${result.rejected.length} alert(s), the first at ${at(first.atMs)}: ${first.message}`);
  }
  return lines;
}

/** One summary line per receiver of the configuration, in its order. */
export function receiverSummaryLines(result: NotificationSimulationResult): string[] {
  const counts = new Map(result.receivers.map((receiver) => [receiver, 0]));
  for (const n of result.notifications) counts.set(n.receiver, (counts.get(n.receiver) ?? 0) + 1);
  return [...counts].map(([receiver, count]) => `receiver ${receiver}: ${count === 0 ? 'no notifications' : `${count} notification(s)`}`);
}
