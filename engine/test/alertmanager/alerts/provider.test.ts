import { describe, expect, it } from 'vitest';
import { AlertMarker } from '../../../src/alertmanager/alerts/marker.js';
import { AlertProvider, type AlertListener } from '../../../src/alertmanager/alerts/provider.js';
import { ingestPostedAlerts } from '../../../src/alertmanager/alerts/ingest.js';
import { parsePostableAlerts } from '../../../src/alertmanager/alerts/postable-alert.js';
import type { HistoryEvent, StoredAlert } from '../../../src/alertmanager/model.js';
import { VirtualClock } from '../../../src/clock.js';
import { alert, MINUTE, SECOND, stored, T0 } from './alert-fixtures.js';

function setup(gcInterval?: number) {
  const clock = new VirtualClock(T0);
  const marker = new AlertMarker();
  const history: HistoryEvent[] = [];
  const provider = new AlertProvider({ clock, marker, gcInterval, onHistory: (e) => history.push(e) });
  return { clock, marker, history, provider };
}

function recorder(): AlertListener & { stored: [StoredAlert, boolean][]; deleted: StoredAlert[][] } {
  const stored: [StoredAlert, boolean][] = [];
  const deleted: StoredAlert[][] = [];
  return { stored, deleted, alertStored: (a, existing) => stored.push([a, existing]), alertsDeleted: (as) => deleted.push([...as]) };
}

describe('AlertProvider', () => {
  it('stores alerts by fingerprint with the fingerprint set', () => {
    const { provider } = setup();
    const [result] = provider.put([alert({ labels: { alertname: 'X' }, endsAt: T0 + MINUTE })]);
    expect(result!.fingerprint).toBe(stored({ labels: { alertname: 'X' } }).fingerprint);
    expect(provider.get(result!.fingerprint)).toBe(result);
    expect(provider.size).toBe(1);
  });

  it('merges an overlapping re-sent alert and replaces one that does not overlap', () => {
    const { provider } = setup();
    provider.put([alert({ startsAt: T0, endsAt: T0 + 10 * MINUTE, annotations: { v: '1' } })]);
    const [merged] = provider.put([alert({ startsAt: T0 + MINUTE, endsAt: T0 + 5 * MINUTE, annotations: { v: '2' }, updatedAt: T0 + SECOND })]);
    expect(merged).toMatchObject({ startsAt: T0, endsAt: T0 + 10 * MINUTE, annotations: { v: '2' } });
    const [replaced] = provider.put([alert({ startsAt: T0 + 20 * MINUTE, endsAt: T0 + 30 * MINUTE, updatedAt: T0 + 2 * SECOND })]);
    expect(replaced).toMatchObject({ startsAt: T0 + 20 * MINUTE, endsAt: T0 + 30 * MINUTE });
  });

  it('hands every put alert to listeners, and replays stored alerts to a new subscriber', () => {
    const { provider } = setup();
    const first = recorder();
    provider.subscribe(first);
    provider.put([alert({ labels: { a: '1' } }), alert({ labels: { a: '2' } })]);
    provider.put([alert({ labels: { a: '1' } })]);
    expect(first.stored.map(([a, existing]) => [a.labels.get('a'), existing])).toEqual([
      ['1', false],
      ['2', false],
      ['1', true],
    ]);
    const late = recorder();
    const unsubscribe = provider.subscribe(late, { replay: true });
    expect(late.stored.map(([a]) => a.labels.get('a')).sort()).toEqual(['1', '2']);
    unsubscribe();
    provider.put([alert({ labels: { a: '3' } })]);
    expect(late.stored).toHaveLength(2);
  });

  it('garbage-collects resolved alerts on the clock, with their markers, and tells listeners', () => {
    const { provider, clock, marker } = setup(10 * MINUTE);
    const listener = recorder();
    provider.subscribe(listener);
    const [resolving, firing] = provider.put([
      alert({ labels: { a: 'resolving' }, endsAt: T0 + 5 * MINUTE }),
      alert({ labels: { a: 'firing' }, endsAt: T0 + 60 * MINUTE }),
    ]);
    marker.setInhibited(resolving!.fingerprint, ['x']);
    provider.start();
    clock.advance(9 * MINUTE);
    expect(provider.size).toBe(2);
    clock.advance(MINUTE);
    expect(provider.list()).toEqual([firing]);
    expect(listener.deleted).toEqual([[resolving]]);
    expect(marker.status(resolving!.fingerprint).state).toBe('unprocessed');
    provider.stop();
    clock.advance(60 * MINUTE);
    expect(provider.size).toBe(1);
  });

  it('records history: received, re-activated, resolved and expired', () => {
    const { provider, clock, history } = setup();
    const a = (endsAt: number) => alert({ startsAt: clock.now(), endsAt, updatedAt: clock.now() });
    provider.put([a(T0 + 5 * MINUTE)]);
    provider.put([a(T0 + 6 * MINUTE)]);
    clock.advance(MINUTE);
    provider.put([a(clock.now())]);
    clock.advance(MINUTE);
    provider.put([a(clock.now() + 5 * MINUTE)]);
    clock.advance(10 * MINUTE);
    provider.gc();
    expect(history.map((e) => [e.kind, e.at - T0, e.data?.['reactivated']])).toEqual([
      ['alert.received', 0, false],
      ['alert.resolved', MINUTE, undefined],
      ['alert.received', 2 * MINUTE, true],
      ['alert.expired', 12 * MINUTE, undefined],
    ]);
    expect(new Set(history.map((e) => e.fingerprint)).size).toBe(1);
  });

  it('stores every alert even when a listener throws, then rethrows, or hands the error to onListenerError', () => {
    const { provider } = setup();
    provider.subscribe({ alertStored: () => { throw new Error('listener broke'); } });
    const after = recorder();
    provider.subscribe(after);
    expect(() => provider.put([alert({ labels: { a: '1' } }), alert({ labels: { a: '2' } })])).toThrow('listener broke');
    expect(provider.size).toBe(2);
    expect(after.stored).toHaveLength(2);

    const errors: unknown[] = [];
    const quiet = new AlertProvider({ clock: new VirtualClock(T0), onListenerError: (e) => errors.push(e) });
    quiet.subscribe({ alertStored: () => { throw new Error('again'); } });
    quiet.put([alert()]);
    expect(errors).toHaveLength(1);
  });

  it('loads records from the store without telling listeners', () => {
    const { provider } = setup();
    const listener = recorder();
    provider.subscribe(listener);
    provider.load([stored({ labels: { a: '1' }, endsAt: T0 + MINUTE })]);
    expect(provider.size).toBe(1);
    expect(listener.stored).toEqual([]);
  });

  // Alertmanager's acceptance test testMergeAlerts, with Prometheus >= 2.4 sending endsAt = t + 3s.
  it('keeps the earliest start, the newest annotations and the latest resolve time of a re-sent alert', () => {
    const { provider, clock } = setup();
    const at = (s: number) => T0 + s * SECOND;
    const post = (s: number, body: Record<string, unknown>) => {
      clock.advanceTo(at(s));
      const { alerts } = ingestPostedAlerts(parsePostableAlerts([{ labels: { alertname: 'test' }, ...body }]), {
        now: clock.now(),
        resolveTimeout: 5 * MINUTE,
      });
      return provider.put(alerts)[0]!;
    };
    const iso = (s: number) => new Date(at(s)).toISOString();
    post(1, { startsAt: iso(1.1), endsAt: iso(4.1) });
    expect(post(1.2, { startsAt: iso(1) })).toMatchObject({ startsAt: at(1) });
    expect(post(2.1, { startsAt: iso(2), endsAt: iso(5), annotations: { ann: 'v1' } })).toMatchObject({ startsAt: at(1), annotations: { ann: 'v1' } });
    expect(post(3.6, { startsAt: iso(1.5), endsAt: iso(4.5), annotations: { ann: 'v2' } })).toMatchObject({ startsAt: at(1), annotations: { ann: 'v2' } });
    post(4.6, { startsAt: iso(3), endsAt: iso(4.5), annotations: { ann: 'v2' } });
    post(4.8, { startsAt: iso(2.9), endsAt: iso(4.8), annotations: { ann: 'v3' } });
    expect(post(4.8, { startsAt: iso(2.9), endsAt: iso(4.1), annotations: { ann: 'v3' } })).toMatchObject({
      startsAt: at(1),
      endsAt: at(4.8),
      annotations: { ann: 'v3' },
    });
    expect(post(5.3, { startsAt: iso(5), endsAt: iso(8) })).toMatchObject({ startsAt: at(5), annotations: {} });
  });
});
