import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/alertmanager/dispatch/dispatcher.js';
import type { StoredAlert } from '../../../src/alertmanager/model.js';
import { NotificationLog } from '../../../src/alertmanager/nflog/notification-log.js';
import { buildPipeline } from '../../../src/alertmanager/notify/pipeline.js';
import type { Stage } from '../../../src/alertmanager/notify/stage.js';
import { VirtualClock } from '../../../src/clock.js';
import { Labels } from '../../../src/labels/labels.js';
import { alert, ScriptedIntegration, settle } from '../notify/fixtures.js';
import { FakeProvider, RecordingPipeline, route, routesBy } from './fixtures.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const T0 = 1_700_000_000_000;

const timing = { receiver: 'n1', groupBy: ['a', 'b'], groupWait: SECOND, groupInterval: 300, repeatInterval: HOUR };

function setup(opts: { current?: StoredAlert[]; pipeline?: (clock: VirtualClock) => Stage; groupInterval?: number } = {}) {
  const clock = new VirtualClock(T0);
  const provider = new FakeProvider(opts.current);
  const recorder = new RecordingPipeline(clock);
  const errors: string[] = [];
  const root = route('{}', { ...timing, groupInterval: opts.groupInterval ?? timing.groupInterval });
  const dispatcher = new Dispatcher({
    clock,
    alerts: provider,
    routes: routesBy([root, () => true]),
    pipeline: opts.pipeline?.(clock) ?? recorder,
    onError: (e, group) => errors.push(`${group.groupKey}: ${e.message}`),
  });
  /** Moves the clock to T0 + ms and lets the flushes it started finish. */
  const at = async (ms: number) => {
    clock.advanceTo(T0 + ms);
    await settle();
    await dispatcher.idle();
  };
  /** Moves the clock to T0 + ms without waiting for flushes to end. */
  const step = async (ms: number) => {
    clock.advanceTo(T0 + ms);
    await settle();
  };
  return { clock, provider, recorder, dispatcher, errors, at, step };
}

const a = (c: string, times: Partial<Pick<StoredAlert, 'startsAt' | 'endsAt' | 'updatedAt'>>) => alert({ alertname: c, a: 'v1', b: 'v2', c }, times);

describe('Dispatcher: aggregation group timing (TestAggrGroup)', () => {
  it('waits group_wait, then flushes every group_interval with firing alerts unended', async () => {
    const { provider, recorder, dispatcher, at } = setup();
    dispatcher.start();
    const a1 = a('v3', { startsAt: T0 + MINUTE, endsAt: T0 + HOUR, updatedAt: T0 });
    provider.post(a1);
    await at(999);
    expect(recorder.flushes).toEqual([]);
    await at(1000);
    expect(recorder.flushes).toHaveLength(1);
    expect(recorder.flushes[0]!.alerts).toEqual([{ ...a1, endsAt: 0 }]);
    expect(a1.endsAt).toBe(T0 + HOUR);

    const a3 = a('v5', { startsAt: T0 + MINUTE, endsAt: T0 + 5 * MINUTE, updatedAt: T0 });
    provider.post(a3);
    await at(1299);
    expect(recorder.flushes).toHaveLength(1);
    for (const t of [1300, 1600, 1900]) {
      await at(t);
      expect(recorder.flushes.at(-1)!.at).toBe(T0 + t);
      expect(recorder.names(recorder.flushes.length - 1)).toEqual(['v3', 'v5']);
    }
    expect(recorder.flushes).toHaveLength(4);
  });

  it('fills the context from the group and its route', async () => {
    const { provider, recorder, dispatcher, at } = setup();
    dispatcher.start();
    provider.post(a('v3', { startsAt: T0 }));
    await at(1000);
    const { ctx } = recorder.flushes[0]!;
    expect(ctx).toMatchObject({
      now: T0 + 1000,
      groupKey: '{}:{a="v1", b="v2"}',
      receiver: 'n1',
      repeatInterval: HOUR,
      muteTimeIntervals: [],
      activeTimeIntervals: [],
    });
    expect(ctx.groupLabels.equals(Labels.from({ a: 'v1', b: 'v2' }))).toBe(true);
  });

  it('flushes at once when an alert started longer than group_wait ago', async () => {
    const { provider, recorder, dispatcher, at } = setup();
    dispatcher.start();
    provider.post(a('v3', { startsAt: T0 + MINUTE }), a('v4', { startsAt: T0 - HOUR }));
    await at(0);
    expect(recorder.names(0)).toEqual(['v3', 'v4']);
  });

  it('removes resolved alerts after a successful flush and destroys the emptied group', async () => {
    const { provider, recorder, dispatcher, at } = setup();
    dispatcher.start();
    const a1 = a('v3', { startsAt: T0 - HOUR, endsAt: T0 + HOUR, updatedAt: T0 });
    const a2 = a('v4', { startsAt: T0 - HOUR, endsAt: T0 + HOUR, updatedAt: T0 });
    provider.post(a1, a2);
    await at(0);
    provider.post({ ...a1, endsAt: T0 + 100, updatedAt: T0 + 100 });
    await at(300);
    expect(recorder.names(1)).toEqual(['v3 (resolved)', 'v4']);
    expect(recorder.flushes[1]!.alerts[0]!.endsAt).toBe(T0 + 100);
    expect(dispatcher.groups().groups[0]!.alerts.map((x) => x.labels.get('c'))).toEqual(['v4']);

    provider.post({ ...a2, endsAt: T0 + 400, updatedAt: T0 + 400 });
    await at(600);
    expect(recorder.names(2)).toEqual(['v4 (resolved)']);
    expect(dispatcher.groupCount).toBe(0);
    await at(5000);
    expect(recorder.flushes).toHaveLength(3);

    provider.post(a('v6', { startsAt: T0 + 5000 }));
    expect(dispatcher.groupCount).toBe(1);
    await at(5999);
    expect(recorder.flushes).toHaveLength(3);
    await at(6000);
    expect(recorder.names(3)).toEqual(['v6']);
  });

  it('keeps a resolved alert that was updated during the flush', async () => {
    const { provider, recorder, dispatcher, at } = setup();
    dispatcher.start();
    const resolved = a('v3', { startsAt: T0 - HOUR, endsAt: T0 - 1, updatedAt: T0 });
    const other = a('v4', { startsAt: T0 - HOUR });
    recorder.during = () => provider.post({ ...resolved, endsAt: 0, updatedAt: T0 + 1 });
    provider.post(resolved, other);
    await at(0);
    expect(recorder.names(0)).toEqual(['v3 (resolved)', 'v4']);
    recorder.during = undefined;
    await at(300);
    expect(recorder.names(1)).toEqual(['v3', 'v4']);
  });

  it('keeps resolved alerts when notifying failed, and tries again at the next interval', async () => {
    const { provider, recorder, dispatcher, errors, at } = setup();
    dispatcher.start();
    provider.post(a('v3', { startsAt: T0 - HOUR, endsAt: T0 - 1 }));
    recorder.failing = true;
    await at(0);
    expect(errors).toEqual(['{}:{a="v1", b="v2"}: notify failed']);
    recorder.failing = false;
    await at(300);
    expect(recorder.names(1)).toEqual(['v3 (resolved)']);
    expect(dispatcher.groupCount).toBe(0);
  });

  it('sorts each batch as upstream does', async () => {
    const { provider, recorder, dispatcher, at } = setup();
    dispatcher.start();
    const make = (labels: Record<string, string>) => alert({ a: 'v1', b: 'v2', ...labels }, { startsAt: T0 - HOUR });
    provider.post(make({ alertname: 'z' }), make({ alertname: 'y', job: 'b' }), make({ alertname: 'x', job: 'a', instance: '2' }), make({ alertname: 'w', job: 'a', instance: '1' }));
    await at(0);
    expect(recorder.names(0)).toEqual(['w', 'x', 'y', 'z']);
  });

  it('cancels a flush that outlives its deadline of max(group_interval, 10s)', async () => {
    const { provider, dispatcher, errors, step } = setup({
      pipeline: () => ({
        exec: (ctx) =>
          new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error))),
      }),
    });
    dispatcher.start();
    provider.post(a('v3', { startsAt: T0 - HOUR }));
    await step(0);
    await step(9999);
    expect(errors).toEqual([]);
    await step(10_000);
    expect(errors).toEqual(['{}:{a="v1", b="v2"}: context deadline exceeded']);
  });
});

describe('Dispatcher: routing and groups', () => {
  it('puts an alert in one group per matching route and lists groups as the API does', async () => {
    const clock = new VirtualClock(T0);
    const provider = new FakeProvider();
    const recorder = new RecordingPipeline(clock);
    const byService = route('{}/{team="db"}', { receiver: 'db', groupBy: ['service'], groupWait: 0 }, 'db');
    const everything = route('{}/{}', { receiver: 'all', groupByAll: true, groupWait: 0 }, 'all');
    const dispatcher = new Dispatcher({
      clock,
      alerts: provider,
      routes: routesBy([byService, (l) => l.get('team') === 'db'], [everything, () => true]),
      pipeline: recorder,
    });
    dispatcher.start();
    const x = alert({ alertname: 'X', team: 'db', service: 's1' }, { startsAt: T0 });
    const y = alert({ alertname: 'Y', team: 'db', service: 's1' }, { startsAt: T0 });
    const z = alert({ alertname: 'Z', team: 'web', service: 's2' }, { startsAt: T0 });
    provider.post(x, y, z);
    expect(dispatcher.groupCount).toBe(4);
    clock.advance(0);
    expect(recorder.flushes.map((f) => f.ctx.groupKey).sort()).toEqual([
      '{}/{team="db"}:{service="s1"}',
      '{}/{}:{alertname="X", service="s1", team="db"}',
      '{}/{}:{alertname="Y", service="s1", team="db"}',
      '{}/{}:{alertname="Z", service="s2", team="web"}',
    ]);

    const { groups, receivers } = dispatcher.groups();
    expect(groups.map((g) => [g.labels.toString(), g.receiver, g.alerts.map((a) => a.labels.get('alertname'))])).toEqual([
      ['{service="s1"}', 'db', ['X', 'Y']],
      ['{alertname="X", service="s1", team="db"}', 'all', ['X']],
      ['{alertname="Y", service="s1", team="db"}', 'all', ['Y']],
      ['{alertname="Z", service="s2", team="web"}', 'all', ['Z']],
    ]);
    expect(receivers.get(x.fingerprint)).toEqual(['all', 'db']);
    expect(receivers.get(z.fingerprint)).toEqual(['all']);

    const filtered = dispatcher.groups({ route: (r) => r.opts.receiver === 'db', alert: (a) => a.labels.get('alertname') !== 'Y' });
    expect(filtered.groups.map((g) => g.alerts.map((a) => a.labels.get('alertname')))).toEqual([['X']]);
    expect([...filtered.receivers.keys()]).toEqual([x.fingerprint]);
  });

  it('starts from the current alerts and stops following the provider on stop', async () => {
    const old = alert({ alertname: 'Old', a: 'v1', b: 'v2' }, { startsAt: T0 - HOUR });
    const { provider, recorder, dispatcher, at } = setup({ current: [old] });
    dispatcher.start();
    expect(provider.subscribed).toBe(true);
    await at(0);
    expect(recorder.names(0)).toEqual(['Old']);
    dispatcher.stop();
    expect(provider.subscribed).toBe(false);
    expect(dispatcher.groupCount).toBe(0);
    await at(HOUR);
    expect(recorder.flushes).toHaveLength(1);
  });

  it('aborts notifications in flight on stop', async () => {
    let reason: unknown;
    const { provider, dispatcher, step } = setup({
      pipeline: () => ({
        exec: (ctx) =>
          new Promise((_, reject) =>
            ctx.signal.addEventListener('abort', () => {
              reason = ctx.signal.reason;
              reject(reason as Error);
            }),
          ),
      }),
    });
    dispatcher.start();
    provider.post(a('v3', { startsAt: T0 - HOUR }));
    await step(0);
    dispatcher.stop();
    expect((reason as Error).message).toBe('context canceled');
  });
});

describe('Dispatcher with the notification pipeline (TestDispatchOnStartup and repeat_interval)', () => {
  function pipelineSetup(nflog: (clock: VirtualClock) => NotificationLog, current: StoredAlert[] = []) {
    let integration!: ScriptedIntegration;
    let log!: NotificationLog;
    const s = setup({
      current,
      groupInterval: MINUTE,
      pipeline: (clock) => {
        log = nflog(clock);
        integration = new ScriptedIntegration([], true, 0, () => clock.now());
        return buildPipeline({
          receivers: new Map([['n1', [integration]]]),
          inhibitor: { mutes: () => false },
          silencer: { mutes: () => false },
          inTimeIntervals: () => false,
          nflog: log,
          clock,
        });
      },
    });
    return { ...s, integration, log };
  }

  it('notifies again only once repeat_interval has passed, and on changes', async () => {
    const { provider, dispatcher, integration, at } = pipelineSetup((clock) => new NotificationLog({ clock }));
    dispatcher.start();
    const firing = a('v3', { startsAt: T0 - HOUR });
    provider.post(firing);
    for (let t = 0; t <= HOUR + 2 * MINUTE; t += MINUTE) await at(t);
    expect(integration.calls.map((c) => [c.at - T0, c.ctx.notificationReason])).toEqual([
      [0, 'first notification'],
      [HOUR + MINUTE, 'repeat interval elapsed'],
    ]);
    provider.post({ ...firing, endsAt: T0 + HOUR + 2 * MINUTE + 1, updatedAt: T0 + HOUR + 2 * MINUTE + 1 });
    await at(HOUR + 3 * MINUTE);
    expect(integration.calls.at(-1)!.ctx.notificationReason).toBe('all alerts resolved');
    expect(dispatcher.groupCount).toBe(0);
  });

  it('after a restart, flushes old alerts at once and lets the loaded log suppress repeats', async () => {
    const old = a('v3', { startsAt: T0 - HOUR });
    const first = pipelineSetup((clock) => new NotificationLog({ clock }), [old]);
    first.dispatcher.start();
    await first.at(0);
    expect(first.integration.calls).toHaveLength(1);
    first.dispatcher.stop();
    const persisted = first.log.entries();

    const second = pipelineSetup((clock) => {
      const log = new NotificationLog({ clock });
      log.load(persisted);
      return log;
    }, [old]);
    await second.at(10 * MINUTE);
    second.dispatcher.start();
    await second.at(10 * MINUTE);
    expect(second.integration.calls).toEqual([]);
    second.provider.post(a('v4', { startsAt: T0 + 10 * MINUTE }));
    await second.at(11 * MINUTE);
    expect(second.integration.calls.map((c) => c.ctx.notificationReason)).toEqual(['new alerts added']);
  });
});
