import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/clock.js';
import type { NotificationLogEntry, ReceiverRef } from '../../../src/alertmanager/model.js';
import { DEFAULT_RETENTION_MS, NotificationLog } from '../../../src/alertmanager/nflog/notification-log.js';

const HOUR = 3_600_000;
const receiver: ReceiverRef = { groupName: 'team', integration: 'webhook', index: 0 };

describe('NotificationLog', () => {
  it('keeps the last entry per group and integration', () => {
    const clock = new VirtualClock(1000);
    const log = new NotificationLog({ clock });
    log.log(receiver, 'g1', ['1', '2'], [], 2 * HOUR);
    clock.advance(5000);
    log.log(receiver, 'g1', ['1'], ['2'], 2 * HOUR);
    log.log({ ...receiver, index: 1 }, 'g1', ['3'], [], 2 * HOUR);
    expect(log.size).toBe(2);
    expect(log.query('g1', receiver)).toEqual({
      groupKey: 'g1', receiver, timestamp: 6000, firingAlerts: ['1'], resolvedAlerts: ['2'], expiresAt: 6000 + 2 * HOUR,
    });
    expect(log.query('g2', receiver)).toBeUndefined();
    expect(log.query('g1', { ...receiver, integration: 'slack' })).toBeUndefined();
  });

  it('expires entries after the expiry, capped by the retention', () => {
    const clock = new VirtualClock(0);
    const log = new NotificationLog({ clock, retention: 3 * HOUR });
    log.log(receiver, 'short', [], [], HOUR);
    log.log(receiver, 'long', [], [], 10 * HOUR);
    log.log(receiver, 'none', [], [], 0);
    expect(log.query('short', receiver)?.expiresAt).toBe(HOUR);
    expect(log.query('long', receiver)?.expiresAt).toBe(3 * HOUR);
    expect(log.query('none', receiver)?.expiresAt).toBe(3 * HOUR);
    expect(new NotificationLog({ clock }).entries()).toEqual([]);
    expect(DEFAULT_RETENTION_MS).toBe(120 * HOUR);
  });

  it('garbage-collects expired entries, still answering for them until then', () => {
    const clock = new VirtualClock(0);
    const log = new NotificationLog({ clock });
    log.log(receiver, 'a', ['1'], [], HOUR);
    log.log(receiver, 'b', ['1'], [], 2 * HOUR);
    clock.advance(HOUR);
    expect(log.query('a', receiver)).toBeDefined();
    expect(log.gc().map((e) => e.groupKey)).toEqual(['a']);
    expect(log.query('a', receiver)).toBeUndefined();
    expect(log.entries().map((e) => e.groupKey)).toEqual(['b']);
  });

  it('collects on the clock when maintenance runs', () => {
    const clock = new VirtualClock(0);
    const log = new NotificationLog({ clock });
    const collected: string[][] = [];
    const stop = log.startMaintenance(15 * 60_000, (removed) => collected.push(removed.map((e) => e.groupKey)));
    log.log(receiver, 'a', [], [], 20 * 60_000);
    clock.advance(15 * 60_000);
    expect(log.size).toBe(1);
    clock.advance(15 * 60_000);
    expect(log.size).toBe(0);
    expect(collected).toEqual([['a']]);
    stop();
    log.log(receiver, 'b', [], [], 1);
    clock.advance(HOUR);
    expect(log.size).toBe(1);
  });

  it('loads persisted entries: skips expired ones and never replaces a newer entry', () => {
    const clock = new VirtualClock(10 * HOUR);
    const log = new NotificationLog({ clock });
    log.log(receiver, 'kept', ['new'], [], 4 * HOUR);
    const entry = (groupKey: string, timestamp: number, expiresAt: number): NotificationLogEntry => ({
      groupKey, receiver, timestamp, firingAlerts: ['old'], resolvedAlerts: [], expiresAt,
    });
    log.load([entry('kept', 9 * HOUR, 12 * HOUR), entry('loaded', 9 * HOUR, 12 * HOUR), entry('expired', HOUR, 9 * HOUR)]);
    expect(log.query('kept', receiver)?.firingAlerts).toEqual(['new']);
    expect(log.query('loaded', receiver)?.timestamp).toBe(9 * HOUR);
    expect(log.query('expired', receiver)).toBeUndefined();
  });

  it('round-trips through entries() and load()', () => {
    const clock = new VirtualClock(0);
    const log = new NotificationLog({ clock });
    log.log(receiver, 'a', ['1'], ['2'], HOUR);
    log.log({ groupName: 'other', integration: 'email', index: 2 }, 'b', [], ['3'], HOUR);
    const restored = new NotificationLog({ clock });
    restored.load(JSON.parse(JSON.stringify(log.entries())) as NotificationLogEntry[]);
    expect(restored.entries()).toEqual(log.entries());
  });

  it('tells subscribers about every logged entry', () => {
    const clock = new VirtualClock(0);
    const log = new NotificationLog({ clock });
    const seen: string[] = [];
    const unsubscribe = log.subscribe((e) => seen.push(e.groupKey));
    log.log(receiver, 'a', [], [], HOUR);
    unsubscribe();
    log.log(receiver, 'b', [], [], HOUR);
    expect(seen).toEqual(['a']);
  });

  it('ignores a write older than the entry it would replace', () => {
    const clock = new VirtualClock(5000);
    const log = new NotificationLog({ clock });
    log.load([{ groupKey: 'a', receiver, timestamp: 9000, firingAlerts: ['future'], resolvedAlerts: [], expiresAt: HOUR }]);
    log.log(receiver, 'a', ['now'], [], HOUR);
    expect(log.query('a', receiver)?.firingAlerts).toEqual(['future']);
  });
});
