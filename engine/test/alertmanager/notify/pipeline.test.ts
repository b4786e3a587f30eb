import { describe, expect, it } from 'vitest';
import { NotificationLog } from '../../../src/alertmanager/nflog/notification-log.js';
import { hashAlert } from '../../../src/alertmanager/nflog/hash-alert.js';
import { buildPipeline } from '../../../src/alertmanager/notify/pipeline.js';
import { VirtualClock } from '../../../src/clock.js';
import { alert, context, ScriptedIntegration } from './fixtures.js';

const NOW = 1_000_000;

function setup(outcomes: ConstructorParameters<typeof ScriptedIntegration>[0] = []) {
  const clock = new VirtualClock(NOW);
  const nflog = new NotificationLog({ clock });
  const first = new ScriptedIntegration(outcomes, true, 0);
  const second = new ScriptedIntegration([], false, 1);
  const pipeline = buildPipeline({
    receivers: new Map([['team', [first, second]]]),
    inhibitor: { mutes: (labels) => labels.get('inhibited') === 'yes' },
    silencer: { mutes: (labels) => labels.get('silenced') === 'yes' },
    inTimeIntervals: (names, at) => names.includes('always') && at >= 0,
    nflog,
    clock,
  });
  return { nflog, first, second, pipeline };
}

const firing = alert({ alertname: 'Firing' });
const resolved = alert({ alertname: 'Resolved' }, { endsAt: NOW - 1 });
const inhibited = alert({ alertname: 'Inhibited', inhibited: 'yes' });
const silenced = alert({ alertname: 'Silenced', silenced: 'yes' });
const receiverRef = (index: number) => ({ groupName: 'team', integration: 'webhook', index });

describe('buildPipeline', () => {
  it('mutes, then sends through every integration of the receiver and logs each', async () => {
    const { nflog, first, second, pipeline } = setup();
    await pipeline.exec(context({ now: NOW, groupKey: 'g' }), [firing, resolved, inhibited, silenced]);
    expect(first.calls.map((c) => c.alerts)).toEqual([[firing, resolved]]);
    expect(second.calls.map((c) => c.alerts)).toEqual([[firing]]);
    expect(first.calls[0]!.ctx.notificationReason).toBe('first notification');
    for (const index of [0, 1]) {
      expect(nflog.query('g', receiverRef(index))).toMatchObject({
        firingAlerts: [hashAlert(firing.labels)],
        resolvedAlerts: [hashAlert(resolved.labels)],
        expiresAt: NOW + 2 * 3_600_000,
      });
    }
  });

  it('does not send the same batch twice within the repeat interval', async () => {
    const { first, pipeline } = setup();
    await pipeline.exec(context({ now: NOW, groupKey: 'g' }), [firing]);
    await pipeline.exec(context({ now: NOW, groupKey: 'g' }), [firing]);
    expect(first.calls).toHaveLength(1);
  });

  it('sends nothing and logs nothing while the route is muted or inactive', async () => {
    const { nflog, first, pipeline } = setup();
    await pipeline.exec(context({ now: NOW, groupKey: 'g', muteTimeIntervals: ['always'] }), [firing]);
    await pipeline.exec(context({ now: NOW, groupKey: 'g', activeTimeIntervals: ['weekends'] }), [firing]);
    expect(first.calls).toEqual([]);
    expect(nflog.size).toBe(0);
  });

  it('fails when an integration fails, while the others still log', async () => {
    const { nflog, pipeline } = setup([{ retry: false, error: new Error('unexpected status code 400') }]);
    await expect(pipeline.exec(context({ now: NOW, groupKey: 'g' }), [firing])).rejects.toThrow(
      'team/webhook[0]: notify retry canceled due to unrecoverable error after 1 attempts: unexpected status code 400',
    );
    expect(nflog.query('g', receiverRef(0))).toBeUndefined();
    expect(nflog.query('g', receiverRef(1))).toBeDefined();
  });
});
