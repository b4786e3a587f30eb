import { describe, expect, it } from 'vitest';
import { NotificationLog } from '../../../src/alertmanager/nflog/notification-log.js';
import { muteStage } from '../../../src/alertmanager/notify/mute-stage.js';
import { setNotifiesStage } from '../../../src/alertmanager/notify/set-notifies-stage.js';
import { fanoutStage, MultiError, multiStage, routingStage, type Stage } from '../../../src/alertmanager/notify/stage.js';
import { timeActiveStage, timeMuteStage } from '../../../src/alertmanager/notify/time-stages.js';
import { VirtualClock } from '../../../src/clock.js';
import { alert, context } from './fixtures.js';

const a = alert({ alertname: 'A', mute: 'me' });
const b = alert({ alertname: 'B' });

describe('muteStage', () => {
  it('drops muted alerts, firing and resolved alike', async () => {
    const resolved = alert({ alertname: 'C', mute: 'me' }, { endsAt: 1 });
    const stage = muteStage({ mutes: (labels) => labels.get('mute') === 'me' });
    expect((await stage.exec(context(), [a, b, resolved])).alerts).toEqual([b]);
  });
});

describe('time stages', () => {
  // Business hours: the named interval "office" covers [100, 200).
  const inIntervals = (names: readonly string[], at: number) => {
    for (const name of names) if (name !== 'office' && name !== 'never') throw new Error(`time interval ${name} doesn't exist in config`);
    return names.includes('office') && at >= 100 && at < 200;
  };

  it.each([
    { now: 150, mute: ['office'], passes: false },
    { now: 250, mute: ['office'], passes: true },
    { now: 150, mute: ['never', 'office'], passes: false },
    { now: 150, mute: [], passes: true },
  ])('mute $mute at $now passes: $passes', async ({ now, mute, passes }) => {
    const { alerts } = await timeMuteStage(inIntervals).exec(context({ now, muteTimeIntervals: mute }), [a, b]);
    expect(alerts).toEqual(passes ? [a, b] : []);
  });

  it.each([
    { now: 150, active: ['office'], passes: true },
    { now: 250, active: ['office'], passes: false },
    { now: 250, active: ['never'], passes: false },
    { now: 250, active: [], passes: true },
  ])('active $active at $now passes: $passes', async ({ now, active, passes }) => {
    const { alerts } = await timeActiveStage(inIntervals).exec(context({ now, activeTimeIntervals: active }), [a, b]);
    expect(alerts).toEqual(passes ? [a, b] : []);
  });

  it('fails for an interval the config lacks', async () => {
    await expect(timeMuteStage(inIntervals).exec(context({ muteTimeIntervals: ['lunch'] }), [a])).rejects.toThrow("time interval lunch doesn't exist in config");
  });
});

describe('setNotifiesStage', () => {
  it('logs the hashes the dedup stage found, expiring after twice the repeat interval', async () => {
    const clock = new VirtualClock(5000);
    const log = new NotificationLog({ clock });
    const receiver = { groupName: 'test', integration: 'webhook', index: 0 };
    const stage = setNotifiesStage(log, receiver);
    await expect(stage.exec(context({ groupKey: '1' }), [a])).rejects.toThrow('firing alerts missing');
    await expect(stage.exec(context({ groupKey: '1', firingAlerts: ['0'] }), [a])).rejects.toThrow('resolved alerts missing');
    const result = await stage.exec(context({ groupKey: '1', firingAlerts: ['0', '1', '2'], resolvedAlerts: [], repeatInterval: 3_600_000 }), [a, b]);
    expect(result.alerts).toEqual([a, b]);
    expect(log.query('1', receiver)).toEqual({
      groupKey: '1', receiver, timestamp: 5000, firingAlerts: ['0', '1', '2'], resolvedAlerts: [], expiresAt: 5000 + 7_200_000,
    });
  });
});

describe('composite stages', () => {
  const recorder = (name: string, seen: string[], keep = true): Stage => ({
    async exec(ctx, alerts) {
      seen.push(name);
      return { ctx, alerts: keep ? alerts : [] };
    },
  });
  const failing = (message: string): Stage => ({ exec: () => Promise.reject(new Error(message)) });

  it('multiStage runs in order and stops once no alerts are left', async () => {
    const seen: string[] = [];
    const result = await multiStage([recorder('1', seen), recorder('2', seen, false), recorder('3', seen)]).exec(context(), [a]);
    expect(seen).toEqual(['1', '2']);
    expect(result.alerts).toEqual([]);
    await expect(multiStage([failing('boom'), recorder('4', seen)]).exec(context(), [a])).rejects.toThrow('boom');
    expect(seen).toEqual(['1', '2']);
  });

  it('fanoutStage runs every stage and reports all failures together', async () => {
    const seen: string[] = [];
    const ok = await fanoutStage([recorder('1', seen, false), recorder('2', seen)]).exec(context(), [a]);
    expect(ok.alerts).toEqual([a]);
    expect(seen.sort()).toEqual(['1', '2']);
    const failure = fanoutStage([failing('x'), recorder('3', seen), failing('y')]).exec(context(), [a]);
    await expect(failure).rejects.toThrow(MultiError);
    await expect(failure).rejects.toThrow('x; y');
    expect(seen).toContain('3');
  });

  it('routingStage runs the pipeline of the context receiver', async () => {
    const seen: string[] = [];
    const stage = routingStage(new Map([['team', recorder('team', seen)], ['ops', recorder('ops', seen)]]));
    await stage.exec(context({ receiver: 'ops' }), [a]);
    expect(seen).toEqual(['ops']);
    await expect(stage.exec(context({ receiver: 'nobody' }), [a])).rejects.toThrow('stage for receiver missing');
  });
});
