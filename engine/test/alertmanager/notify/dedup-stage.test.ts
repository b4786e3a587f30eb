import { describe, expect, it } from 'vitest';
import type { NotificationLogEntry, ReceiverRef } from '../../../src/alertmanager/model.js';
import { dedupStage, needsUpdate } from '../../../src/alertmanager/notify/dedup-stage.js';
import type { NotifyReason } from '../../../src/alertmanager/notify/context.js';
import { hashAlert } from '../../../src/alertmanager/nflog/hash-alert.js';
import { NotificationLog } from '../../../src/alertmanager/nflog/notification-log.js';
import { VirtualClock } from '../../../src/clock.js';
import { alert, context } from './fixtures.js';

const NOW = 100 * 60_000;
const MINUTE = 60_000;
const receiver: ReceiverRef = { groupName: 'team', integration: 'webhook', index: 0 };

function entry(firing: number[], resolved: number[] = [], timestamp = NOW): NotificationLogEntry {
  return { groupKey: 'g', receiver, timestamp, firingAlerts: firing.map(String), resolvedAlerts: resolved.map(String), expiresAt: timestamp + 60 * MINUTE };
}
const set = (...hashes: number[]) => new Set(hashes.map(String));

// The cases of Alertmanager's TestDedupStageNeedsUpdate, with the reason 0.34 gives.
const cases: { name: string; entry?: NotificationLogEntry; firing?: Set<string>; resolved?: Set<string>; repeat?: number; sendResolved?: boolean; reason: NotifyReason }[] = [
  { name: 'no entry, firing alerts', firing: set(2, 3, 4), reason: 'first notification' },
  { name: 'no entry, only resolved alerts', resolved: set(2, 3, 4), reason: 'none' },
  { name: 'different firing alerts', entry: entry([1, 2, 3]), firing: set(2, 3, 4), reason: 'new alerts added' },
  { name: 'zero timestamp', entry: entry([1, 2, 3], [], 0), firing: set(1, 2, 3), repeat: 10 * MINUTE, reason: 'repeat interval elapsed' },
  { name: 'same firing alerts before repeat_interval', entry: entry([1, 2, 3], [], NOW - 9 * MINUTE), firing: set(1, 2, 3), repeat: 10 * MINUTE, reason: 'none' },
  { name: 'same firing alerts after repeat_interval', entry: entry([1, 2, 3], [], NOW - 11 * MINUTE), firing: set(1, 2, 3), repeat: 10 * MINUTE, reason: 'repeat interval elapsed' },
  { name: 'same firing alerts exactly at repeat_interval', entry: entry([1, 2, 3], [], NOW - 10 * MINUTE), firing: set(1, 2, 3), repeat: 10 * MINUTE, reason: 'none' },
  { name: 'only resolved alerts after repeat_interval, nothing fired before', entry: entry([], [1, 2, 3], NOW - 11 * MINUTE), resolved: set(3, 4, 5), repeat: 10 * MINUTE, sendResolved: true, reason: 'none' },
  { name: 'new resolved alerts without send_resolved', entry: entry([1, 2], [3], NOW - 9 * MINUTE), firing: set(1), resolved: set(2, 3), repeat: 10 * MINUTE, sendResolved: false, reason: 'none' },
  { name: 'new resolved alerts with send_resolved', entry: entry([1, 2], [3], NOW - 9 * MINUTE), firing: set(1), resolved: set(2, 3), repeat: 10 * MINUTE, sendResolved: true, reason: 'some alerts resolved' },
  { name: 'all resolved without send_resolved', entry: entry([1, 2], [3], NOW - 9 * MINUTE), resolved: set(1, 2, 3), repeat: 10 * MINUTE, sendResolved: false, reason: 'all alerts resolved' },
  { name: 'all resolved with send_resolved', entry: entry([1, 2], [3], NOW - 9 * MINUTE), resolved: set(1, 2, 3), repeat: 10 * MINUTE, sendResolved: true, reason: 'all alerts resolved' },
  { name: 'firing again after a resolution', entry: entry([], [1], NOW - MINUTE), firing: set(1), repeat: 10 * MINUTE, reason: 'first notification' },
  { name: 'fewer firing alerts, nothing else new', entry: entry([1, 2], [], NOW - MINUTE), firing: set(1), resolved: set(2), repeat: 10 * MINUTE, sendResolved: false, reason: 'none' },
];

describe('needsUpdate', () => {
  it.each(cases)('$name → $reason', (c) => {
    expect(
      needsUpdate({
        entry: c.entry,
        firing: c.firing ?? new Set(),
        resolved: c.resolved ?? new Set(),
        repeatInterval: c.repeat ?? 0,
        sendResolved: c.sendResolved ?? false,
        now: NOW,
      }),
    ).toBe(c.reason);
  });
});

describe('dedupStage', () => {
  const clock = new VirtualClock(NOW);
  const firing = alert({ alertname: 'A' }, { startsAt: 1 });
  const resolved = alert({ alertname: 'B' }, { startsAt: 1, endsAt: NOW - 1 });

  it('passes a first notification and records hashes and reason in the context', async () => {
    const log = new NotificationLog({ clock });
    const { ctx, alerts } = await dedupStage({ nflog: log, receiver, sendResolved: true }).exec(context({ now: NOW, groupKey: 'g' }), [firing, resolved]);
    expect(alerts).toEqual([firing, resolved]);
    expect(ctx.firingAlerts).toEqual([hashAlert(firing.labels)]);
    expect(ctx.resolvedAlerts).toEqual([hashAlert(resolved.labels)]);
    expect(ctx.notificationReason).toBe('first notification');
  });

  it('drops the batch when the log says it was already sent', async () => {
    const log = new NotificationLog({ clock });
    log.log(receiver, 'g', [hashAlert(firing.labels)], [hashAlert(resolved.labels)], 0);
    const { ctx, alerts } = await dedupStage({ nflog: log, receiver, sendResolved: true }).exec(context({ now: NOW, groupKey: 'g' }), [firing, resolved]);
    expect(alerts).toEqual([]);
    expect(ctx.notificationReason).toBe('none');
  });

  it('queries the log for its own integration and group', async () => {
    const log = new NotificationLog({ clock });
    log.log({ ...receiver, index: 1 }, 'g', [hashAlert(firing.labels)], [], 0);
    log.log(receiver, 'other', [hashAlert(firing.labels)], [], 0);
    const { alerts } = await dedupStage({ nflog: log, receiver, sendResolved: true }).exec(context({ now: NOW, groupKey: 'g' }), [firing]);
    expect(alerts).toEqual([firing]);
  });

  it('judges resolution at the flush time of the context', async () => {
    const log = new NotificationLog({ clock });
    const later = alert({ alertname: 'C' }, { endsAt: NOW + 5 });
    const { ctx } = await dedupStage({ nflog: log, receiver, sendResolved: true, hash: (a) => a.labels.get('alertname') }).exec(context({ now: NOW + 5 }), [later]);
    expect(ctx.resolvedAlerts).toEqual(['C']);
    expect(ctx.firingAlerts).toEqual([]);
  });
});
